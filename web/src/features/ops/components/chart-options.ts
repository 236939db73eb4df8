// The dashboard's four charts as ECharts options, from the API's figures. Pure: the
// page builds them, the Chart component draws them.
import type { EChartsCoreOption } from './echarts-setup';
import type { MoneyTotals, OpsOverview } from '../../../lib/api-types';

/** The stages a running case can be in, in the order a case goes through them. */
export const RUNNING_STAGES = ['application', 'formal-review', 'correction', 'expert-evaluation', 'committee', 'public-notice', 'disbursement', 'yearly-report', 'yearly-verification', 'recovery'] as const;

const PALETTE = ['#1f4e9c', '#d4380d', '#389e0d', '#722ed1', '#c41d7f', '#08979c', '#d48806', '#531dab', '#5b8c00', '#ad2102', '#0958d9', '#876800', '#006d75'];
const grid = { left: 48, right: 16, top: 48, bottom: 64, containLabel: true };

export function stageChart(overview: OpsOverview, word: (code: string) => string, programLabel: (code: string) => string): EChartsCoreOption {
  const running = overview.byStage.filter((r) => r.status === 'in-progress');
  const stages = RUNNING_STAGES.filter((s) => running.some((r) => r.stage === s));
  const programs = [...new Set(running.map((r) => r.program))];
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', top: 0 },
    grid,
    xAxis: { type: 'category', data: stages.map(word), axisLabel: { interval: 0, rotate: stages.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: programs.map((program) => ({
      name: programLabel(program),
      type: 'bar',
      stack: 'cases',
      data: stages.map((s) => running.filter((r) => r.stage === s && r.program === program).reduce((n, r) => n + r.count, 0)),
    })),
  };
}

export function overdueChart(overview: OpsOverview, word: (code: string) => string, labels: { notReminded: string; reminded: string; escalated: string }): EChartsCoreOption {
  const roles = overview.tasksByRole.filter((r) => r.open > 0);
  return {
    color: ['#d48806', '#d4380d', '#a8071a'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: roles.map((r) => word(r.role)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.notReminded, type: 'bar', stack: 'late', data: roles.map((r) => r.overdue - r.reminded - r.escalated) },
      { name: labels.reminded, type: 'bar', stack: 'late', data: roles.map((r) => r.reminded) },
      { name: labels.escalated, type: 'bar', stack: 'late', data: roles.map((r) => r.escalated) },
    ],
  };
}

export function moneyChart(totals: MoneyTotals, programLabel: (code: string) => string, labels: { budget: string; approved: string; paid: string }, yuanAxis: (fen: number) => string): EChartsCoreOption {
  const rows = totals.items;
  return {
    color: ['#8c8c8c', '#1f4e9c', '#389e0d'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => yuanAxis(Number(v) * 100) },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: rows.map((r) => programLabel(r.program)), axisLabel: { interval: 0, rotate: rows.length > 3 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => yuanAxis(v * 100) } },
    // Yuan on the axis: fen would read as a hundred times too much.
    series: [
      { name: labels.budget, type: 'bar', data: rows.map((r) => (r.budgetFen ?? 0) / 100) },
      { name: labels.approved, type: 'bar', data: rows.map((r) => r.approvedFen / 100) },
      { name: labels.paid, type: 'bar', data: rows.map((r) => r.paidFen / 100) },
    ],
  };
}

export function weeklyChart(overview: OpsOverview, labels: { started: string; closed: string }): EChartsCoreOption {
  return {
    color: ['#1f4e9c', '#389e0d'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: overview.weekly.map((w) => w.weekStart.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: labels.started, type: 'line', data: overview.weekly.map((w) => w.started) },
      { name: labels.closed, type: 'line', data: overview.weekly.map((w) => w.closed) },
    ],
  };
}
