// One of my cases: where it stands and what it expects of me (a correction with the
// officer's request, a yearly report in its window), what I filed, the money and the
// decision notices, and withdrawal while the case allows it. Nothing here names an
// officer or an expert: the API does not give them to an applicant.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, List, Space, Spin, Table, Tag, Typography } from 'antd';
import { ApiProblem } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/dates';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { Link, useParams } from '../../../lib/router';
import { moneyRows } from '../../cases/components/money';
import { caseQuery } from '../../tasks/api/tasks';
import { guideOnQuery } from '../api/applicant';
import { messages } from '../messages';
import { CorrectionCard } from './CorrectionCard';
import { nextStepOf } from './next-step';
import { WithdrawCard } from './WithdrawCard';
import { YearlyReportCard } from './YearlyReportCard';

export function MyCasePage() {
  const { caseId = '' } = useParams();
  const { lang, term } = useI18n();
  const m = useMessages(messages);
  // A case just filed reaches the read model a moment after the API accepted it.
  const theCase = useQuery({ ...caseQuery(caseId), retry: (attempt, error) => error instanceof ApiProblem && error.status === 404 && attempt < 20, retryDelay: 500 });
  const c = theCase.data;
  const guide = useQuery({ ...guideOnQuery(c?.program ?? '', c?.submittedOn ?? ''), enabled: !!c });
  if (theCase.isPending) return <Spin />;
  if (theCase.error || !c) return <Alert type="error" title={theCase.error instanceof ApiProblem ? theCase.error.message : String(theCase.error)} />;
  const g = guide.data;
  const next = nextStepOf(c, lang);
  const correction = c.openTasks.find((t) => t.kind === 'correction');
  const report = c.openTasks.find((t) => t.kind === 'yearly-report');
  const anythingPaid = (c.payments ?? []).some((p) => p.status === 'paid');
  const notices = (c.approvals ?? []).filter((a) => a.status === 'reserved');
  const factName = (fact: string) => [...(g?.applicationFacts.required ?? []), ...(g?.applicationFacts.optional ?? [])].find((f) => f.fact === fact);
  const componentName = (name: string) => g?.components.find((x) => x.component === name)?.name[lang] ?? name;

  return (
    <article aria-labelledby="my-case-title">
      <Typography.Paragraph><Link to="/my-cases">{m.back}</Link></Typography.Paragraph>
      <Typography.Title level={1} id="my-case-title" style={{ fontSize: 22 }}>
        {g ? `${g.articleName[lang]} · ${g.title[lang]}` : c.program} <Tag>{term(c.status)}</Tag>
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="my-case-summary">
        <Descriptions.Item label={lang === 'zh' ? '案件' : 'Case'}>{c.caseId}</Descriptions.Item>
        <Descriptions.Item label={m.submittedOn}>{c.submittedOn}</Descriptions.Item>
        <Descriptions.Item label={m.supportYear}>{c.supportYear}</Descriptions.Item>
        <Descriptions.Item label={m.stage}>{term(c.stage)}</Descriptions.Item>
        <Descriptions.Item label={m.maximum}>{fenToYuan(c.maximumAmountFen)}</Descriptions.Item>
        <Descriptions.Item label={m.approved}>{fenToYuan(c.approvedAmountFen)}</Descriptions.Item>
        {c.closedReason && <Descriptions.Item label={m.closedReason} span={3}>{c.closedReason}</Descriptions.Item>}
      </Descriptions>
      <Alert type={next.mine ? 'warning' : 'info'} style={{ marginBottom: 16 }} data-testid="next-step"
        title={`${next.mine ? m.expected : m.waiting}: ${next.text}${next.dueAt ? ` · ${m.due} ${formatDateTime(next.dueAt)}` : ''}`} />
      {correction && g && <CorrectionCard theCase={c} taskId={correction.taskId} guide={g} />}
      {report && g?.yearlyReportFacts && <YearlyReportCard theCase={c} dueAt={report.dueAt} facts={g.yearlyReportFacts} />}
      {(c.payments ?? []).length > 0 && (
        <Card title={m.money} size="small" style={{ marginBottom: 16 }}>
          <Table size="small" rowKey="key" pagination={false} dataSource={moneyRows(c)} data-testid="my-money"
            columns={[
              { title: m.supportYear, dataIndex: 'supportYear' },
              { title: m.component, dataIndex: 'component', render: componentName },
              { title: m.approved, dataIndex: 'instructedFen', render: fenToYuan },
              { title: m.paid, dataIndex: 'paidFen', render: fenToYuan },
            ]} />
        </Card>
      )}
      {notices.length > 0 && (
        <Card title={m.decisionNotices} size="small" style={{ marginBottom: 16 }}>
          <Space wrap>
            {notices.map((a) => (
              <Link key={a.supportYear} to={`/cases/${encodeURIComponent(c.caseId)}/notice/${a.supportYear}`} data-testid="decision-notice-link">
                {m.noticeOfYear.replace('{year}', String(a.supportYear))} · {fenToYuan(a.amountFen)}
              </Link>
            ))}
          </Space>
        </Card>
      )}
      <Card title={m.whatWasFiled} size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="filed-facts">
          {Object.entries(c.requestedFacts).map(([fact, value]) => {
            const known = factName(fact);
            const shown = typeof value === 'boolean' ? (value ? m.yes : m.no) : known?.unit === 'fen' ? fenToYuan(value as number) : `${String(value)}${known?.unit === 'm2' ? ' m²' : ''}`;
            return <Descriptions.Item key={fact} label={known?.name[lang] ?? fact}>{shown}</Descriptions.Item>;
          })}
        </Descriptions>
        <List size="small" header={<strong>{m.evidence}</strong>} dataSource={c.evidence}
          renderItem={(e) => <List.Item>{g?.evidence.find((x) => x.kind === e.kind)?.name[lang] ?? e.kind}: {e.reference}</List.Item>} />
      </Card>
      {c.status === 'in-progress' && !anythingPaid && c.supportYear === 1 && <WithdrawCard caseId={c.caseId} />}
    </article>
  );
}
