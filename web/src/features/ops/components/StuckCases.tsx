// Running cases that do not move, each with what is wrong and since when, the newest
// first; each page inspects the next running cases (GET /ops/stuck-cases).
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { ProgramTitle, StuckCase } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useI18n, useMessages } from '../../../lib/i18n';
import { Link } from '../../../lib/router';
import { stuckCasesQuery } from '../api/ops';
import { opsMessages } from '../messages';
import { findingText } from './finding-text';
import { programName } from './program-names';
import { WorkflowLink } from './WorkflowLink';

export function StuckCases({ programs }: { programs: ProgramTitle[] | undefined }) {
  const m = useMessages(opsMessages);
  const { t, term, lang } = useI18n();
  const stuck = useInfiniteQuery(stuckCasesQuery);
  const items = stuck.data?.pages.flatMap((p) => p.items) ?? [];
  const inspected = stuck.data?.pages.reduce((n, p) => n + p.checkedCases, 0) ?? 0;
  const findingWord = (kind: string) => (kind in m ? m[kind as keyof typeof m] : kind);
  return (
    <Card
      title={`${m.stuckCases}${stuck.data ? ` (${items.length})` : ''}`}
      size="small"
      extra={stuck.data && <Typography.Text type="secondary">{`${m.inspected} ${inspected}`}</Typography.Text>}
      data-testid="stuck-cases"
    >
      <Typography.Paragraph type="secondary">{m.stuckHint}</Typography.Paragraph>
      {stuck.error && <Alert type="error" title={stuck.error.message} />}
      <Table<StuckCase>
        size="small"
        rowKey="caseId"
        loading={stuck.isPending}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: m.noStuck }}
        columns={[
          { title: t('case'), dataIndex: 'caseId', render: (id: string) => <Link to={`/cases/${encodeURIComponent(id)}`} data-testid="stuck-case-link">{id}</Link> },
          { title: t('program'), dataIndex: 'program', render: (p: string) => programName(programs, p, lang) },
          { title: t('stage'), dataIndex: 'stage', render: (s: string) => term(s) },
          {
            title: m.finding,
            dataIndex: 'findings',
            render: (findings: StuckCase['findings']) => (
              <Flex vertical gap={4}>
                {findings.map((f, i) => (
                  <div key={i} data-testid="stuck-finding">
                    <Tag color={f.kind === 'overdue' ? undefined : 'red'}>{findingWord(f.kind)}</Tag>
                    <Typography.Text style={{ wordBreak: 'break-word' }}>{findingText(f, { m, term, dateTime: formatDateTime })}</Typography.Text>
                    {f.since && <Typography.Text type="secondary">{` · ${m.since} ${formatDateTime(f.since)}`}</Typography.Text>}
                  </div>
                ))}
              </Flex>
            ),
          },
          { title: m.updatedAt, dataIndex: 'updatedAt', render: (d: string) => formatDateTime(d) },
          { title: 'Temporal', dataIndex: 'workflowId', render: (w: string, row) => <WorkflowLink workflowId={w} caseId={row.caseId} /> },
        ]}
      />
      {stuck.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => void stuck.fetchNextPage()} loading={stuck.isFetchingNextPage}>
          {m.inspectMore}
        </Button>
      )}
    </Card>
  );
}
