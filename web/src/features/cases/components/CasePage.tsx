// A case: its stages with dates, open and done tasks, money per support year and
// component, the panel as the caller may see it, the timeline with links to each
// run in the Temporal Web UI, and a decision notice per approved support year.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { Link, useParams } from '../../../lib/router';
import { ApiProblem } from '../../../lib/api-client';
import type { CaseDetail } from '../../../lib/api-types';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { sessionQuery } from '../../auth/api/session';
import { DueBadge } from '../../inbox/components/DueBadge';
import { caseQuery, panelQuery } from '../../tasks/api/tasks';
import { temporalRunUrl, timelineQuery } from '../api/cases';
import { CaseActions } from './CaseActions';
import { moneyRows } from './money';

const STAGE_ORDER = ['application', 'formal-review', 'correction', 'expert-evaluation', 'committee', 'public-notice', 'disbursement', 'yearly-report', 'yearly-verification', 'recovery', 'closed'];

function stageSteps(c: CaseDetail) {
  const reached = new Map<string, string>([['application', c.submittedOn]]);
  for (const t of c.doneTasks ?? []) if (t.closedAt && !reached.has(t.stage)) reached.set(t.stage, t.closedAt);
  const relevant = STAGE_ORDER.filter((s) => reached.has(s) || s === c.stage || ['formal-review', 'committee', 'public-notice', 'disbursement', 'closed'].includes(s));
  return { relevant, reached, current: Math.max(relevant.indexOf(c.stage), 0) };
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t, term } = useI18n();
  const session = useQuery(sessionQuery);
  const role = session.data?.user.role ?? '';
  const theCase = useQuery(caseQuery(caseId));
  const panel = useQuery({ ...panelQuery(caseId), enabled: ['officer', 'committee', 'supervisor', 'ops', 'expert'].includes(role) });
  const timeline = useQuery({ ...timelineQuery(caseId), enabled: ['officer', 'supervisor', 'ops'].includes(role) });

  if (theCase.isPending) return <Spin />;
  if (theCase.error) return <Alert type="error" title={theCase.error instanceof ApiProblem ? theCase.error.message : String(theCase.error)} />;
  const c = theCase.data;
  const { relevant, reached, current } = stageSteps(c);
  const money = moneyRows(c);

  return (
    <article aria-labelledby="case-title">
      <Typography.Title level={1} id="case-title" style={{ fontSize: 22 }}>
        {t('case')} {c.caseId} <Tag>{term(c.status)}</Tag>
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('program')}>{c.program}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise')}>{c.enterpriseName ?? c.enterpriseId}</Descriptions.Item>
        <Descriptions.Item label={t('submittedOn')}>{c.submittedOn}</Descriptions.Item>
        <Descriptions.Item label={t('policyVersion')}>{c.policyVersion}</Descriptions.Item>
        <Descriptions.Item label={t('supportYear')}>{c.supportYear}</Descriptions.Item>
        <Descriptions.Item label={t('maximum')}>{fenToYuan(c.maximumAmountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('approved')}>{fenToYuan(c.approvedAmountFen)}</Descriptions.Item>
      </Descriptions>
      <Card title={t('stages')} size="small" style={{ marginBottom: 16 }}>
        <Steps size="small" current={current} status={c.status === 'rejected' || c.status === 'revoked' ? 'error' : c.stage === 'closed' ? 'finish' : 'process'}
          items={relevant.map((s) => ({ title: term(s), content: reached.has(s) ? formatDate(reached.get(s)!.length === 10 ? `${reached.get(s)}T00:00:00+08:00` : reached.get(s)) : undefined }))} />
      </Card>
      <Card title={t('openTasks')} size="small" style={{ marginBottom: 16 }}>
        <Table size="small" rowKey="taskId" pagination={false} dataSource={c.openTasks} locale={{ emptyText: t('noTasks') }}
          columns={[
            { title: t('kind'), dataIndex: 'kind', render: (k: string, task) => <Link to={`/tasks/${encodeURIComponent(task.taskId)}`}>{term(k)}</Link> },
            { title: t('waitsOn'), dataIndex: 'role', render: (r: string, task) => `${term(r)}${task.assignee ? ` · ${task.assignee}` : ''}` },
            { title: t('due'), dataIndex: 'dueAt', render: (d: string | null) => <DueBadge dueAt={d} /> },
          ]} />
      </Card>
      {c.doneTasks && (
        <Card title={t('doneTasks')} size="small" style={{ marginBottom: 16 }}>
          <Table size="small" rowKey="taskId" pagination={false} dataSource={c.doneTasks}
            columns={[
              { title: t('kind'), dataIndex: 'kind', render: (k: string, task) => <Link to={`/tasks/${encodeURIComponent(task.taskId)}`}>{term(k)}</Link> },
              { title: t('actor'), dataIndex: 'closedBy' },
              { title: t('date'), dataIndex: 'closedAt', render: (d: string | null) => formatDateTime(d) },
              { title: t('status'), dataIndex: 'status', render: (s: string) => term(s) },
            ]} />
        </Card>
      )}
      {c.payments && (
        <Card title={t('money')} size="small" style={{ marginBottom: 16 }}>
          <Table size="small" rowKey="key" pagination={false} dataSource={money} data-testid="money-table"
            columns={[
              { title: t('supportYear'), dataIndex: 'supportYear' },
              { title: t('component'), dataIndex: 'component' },
              { title: t('approved'), dataIndex: 'instructedFen', render: fenToYuan },
              { title: t('paid'), dataIndex: 'paidFen', render: fenToYuan },
              { title: t('recovered'), dataIndex: 'recoveredFen', render: fenToYuan },
            ]} />
          <Space style={{ marginTop: 8 }} wrap>
            {(c.approvals ?? []).filter((a) => a.status === 'reserved').map((a) => (
              <Link key={a.supportYear} to={`/cases/${encodeURIComponent(c.caseId)}/notice/${a.supportYear}`}>
                {t('decisionNotice')} · {t('supportYear')} {a.supportYear} · {fenToYuan(a.amountFen)}
              </Link>
            ))}
          </Space>
        </Card>
      )}
      {panel.data && panel.data.seats.length > 0 && (
        <Card title={t('panel')} size="small" style={{ marginBottom: 16 }}>
          <Table size="small" rowKey="seat" pagination={false} dataSource={panel.data.seats}
            columns={[
              { title: '#', dataIndex: 'seat' },
              { title: term('expert'), dataIndex: 'expertId', render: (e?: string | null) => e ?? '—' },
              { title: t('status'), dataIndex: 'status' },
              { title: t('totalPoints'), dataIndex: 'totalPoints', render: (p?: number | null) => (panel.data.closed ? (p ?? '—') : '—') },
            ]} />
        </Card>
      )}
      <CaseActions theCase={c} role={role} />
      {timeline.data && (
        <Card title={t('timeline')} size="small">
          <Table size="small" rowKey={(e) => `${e.source}-${e.at}-${e.eventId ?? e.what}`} pagination={{ pageSize: 50 }} dataSource={timeline.data.entries}
            columns={[
              { title: t('date'), dataIndex: 'at', render: (d: string) => formatDateTime(d) },
              { title: t('action'), dataIndex: 'what' },
              { title: '', dataIndex: 'summary' },
              {
                title: t('temporalRun'),
                dataIndex: 'runId',
                render: (runId: string | undefined, e) =>
                  runId ? <a href={temporalRunUrl(timeline.data.workflowId, runId)} target="_blank" rel="noreferrer">{`run ${e.run ?? ''}${e.eventId ? ` #${e.eventId}` : ''}`}</a> : '',
              },
            ]} />
        </Card>
      )}
    </article>
  );
}
