// The inbox: my tasks and my role's pool, filtered, counted and ordered, paged by
// keyset 50 at a time; claim and release one or many; j/k/Enter/x on the keyboard.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from '../../../lib/router';
import type { InboxFilters, TaskView } from '../../../lib/api-types';
import { inOffice, officeDayStart } from '../../../lib/dates';
import { useI18n } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { sessionQuery } from '../../auth/api/session';
import { query } from '../../../lib/api-client';
import { BASE } from '../../../lib/router';
import { countsQuery, filtersFromSearch, inboxQuery, savedViewsQuery, useClaimOrRelease, useDeleteView, useSaveView } from '../api/inbox';
import { DueBadge } from './DueBadge';
import { useInboxKeys } from './use-inbox-keys';

const POOLED = new Set(['officer', 'committee', 'finance', 'supervisor']);

export function InboxPage() {
  const { t, term } = useI18n();
  const session = useQuery(sessionQuery);
  const role = session.data?.user.role ?? '';
  const userId = session.data?.user.id ?? '';
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const navigate = useNavigate();
  const [filters, setFilters] = useState<InboxFilters>(() => filtersFromSearch(window.location.search));
  const [selected, setSelected] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [viewName, setViewName] = useState('');
  const inbox = useInfiniteQuery(inboxQuery(filters));
  const counts = useQuery(countsQuery);
  const views = useQuery(savedViewsQuery);
  const claimOrRelease = useClaimOrRelease();
  const saveView = useSaveView();
  const deleteView = useDeleteView();
  const rows = useMemo(() => inbox.data?.pages.flatMap((p) => p.items) ?? [], [inbox.data]);
  const pooled = POOLED.has(role);

  const toggle = (taskId: string) => setSelected((s) => (s.includes(taskId) ? s.filter((id) => id !== taskId) : [...s, taskId]));
  const active = useInboxKeys(rows.length, {
    open: (i) => rows[i] && navigate(`/tasks/${encodeURIComponent(rows[i].taskId)}`),
    select: (i) => rows[i] && toggle(rows[i].taskId),
  });
  useEffect(() => {
    setSelected([]);
    window.history.replaceState(null, '', `${BASE}/${query(filters)}`);
  }, [filters]);

  const set = (patch: Partial<InboxFilters>) => setFilters((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as InboxFilters);
  const withCount = (word: string, count: number | undefined) => `${term(word)} (${count ?? 0})`;
  const options = (by: Record<string, number> | undefined) => Object.entries(by ?? {}).map(([value, count]) => ({ value, label: withCount(value, count) }));

  async function save() {
    if (!viewName.trim()) return;
    await saveView.mutateAsync({ name: viewName.trim(), filters });
    setSaving(false);
    setViewName('');
  }

  async function act(verb: 'claim' | 'release', taskIds: string[]) {
    const results = await claimOrRelease.mutateAsync({ verb, taskIds });
    const failed = results.filter((r) => !r.ok);
    setOutcome(failed.length === 0 ? { ok: true, text: `${t(verb)}: ${results.length}` } : { ok: false, text: failed.map((f) => `${f.taskId}: ${f.error}`).join('; ') });
    setSelected([]);
  }

  const columns: TableColumnsType<TaskView> = [
    { title: t('due'), dataIndex: 'dueAt', render: (dueAt: string | null) => <DueBadge dueAt={dueAt} /> },
    {
      title: t('kind'),
      dataIndex: 'kind',
      render: (kind: string, task) => (
        <Link to={`/tasks/${encodeURIComponent(task.taskId)}`} data-testid="task-link">
          {term(kind)}
        </Link>
      ),
    },
    { title: t('stage'), dataIndex: 'stage', render: (stage: string) => term(stage) },
    { title: t('program'), dataIndex: 'program', render: (program: string) => term(program) },
    { title: t('case'), dataIndex: 'caseId', render: (caseId: string) => <Link to={`/cases/${encodeURIComponent(caseId)}`}>{caseId}</Link> },
    {
      title: t('subject'),
      dataIndex: 'subject',
      render: (subject: TaskView['subject']) =>
        subject ? subject.items.map((i) => `${t('supportYear')} ${i.supportYear} · ${term(i.component)} ${fenToYuan(i.amountFen)}`).join('；') : '',
    },
    { title: t('assignee'), dataIndex: 'assignee', render: (a: string | null | undefined) => (a ? <Tag color={a === userId ? "#1f4e9c" : undefined}>{a}</Tag> : '') },
    ...(pooled
      ? [
          {
            title: '',
            key: 'act',
            render: (_: unknown, task: TaskView) =>
              task.assignee === userId ? (
                <Button size="small" onClick={() => void act('release', [task.taskId])}>
                  {t('release')}
                </Button>
              ) : !task.assignee ? (
                <Button size="small" onClick={() => void act('claim', [task.taskId])}>
                  {t('claim')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <section aria-labelledby="inbox-title">
      <Typography.Title level={1} id="inbox-title" style={{ fontSize: 22 }}>
        {t('inbox')} <Tag>{t('total')} {counts.data?.total ?? '…'}</Tag>
        <Tag color="#a8071a">{t('overdue')} {counts.data?.overdue ?? '…'}</Tag>
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('savedViews')} placeholder={t('savedViews')} style={{ width: 180 }} allowClear
          options={(views.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
          onChange={(id?: number) => setFilters(views.data?.items.find((v) => v.id === id)?.filters ?? {})}
          optionRender={(o) => (
            <Space>
              {o.label}
              <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); deleteView.mutate(Number(o.value)); }}>{t('remove')}</Button>
            </Space>
          )}
        />
        <Select aria-label={t('program')} placeholder={t('program')} style={{ width: 280 }} allowClear value={filters.program} options={options(counts.data?.byProgram)} onChange={(program) => set({ program })} />
        <Select aria-label={t('stage')} placeholder={t('stage')} style={{ width: 170 }} allowClear value={filters.stage} options={options(counts.data?.byStage)} onChange={(stage) => set({ stage })} />
        <Select aria-label={t('kind')} placeholder={t('kind')} style={{ width: 170 }} allowClear value={filters.kind} options={options(counts.data?.byKind)} onChange={(kind) => set({ kind })} />
        <Input.Search aria-label={t('caseId')} placeholder={t('caseId')} style={{ width: 200 }} allowClear defaultValue={filters.caseId} onSearch={(caseId) => set({ caseId: caseId.trim() || undefined })} />
        {/* The browser's own date field: Ant Design's picker alone weighed more than the rest of the first screen's budget. */}
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          {t('dueBefore')}
          <Input type="date" style={{ width: 160 }} value={filters.dueBefore ? inOffice(filters.dueBefore).format('YYYY-MM-DD') : ''}
            onChange={(e) => set({ dueBefore: e.target.value ? officeDayStart(e.target.value).toISOString() : undefined })} />
        </label>
        <Checkbox checked={filters.overdue === 'true'} onChange={(e) => set({ overdue: e.target.checked ? 'true' : undefined })}>
          {t('overdueOnly')} ({counts.data?.overdue ?? 0})
        </Checkbox>
        <Select aria-label={t('sort')} style={{ width: 170 }} value={filters.sort ?? 'due'} options={[{ value: 'due', label: t('sortDue') }, { value: '-due', label: t('sortDueDesc') }]} onChange={(sort) => set({ sort: sort === 'due' ? undefined : sort })} />
        {saving ? (
          <Space.Compact>
            <Input aria-label={t('viewName')} placeholder={t('viewName')} value={viewName} autoFocus onChange={(e) => setViewName(e.target.value)}
              onPressEnter={() => void save()} style={{ width: 160 }} />
            <Button type="primary" onClick={() => void save()} loading={saveView.isPending}>{t('saveView')}</Button>
            <Button onClick={() => setSaving(false)}>×</Button>
          </Space.Compact>
        ) : (
          <Button onClick={() => setSaving(true)}>{t('saveView')}</Button>
        )}
      </Space>
      {pooled && selected.length > 0 && (
        <Space style={{ marginBottom: 12 }}>
          <span>{selected.length} {t('selected')}</span>
          <Button type="primary" onClick={() => void act('claim', selected)} loading={claimOrRelease.isPending}>{t('claimSelected')}</Button>
          <Button onClick={() => void act('release', selected)} loading={claimOrRelease.isPending}>{t('releaseSelected')}</Button>
        </Space>
      )}
      {outcome && <Alert type={outcome.ok ? 'success' : 'error'} title={outcome.text} closable onClose={() => setOutcome(null)} style={{ marginBottom: 12 }} role="status" />}
      <Table<TaskView>
        rowKey="taskId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={inbox.isPending}
        pagination={false}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        rowClassName={(_, index) => (index === active ? 'inbox-row-active' : '')}
        locale={{ emptyText: t('noTasks') }}
        data-testid="inbox-table"
      />
      <Space style={{ marginTop: 12 }}>
        {inbox.hasNextPage && (
          <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        )}
        <Typography.Text type="secondary">{t('keyboardHint')}</Typography.Text>
      </Space>
      <style>{'.inbox-row-active > td { background: #e6f0ff !important; } .inbox-row-active > td:first-child { box-shadow: inset 3px 0 0 #1f4e9c; }'}</style>
    </section>
  );
}
