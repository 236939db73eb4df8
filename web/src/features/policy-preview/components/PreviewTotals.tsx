// Totals per program and budget year against each year's budget: a bar chart (drawn
// by the dashboard's lazily loaded ECharts) and the same figures in a table.
import { Card, Table } from 'antd';
import { useMemo } from 'react';
import type { PolicyPreview } from '../../../lib/api-types';
import { useI18n, useMessages } from '../../../lib/i18n';
import { renderMoney } from '../../../lib/Money';
import { Chart } from '../../ops/components/Chart';
import { previewMessages } from '../messages';
import { totalsChart } from './preview-chart';

type Total = PolicyPreview['totals'][number];

const compactYuan = (lang: 'zh' | 'en') => {
  const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 });
  return (fen: number) => format.format(fen / 100);
};
const SHORT = { zh: 12, en: 24 } as const;

export function PreviewTotals({ totals }: { totals: Total[] }) {
  const m = useMessages(previewMessages);
  const { t, term, lang } = useI18n();
  const option = useMemo(() => {
    const short = (code: string) => {
      const words = term(code);
      return words.length > SHORT[lang] ? `${words.slice(0, SHORT[lang])}…` : words;
    };
    return totalsChart(totals, (row) => `${short(row.program)} ${row.budgetYear}`, { budget: m.budget, own: m.own, afterAdoption: m.afterAdoption }, compactYuan(lang));
  }, [totals, term, lang, m]);
  return (
    <Card title={m.totals} size="small" style={{ marginBottom: 16 }}>
      {totals.length > 0 && <Chart option={option} label={m.totals} testId="chart-preview-totals" />}
      <Table
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey={(r) => `${r.program}|${r.budgetYear}`}
        dataSource={totals}
        data-testid="preview-totals"
        columns={[
          { title: t('program'), dataIndex: 'program', render: (p: string) => term(p) },
          { title: m.budgetYear, dataIndex: 'budgetYear' },
          { title: m.budget, dataIndex: 'budgetFen', align: 'right', render: renderMoney },
          { title: m.reserved, dataIndex: 'reservedFen', align: 'right', render: renderMoney },
          { title: m.own, dataIndex: 'ownFen', align: 'right', render: renderMoney },
          { title: m.afterAdoption, dataIndex: 'candidateFen', align: 'right', render: renderMoney },
          { title: m.ifApplied, dataIndex: 'ifAppliedFen', align: 'right', render: renderMoney },
          { title: m.leftAfterOwn, dataIndex: 'leftAfterOwnFen', align: 'right', render: renderMoney },
          { title: m.leftAfterAdoption, dataIndex: 'leftAfterCandidateFen', align: 'right', render: renderMoney },
          { title: m.cases, dataIndex: 'cases', align: 'right' },
        ]}
      />
    </Card>
  );
}
