// A task: the case in business terms first (stage, whom it waits on, until when),
// then what the decision needs (the rules' maximum with its explanation, evidence,
// earlier decisions, the panel's scores once closed), then the form.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, List, Row, Spin, Table, Typography } from 'antd';
import { Link, useParams } from '../../../lib/router';
import { ApiProblem } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/dates';
import { articleName } from '../../../lib/domain-terms';
import { useI18n } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { sessionQuery } from '../../auth/api/session';
import { DueBadge } from '../../inbox/components/DueBadge';
import { assessmentQuery, caseQuery, decisionFormQuery, panelQuery, taskQuery } from '../api/tasks';
import { DecisionForm } from './DecisionForm';
import { YearOverYearCard } from '../../year-over-year/components/YearOverYearCard';
import { DecisionOutcome } from './DecisionOutcome';

const STAFF = new Set(['officer', 'committee', 'finance', 'supervisor', 'ops']);
const PANEL_READERS = new Set(['officer', 'committee', 'supervisor', 'ops']);

export function TaskPage() {
  const { taskId = '' } = useParams();
  const { t, term, lang } = useI18n();
  const session = useQuery(sessionQuery);
  const role = session.data?.user.role ?? '';
  const task = useQuery(taskQuery(taskId));
  const caseId = task.data?.caseId ?? '';
  const theCase = useQuery({ ...caseQuery(caseId), enabled: !!caseId });
  // Also for a closed task: its criteria read the earlier score sheets.
  const form = useQuery({ ...decisionFormQuery(taskId), enabled: !!task.data });
  const assessment = useQuery({ ...assessmentQuery(caseId, lang), enabled: !!caseId && STAFF.has(role) && role !== 'finance' });
  const panel = useQuery({ ...panelQuery(caseId), enabled: !!caseId && PANEL_READERS.has(role) });

  if (task.isPending) return <Spin />;
  if (task.error) return <Alert type="error" title={task.error instanceof ApiProblem ? task.error.message : String(task.error)} />;
  const tk = task.data;
  const c = theCase.data;
  const mayDecide = tk.status === 'open' && tk.role === role && (!tk.assignee || tk.assignee === session.data?.user.id);

  return (
    <article aria-labelledby="task-title">
      <Typography.Title level={1} id="task-title" style={{ fontSize: 22 }}>
        {term(tk.kind)} · <Link to={`/cases/${encodeURIComponent(tk.caseId)}`}>{tk.caseId}</Link>
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }} data-testid="task-summary">
        <Descriptions.Item label={t('program')}>{term(tk.program)}</Descriptions.Item>
        <Descriptions.Item label={t('stage')}>{term(c?.stage ?? tk.stage)}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>{term(tk.status)}</Descriptions.Item>
        <Descriptions.Item label={t('waitsOn')}>{term(tk.role)}{tk.assignee ? ` · ${tk.assignee}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('until')}><DueBadge dueAt={tk.dueAt} /></Descriptions.Item>
        <Descriptions.Item label={t('enterprise')}>{c ? (c.enterpriseName ?? c.enterpriseId) : '…'}</Descriptions.Item>
        {c?.approvedAmountFen != null && <Descriptions.Item label={t('approved')}>{fenToYuan(c.approvedAmountFen)}</Descriptions.Item>}
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <YearOverYearCard task={tk} supportYear={c?.supportYear} />
          {assessment.data && (
            <Card title={`${t('rulesMaximum')}: ${fenToYuan(assessment.data.decision.decidedAmount ? assessment.data.decision.maximumFen : assessment.data.amountFen)}`} size="small" style={{ marginBottom: 16 }} data-testid="assessment">
              <Typography.Paragraph strong>{t('explanation')}</Typography.Paragraph>
              <List size="small" dataSource={assessment.data.trace} renderItem={(step) => <List.Item>{lang === 'zh' ? step.textZh : step.textEn}</List.Item>} />
              {assessment.data.reasons.map((r) => (
                <Alert key={r.article + r.message} type="warning" title={`${articleName(r.article, lang)} ${lang === 'zh' ? r.messageZh : r.message}`} />
              ))}
            </Card>
          )}
          {c && (
            <Card title={t('evidence')} size="small" style={{ marginBottom: 16 }}>
              <List size="small" dataSource={c.evidence} renderItem={(e) => <List.Item>{term(e.kind)}: {e.reference}</List.Item>} />
            </Card>
          )}
          {c?.doneTasks && c.doneTasks.length > 0 && (
            <Card title={t('earlierDecisions')} size="small" style={{ marginBottom: 16 }}>
              <Table size="small" rowKey="taskId" pagination={false} dataSource={c.doneTasks} data-testid="earlier-decisions"
                columns={[
                  { title: t('kind'), dataIndex: 'kind', render: (k: string) => term(k) },
                  { title: t('actor'), dataIndex: 'closedBy' },
                  { title: t('date'), dataIndex: 'closedAt', onCell: () => ({ style: { whiteSpace: 'nowrap' } }), render: (d: string | null) => formatDateTime(d) },
                  { title: t('decision'), dataIndex: 'outcome', render: (o: Record<string, unknown> | null) => <DecisionOutcome outcome={o} criteria={form.data?.criteria ?? null} passMark={form.data?.passMark ?? null} /> },
                ]} />
            </Card>
          )}
          {panel.data?.closed && (
            <Card title={t('expertScores')} size="small" style={{ marginBottom: 16 }}>
              <Table size="small" rowKey="seat" pagination={false} dataSource={panel.data.seats}
                columns={[
                  { title: '#', dataIndex: 'seat' },
                  { title: t('status'), dataIndex: 'status', render: (st: string) => term(st) },
                  { title: t('totalPoints'), dataIndex: 'totalPoints' },
                ]} />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={12}>
          {mayDecide && form.data ? (
            <Card size="small"><DecisionForm task={tk} form={form.data} theCase={c} /></Card>
          ) : tk.status === 'open' ? (
            <Alert type="info" title={t('notYours')} />
          ) : (
            <Alert type="success" title={`${term(tk.status)} · ${formatDateTime(tk.closedAt)} · ${tk.closedBy ?? ''}`} />
          )}
        </Col>
      </Row>
    </article>
  );
}
