// 年度对比 on a later year's verification, countersign and committee task: what moved
// the amount from the previous support year, rule line by rule line to the fen, and
// whether the change needs a second officer.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import type { YearOverYearView } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { fenToYuan } from '../../../lib/money';
import { sessionQuery } from '../../auth/api/session';
import { yearOverYearQuery } from '../api/year-over-year';
import { yearOverYearMessages } from '../messages';

const KINDS = new Set(['yearly-verification', 'yearly-countersign', 'committee-decision']);
const READERS = new Set(['officer', 'committee', 'finance', 'supervisor', 'ops']);

type Line = NonNullable<YearOverYearView['yearOverYear']>['lines'][number];

// Amounts stay on one line: a sign wrapped away from its figure reads as two values.
const amountCell = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }), align: 'right' as const };
const nowrap = { whiteSpace: 'nowrap' as const };

const signed = (fen: number) => (fen > 0 ? `+${fenToYuan(fen)}` : fen < 0 ? `-${fenToYuan(-fen)}` : fenToYuan(0));
const percent = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/** Renders nothing unless the task is an open later-year verification, countersign or committee task and the reader is staff. */
export function YearOverYearCard({ task, supportYear }: { task: { caseId: string; kind: string; status: string }; supportYear: number | undefined }) {
  const { lang } = useI18n();
  const m = useMessages(yearOverYearMessages);
  const session = useQuery(sessionQuery);
  const shown = KINDS.has(task.kind) && task.status === 'open' && supportYear !== undefined && supportYear > 1 && READERS.has(session.data?.user.role ?? '');
  const view = useQuery({ ...yearOverYearQuery(task.caseId, supportYear ?? 0), enabled: shown });
  if (!shown || !view.data) return null;
  const { yearOverYear: diff } = view.data;
  if (!diff) return null;
  const text = (x: { textZh: string; textEn: string }) => (lang === 'zh' ? x.textZh : x.textEn);

  return (
    <Card title={m.title} size="small" style={{ marginBottom: 16 }} data-testid="year-over-year">
      <Typography.Paragraph strong>{text(diff)}</Typography.Paragraph>
      <Alert
        style={{ marginBottom: 8 }}
        type={view.data.secondOfficerRequired ? 'warning' : 'info'}
        title={`${view.data.secondOfficerRequired ? m.secondOfficerRequired : m.withinThreshold} (${m.threshold} ${percent(view.data.thresholdBp)})`}
      />
      {!view.data.currentKept && <Typography.Paragraph type="secondary">{m.fromReport}</Typography.Paragraph>}
      {diff.lines.length === 0 ? (
        <Typography.Paragraph>{m.noChange}</Typography.Paragraph>
      ) : (
        <Table<Line>
          size="small"
          rowKey="step"
          pagination={false}
          dataSource={diff.lines}
          columns={[
            { title: m.line, key: 'line', render: (_, line) => text(line) },
            { title: m.lastYear, dataIndex: 'fromFen', ...amountCell, render: (fen: number) => fenToYuan(fen) },
            { title: m.thisYear, dataIndex: 'toFen', ...amountCell, render: (fen: number) => fenToYuan(fen) },
            { title: m.change, dataIndex: 'deltaFen', ...amountCell, render: (fen: number) => signed(fen) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{m.total}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right"><span style={nowrap}>{fenToYuan(diff.fromFen)}</span></Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right"><span style={nowrap}>{fenToYuan(diff.toFen)}</span></Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right"><span style={nowrap}>{signed(diff.changeFen)}</span></Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
    </Card>
  );
}
