// Case search (ops, supervisor, officer, …): by the beginning of the case id, the
// enterprise's id or a part of its name, and the program; the search kept in the
// address so back, reload and a shared link keep it; 50 rows at a time.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CaseSummary } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { caseSearchQuery, overviewQuery } from '../api/ops';
import type { CaseSearch } from '../api/ops';
import { opsMessages } from '../messages';
import { programName } from './program-names';
import { WorkflowLink } from './WorkflowLink';

const KEYS = ['caseId', 'enterprise', 'program'] as const;

function searchFromAddress(): CaseSearch {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key)]] : []))) as CaseSearch;
}

function keepInAddress(search: CaseSearch) {
  const params = new URLSearchParams();
  for (const key of KEYS) if (search[key]) params.set(key, search[key]);
  const q = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${q ? `?${q}` : ''}`);
}

export function CaseSearchPage() {
  const m = useMessages(opsMessages);
  const { t, term, lang } = useI18n();
  const [search, setSearch] = useState<CaseSearch>(searchFromAddress);
  // Program names come with the dashboard's figures (served to ops and supervisors).
  const programs = useQuery(overviewQuery).data?.programs;
  const results = useInfiniteQuery(caseSearchQuery(search));
  const rows = results.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = (values: { caseId?: string; enterprise?: string; program?: CaseSummary['program'] }) => {
    const next: CaseSearch = { caseId: values.caseId?.trim() || undefined, enterprise: values.enterprise?.trim() || undefined, program: values.program };
    keepInAddress(next);
    setSearch(next);
  };

  return (
    <main aria-labelledby="search-title">
      <Typography.Title level={1} id="search-title" style={{ fontSize: 22 }}>
        {m.caseSearch}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{m.searchHint}</Typography.Paragraph>
      <Form layout="inline" initialValues={search} onFinish={submit} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="caseId" label={m.caseIdQuery}>
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="enterprise" label={m.enterpriseQuery}>
          <Input allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="program" label={t('program')}>
          <Select
            allowClear
            placeholder={m.allPrograms}
            style={{ width: 320 }}
            options={(programs ?? []).map((p) => ({ value: p.code, label: programName(programs, p.code, lang) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {m.search}
          </Button>
        </Form.Item>
      </Form>
      {results.error && <Alert type="error" title={results.error.message} style={{ marginBottom: 16 }} />}
      <Table<CaseSummary>
        size="small"
        rowKey="caseId"
        loading={results.isPending}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: m.noCases }}
        data-testid="case-search-results"
        columns={[
          { title: t('case'), dataIndex: 'caseId', render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`}>{id}</Link> },
          { title: t('enterprise'), dataIndex: 'enterpriseName', render: (name: string | null, row) => name ?? row.enterpriseId },
          { title: t('program'), dataIndex: 'program', render: (p: string) => programName(programs, p, lang) },
          { title: t('stage'), dataIndex: 'stage', render: (s: string) => term(s) },
          { title: t('status'), dataIndex: 'status', render: (s: string) => <Tag>{term(s)}</Tag> },
          { title: t('submittedOn'), dataIndex: 'submittedOn' },
          { title: 'Temporal', dataIndex: 'workflowId', render: (w: string | undefined, row) => (w ? <WorkflowLink workflowId={w} caseId={row.caseId} /> : null) },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        {results.hasNextPage && (
          <Button onClick={() => void results.fetchNextPage()} loading={results.isFetchingNextPage}>
            {t('loadMore')}
          </Button>
        )}
      </Space>
    </main>
  );
}
