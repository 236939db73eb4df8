// The preview's totals as an ECharts option: per program and budget year, the budget
// beside the amounts under the current versions and after adoption (yuan, not fen).
import type { EChartsCoreOption } from '../../ops/components/echarts-setup';
import type { PolicyPreview } from '../../../lib/api-types';

const grid = { left: 48, right: 16, top: 48, bottom: 64, containLabel: true };

export function totalsChart(totals: PolicyPreview['totals'], category: (t: PolicyPreview['totals'][number]) => string, labels: { budget: string; own: string; afterAdoption: string }, yuanAxis: (fen: number) => string): EChartsCoreOption {
  return {
    color: ['#8c8c8c', '#1f4e9c', '#d4380d'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => yuanAxis(Number(v) * 100) },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: totals.map(category), axisLabel: { interval: 0, rotate: totals.length > 3 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => yuanAxis(v * 100) } },
    series: [
      { name: labels.budget, type: 'bar', data: totals.map((t) => (t.budgetFen ?? 0) / 100) },
      { name: labels.own, type: 'bar', data: totals.map((t) => t.ownFen / 100) },
      { name: labels.afterAdoption, type: 'bar', data: totals.map((t) => t.candidateFen / 100) },
    ],
  };
}
