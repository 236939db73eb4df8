// The operations dashboard (ops, supervisor): where the cases are, which roles' tasks
// are late, money approved and paid against each program's budget, cases started and
// closed per week, and the cases that do not move. Each chart has its figures in a
// table beside it, for reading aloud and for exact numbers.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { MoneyTotals } from '../../../lib/api-types';
import { formatDateTime } from '../../../lib/dates';
import { useI18n, useMessages } from '../../../lib/i18n';
import { Money, renderMoney } from '../../../lib/Money';
import { noticeYearsQuery, overviewQuery, totalsQuery } from '../api/ops';
import { opsMessages } from '../messages';
import { Chart } from './Chart';
import { moneyChart, overdueChart, stageChart, weeklyChart } from './chart-options';
import { programName } from './program-names';
import { StuckCases } from './StuckCases';

const compactYuan = (lang: 'zh' | 'en') => {
  const format = new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 });
  return (fen: number) => format.format(fen / 100);
};

export function DashboardPage() {
  const m = useMessages(opsMessages);
  const { t, term, lang } = useI18n();
  const overview = useQuery(overviewQuery);
  const notices = useQuery(noticeYearsQuery);
  const officeYear = overview.data ? Number(formatDateTime(overview.data.asOf).slice(0, 4)) : undefined;
  const [chosenYear, setYear] = useState<number | undefined>();
  const noticeYears = (notices.data?.items ?? []).map((n) => n.year).sort((a, b) => b - a);
  const year = chosenYear ?? (officeYear !== undefined && noticeYears.includes(officeYear) ? officeYear : noticeYears[0]);
  const totals = useQuery({ ...totalsQuery(year), enabled: year !== undefined });

  const programs = overview.data?.programs;
  const options = useMemo(() => {
    if (!overview.data) return null;
    return {
      stages: stageChart(overview.data, term, (code) => programName(programs, code, lang, true)),
      overdue: overdueChart(overview.data, term, { notReminded: m.overdue, reminded: m.reminded, escalated: m.escalated }),
      weekly: weeklyChart(overview.data, { started: m.started, closed: m.closed }),
    };
  }, [overview.data, term, programs, lang, m]);
  const money = useMemo(
    () => (totals.data ? moneyChart(totals.data, (code) => programName(programs, code, lang, true), { budget: m.budget, approved: m.approved, paid: m.paid }, compactYuan(lang)) : null),
    [totals.data, programs, lang, m],
  );

  if (overview.isPending) return <Spin />;
  if (overview.error) return <Alert type="error" title={overview.error.message} />;
  const o = overview.data;
  const running = o.byStage.filter((r) => r.status === 'in-progress').reduce((n, r) => n + r.count, 0);
  const closed = o.byStage.filter((r) => r.status !== 'in-progress').reduce((n, r) => n + r.count, 0);
  const overdue = o.tasksByRole.reduce((n, r) => n + r.overdue, 0);

  return (
    <main aria-labelledby="dashboard-title">
      <Space align="baseline" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={1} id="dashboard-title" style={{ fontSize: 22 }}>
          {m.dashboard}
        </Typography.Title>
        <Typography.Text type="secondary">{`${m.asOf} ${formatDateTime(o.asOf)}`}</Typography.Text>
      </Space>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={8}>
          <Card size="small"><Statistic title={m.runningCases} value={running} /></Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small"><Statistic title={m.closedCases} value={closed} /></Card>
        </Col>
        <Col xs={12} md={8}>
          <Card size="small"><Statistic title={m.overdueTasks} value={overdue} valueStyle={overdue > 0 ? { color: '#a8071a' } : undefined} /></Card>
        </Col>
      </Row>

      <div style={{ marginBottom: 16 }}>
        <StuckCases programs={programs} />
      </div>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card title={m.byStage} size="small" extra={<Typography.Text type="secondary">{m.byStageHint}</Typography.Text>}>
            {options && <Chart option={options.stages} label={m.byStage} testId="chart-stages" />}
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.program}|${r.stage}|${r.status}`}
              dataSource={o.byStage.filter((r) => r.status === 'in-progress')}
              data-testid="stage-table"
              columns={[
                { title: t('program'), dataIndex: 'program', render: (p: string) => programName(programs, p, lang) },
                { title: t('stage'), dataIndex: 'stage', render: (s: string) => term(s) },
                { title: m.count, dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={m.tasksByRole} size="small">
            {options && <Chart option={options.overdue} label={m.tasksByRole} testId="chart-overdue" />}
            <Table
              size="small"
              pagination={false}
              rowKey="role"
              dataSource={o.tasksByRole}
              data-testid="overdue-table"
              columns={[
                { title: m.role, dataIndex: 'role', render: (r: string) => term(r) },
                { title: m.openTasks, dataIndex: 'open', align: 'right' },
                { title: m.overdue, dataIndex: 'overdue', align: 'right' },
                { title: m.escalated, dataIndex: 'escalated', align: 'right' },
                { title: m.oldestDue, dataIndex: 'oldestDueAt', render: (d: string | null) => formatDateTime(d) },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Card
        title={m.moneyAgainstBudget}
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          <Select
            aria-label={m.budgetYear}
            style={{ width: 140 }}
            value={year}
            onChange={setYear}
            options={noticeYears.map((y) => ({ value: y, label: `${m.budgetYear} ${y}` }))}
          />
        }
      >
        {money && <Chart option={money} label={`${m.moneyAgainstBudget} ${year ?? ''}`} testId="chart-money" />}
        <MoneyTable totals={totals.data} loading={totals.isPending && year !== undefined} programLabel={(code) => programName(programs, code, lang)} />
      </Card>

      <Card title={m.weekly} size="small">
        {options && <Chart option={options.weekly} label={m.weekly} testId="chart-weekly" height={240} />}
      </Card>
    </main>
  );
}

function MoneyTable({ totals, loading, programLabel }: { totals: MoneyTotals | undefined; loading: boolean; programLabel: (code: string) => string }) {
  const m = useMessages(opsMessages);
  const { t } = useI18n();
  return (
    <Table
      size="small"
      loading={loading}
      pagination={false}
      rowKey={(r) => `${r.year}|${r.program}`}
      dataSource={totals?.items ?? []}
      data-testid="money-table"
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('program'), dataIndex: 'program', render: programLabel },
        { title: m.budget, dataIndex: 'budgetFen', align: 'right', render: renderMoney },
        { title: m.approved, dataIndex: 'approvedFen', align: 'right', render: renderMoney },
        { title: m.paid, dataIndex: 'paidFen', align: 'right', render: renderMoney },
        { title: m.remaining, dataIndex: 'remainingBudgetFen', align: 'right', render: renderMoney },
        { title: m.overBudget, dataIndex: 'overBudgetCount', align: 'right' },
        { title: m.recovered, dataIndex: 'recoveredFen', align: 'right', render: renderMoney },
        { title: m.owed, dataIndex: 'owedFen', align: 'right', render: renderMoney },
      ]}
      summary={() =>
        totals && totals.items.length > 1 ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><Money fen={totals.totals.budgetFen} /></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><Money fen={totals.totals.approvedFen} /></Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right"><Money fen={totals.totals.paidFen} /></Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right"><Money fen={totals.totals.budgetFen - totals.totals.approvedFen} /></Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">{totals.totals.overBudgetCount}</Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right"><Money fen={totals.totals.recoveredFen} /></Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right"><Money fen={totals.totals.owedFen} /></Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
