// A case: its stages with dates, open and done tasks, money per support year and
// component, the panel as the caller may see it, the timeline with links to each
// run in the Temporal Web UI, and a decision notice per approved support year.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Descriptions, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from '../../../lib/router';
import { ApiProblem } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/dates';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { Money, renderMoney } from '../../../lib/Money';
import { sessionQuery } from '../../auth/api/session';
import { DueBadge } from '../../inbox/components/DueBadge';
import { caseQuery, panelQuery } from '../../tasks/api/tasks';
import { timelineQuery } from '../api/cases';
import type { TimelineEntry } from '../api/cases';
import { caseMessages } from '../messages';
import { CaseActions } from './CaseActions';
import { moneyRows } from './money';
import type { MoneyRow } from './money';
import { stageSteps } from './stage-steps';

const PANEL_READERS = ['officer', 'committee', 'supervisor', 'ops', 'expert'];
const TIMELINE_READERS = ['officer', 'supervisor', 'ops'];
/** The engine's own bookkeeping: hidden from the timeline unless asked for. */
const ENGINE_EVENTS = /^(workflow-task-|marker-recorded|upsert-workflow-search-attributes)/;

export function CasePage() {
  const { caseId = '' } = useParams();
  const { t, term } = useI18n();
  const m = useMessages(caseMessages);
  const session = useQuery(sessionQuery);
  const role = session.data?.user.role ?? '';
  const theCase = useQuery(caseQuery(caseId));
  const panel = useQuery({ ...panelQuery(caseId), enabled: PANEL_READERS.includes(role) });
  const timeline = useQuery({ ...timelineQuery(caseId), enabled: TIMELINE_READERS.includes(role) });
  const [allEvents, setAllEvents] = useState(false);

  if (theCase.isPending) return <Spin />;
  if (theCase.error) return <Alert type="error" title={theCase.error instanceof ApiProblem ? theCase.error.message : String(theCase.error)} />;
  const c = theCase.data;
  const { steps, current } = stageSteps(c);
  const money = moneyRows(c);

  return (
    <article aria-labelledby="case-title">
      <Typography.Title level={1} id="case-title" style={{ fontSize: 22 }}>
        {t('case')} {c.caseId} <Tag>{term(c.status)}</Tag>
      </Typography.Title>
      <Descriptions bordered size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('program')}>{term(c.program)}</Descriptions.Item>
        <Descriptions.Item label={t('enterprise')}>{c.enterpriseName ?? c.enterpriseId}</Descriptions.Item>
        <Descriptions.Item label={t('submittedOn')}>{c.submittedOn}</Descriptions.Item>
        <Descriptions.Item label={t('policyVersion')}>{c.policyVersion}</Descriptions.Item>
        <Descriptions.Item label={t('supportYear')}>{c.supportYear}</Descriptions.Item>
        <Descriptions.Item label={t('maximum')}>{fenToYuan(c.maximumAmountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('approved')}>{fenToYuan(c.approvedAmountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('stage')}>{term(c.stage)}</Descriptions.Item>
      </Descriptions>
      <Card title={t('stages')} size="small" style={{ marginBottom: 16 }}>
        <Steps size="small" current={current} data-testid="stage-steps"
          status={c.status === 'rejected' || c.status === 'revoked' || c.status === 'ended' ? 'error' : c.stage === 'closed' ? 'finish' : 'process'}
          items={steps.map((s) => ({ title: term(s.stage), content: s.date ? (s.since ? m.since.replace('{date}', formatDate(s.date)) : formatDate(s.date)) : undefined }))} />
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
      {money.length > 0 && (
        <Card title={t('money')} size="small" style={{ marginBottom: 16 }}>
          <Table<MoneyRow> size="small" rowKey="key" pagination={false} dataSource={money} data-testid="money-table" scroll={{ x: 'max-content' }}
            columns={[
              { title: t('supportYear'), dataIndex: 'supportYear' },
              { title: t('component'), dataIndex: 'component', render: (name: string) => term(name) },
              { title: t('maximum'), dataIndex: 'maximumFen', align: 'right', render: renderMoney },
              { title: t('approved'), dataIndex: 'approvedFen', align: 'right', render: renderMoney },
              { title: t('paid'), dataIndex: 'paidFen', align: 'right', render: renderMoney },
              { title: t('recovered'), dataIndex: 'recoveredFen', align: 'right', render: (fen: number, r) => <><Money fen={fen} />{r.owedFen > 0 && <> ({m.owed} <Money fen={r.owedFen} />)</>}</> },
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
          <Table size="small" rowKey="seat" pagination={false} dataSource={panel.data.seats} data-testid="panel-table"
            columns={[
              { title: '#', dataIndex: 'seat' },
              { title: term('expert'), dataIndex: 'expertId', render: (e?: string | null) => e ?? '—' },
              { title: t('status'), dataIndex: 'status', render: (s: string) => term(s) },
              { title: t('totalPoints'), dataIndex: 'totalPoints', render: (p?: number | null) => (panel.data.closed ? (p ?? '—') : '—') },
            ]} />
        </Card>
      )}
      <CaseActions theCase={c} role={role} />
      {timeline.data && (
        <Card title={t('timeline')} size="small" extra={<Checkbox checked={allEvents} onChange={(e) => setAllEvents(e.target.checked)}>{m.allEvents}</Checkbox>}>
          {!timeline.data.workflowHistoryAvailable && <Alert type="info" title={m.noTimeline} style={{ marginBottom: 8 }} />}
          <Table<TimelineEntry> size="small" rowKey={(e) => `${e.source}-${e.at}-${e.eventId ?? e.what}`} pagination={{ pageSize: 50 }} dataSource={allEvents ? timeline.data.entries : timeline.data.entries.filter((e) => e.source === 'audit' || !ENGINE_EVENTS.test(e.what))} data-testid="timeline"
            columns={[
              { title: t('date'), dataIndex: 'at', render: (d: string) => formatDateTime(d) },
              { title: t('action'), dataIndex: 'what', render: (what: string, e) => (e.source === 'audit' ? <strong>{term(what)}</strong> : what) },
              { title: t('actor'), dataIndex: 'actor', render: (a?: string) => a ?? '' },
              { title: '', dataIndex: 'summary', render: (s: string, e) => (e.source === 'audit' ? (e.reason ?? '') : s) },
              {
                title: t('temporalRun'),
                dataIndex: 'runUrl',
                render: (url: string | undefined, e) =>
                  url ? <a href={url} target="_blank" rel="noreferrer">{`${m.run} ${e.run ?? ''}${e.eventId ? ` · ${m.event} ${e.eventId}` : ''}`}</a> : '',
              },
            ]} />
        </Card>
      )}
    </article>
  );
}
