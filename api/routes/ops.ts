// Operations: running cases that do not move and why, activities that keep failing,
// and money approved and paid by program and budget year against the annual
// notices' budgets.
import type { WorkflowExecutionDescription } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role } from '../../domain/vocabulary.js';
import { only } from '../access.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { problemResponses } from '../problem.js';
import { runningCasesPage, runningCasesSince } from '../repositories/cases.js';
import type { CaseRow, RunningCase } from '../repositories/cases.js';
import { approvedByProgramYear, paidByProgramYear, recoveredByProgramYear } from '../repositories/money.js';
import { listNotices } from '../repositories/notices.js';
import { openTasksOfCases } from '../repositories/tasks.js';
import { finding, isoOf, pendingActivityState, retryingActivities, stuckCaseInspector } from '../stuck-cases.js';
import type { Finding } from '../stuck-cases.js';
import { isWorkflowNotFound } from '../temporal-errors.js';

/** Cases described at once: bounded load on the Temporal frontend. */
const BATCH = 10;

const stuckQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(30).describe('look at running cases touched in the last so many days'),
  limit: z.coerce.number().int().min(1).max(500).default(200).describe('at most so many cases are described'),
});
const stuckActivity = z.object({
  caseId: z.string(),
  workflowId: z.string(),
  program: z.string(),
  stage: z.string(),
  activityId: z.string(),
  activityType: z.string(),
  state: z.string(),
  attempt: z.number().int(),
  maximumAttempts: z.number().int(),
  lastFailure: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
type StuckActivity = z.infer<typeof stuckActivity>;

export const totalsRow = z.object({
  year: z.number().int().describe('the budget year: the annual notice whose budget the money draws on'),
  program: z.string(),
  budgetFen: z.number().int().nullable().describe("the program's budget in that year's annual notice; null when the notice sets none"),
  approvedFen: z
    .number()
    .int()
    .describe("reserved on this budget by approvals (budget_reservations, one per case and support year; released ones left out): a later support year counts in its own year, a deferred approval in the next year's budget"),
  paidFen: z
    .number()
    .int()
    .describe('confirmed payments, counted in the budget year of the reservation they were approved under (or, without one, notice year + support year − 1)'),
  remainingBudgetFen: z.number().int().nullable().describe('budget less approved: what a committee sees as left'),
  overBudgetCount: z.number().int().describe('approvals reserved over what was left of the budget, each with its reason'),
  recoveredFen: z.number().int().describe('追回: paid money of revoked awards that finance confirmed as repaid, in the budget year it was paid from'),
  owedFen: z.number().int().describe('追回 still open: paid money of revoked awards not yet repaid'),
});
export const totalsSum = z.object({ budgetFen: z.number().int(), approvedFen: z.number().int(), paidFen: z.number().int(), overBudgetCount: z.number().int(), recoveredFen: z.number().int(), owedFen: z.number().int() });

const stuckCasesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('at most so many running cases are inspected for this page'),
  cursor: z.string().max(512).optional().describe('nextCursor of the previous page'),
  graceDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(365)
    .default(7)
    .describe('an open task further past its due date than this is overdue beyond its escalation (by default a reminder comes 3 days after the due date and the supervisor is told after 6)'),
  quietDays: z.coerce.number().int().min(1).max(3650).optional().describe('also report cases unchanged for this many days'),
});
const stuckCasesCursor = z.tuple([z.string(), z.string()]);
export const stuckCase = z.object({
  caseId: z.string(),
  workflowId: z.string(),
  program: z.string(),
  stage: z.string(),
  updatedAt: z.string().describe('the last change the read model holds'),
  findings: z.array(finding).min(1),
});

function stuckOf(row: Pick<CaseRow, 'id' | 'workflowId' | 'program' | 'stage'>, described: WorkflowExecutionDescription): StuckActivity[] {
  return retryingActivities(described).map((a) => ({
    caseId: row.id,
    workflowId: row.workflowId,
    program: row.program,
    stage: row.stage,
    activityId: a.activityId ?? '',
    activityType: a.activityType?.name ?? '',
    state: pendingActivityState(a),
    attempt: a.attempt ?? 1,
    maximumAttempts: a.maximumAttempts ?? 0,
    lastFailure: a.lastFailure?.message ?? null,
    scheduledAt: isoOf(a.scheduledTime),
    lastStartedAt: isoOf(a.lastStartedTime),
    nextAttemptAt: isoOf(a.nextAttemptScheduleTime),
  }));
}

function reportOf(row: RunningCase, findings: Finding[]): z.infer<typeof stuckCase> {
  return { caseId: row.id, workflowId: row.workflowId, program: row.program, stage: row.stage, updatedAt: row.updatedAt.toISOString(), findings };
}

export const opsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/ops/stuck-activities',
    {
      config: only(Role.Ops, Role.Supervisor),
      schema: {
        summary: 'Activities being retried or failing in running cases (ops, supervisor)',
        description: 'Describes each running case touched in the last `days` days (at most `limit`), and lists its pending activities on a second or later attempt or with a last failure.',
        tags: ['operations'],
        querystring: stuckQuery,
        response: { 200: z.object({ checkedCases: z.number().int(), unreachableCases: z.array(z.string()), items: z.array(stuckActivity) }), ...problemResponses },
      },
    },
    async (request) => {
      const { days, limit } = request.query;
      const running = await runningCasesSince(app.deps.db, days, limit);
      const items: StuckActivity[] = [];
      const unreachableCases: string[] = [];
      // A few describes at a time: bounded load on the Temporal frontend.
      for (let i = 0; i < running.length; i += 10) {
        const batch = running.slice(i, i + 10);
        const described = await Promise.allSettled(batch.map((row) => app.deps.temporal.workflow.getHandle(row.workflowId).describe()));
        described.forEach((result, j) => {
          const row = batch[j]!;
          if (result.status === 'fulfilled') items.push(...stuckOf(row, result.value));
          else if (!isWorkflowNotFound(result.reason)) unreachableCases.push(row.id);
        });
      }
      return { checkedCases: running.length, unreachableCases, items };
    },
  );

  app.get(
    '/ops/stuck-cases',
    {
      config: only(Role.Ops, Role.Supervisor),
      schema: {
        summary: 'Running cases that do not move, each with what is wrong (ops, supervisor)',
        description: [
          'Inspects one page of running cases, most recently changed first, and lists those with findings:',
          '- workflow-task-failing: its workflow task keeps failing (the failure, from the history) or timing out; nothing moves until it is fixed (see README “When a case is stuck”)',
          '- activity-retrying: an activity on a second or later attempt, with its last failure',
          '- task-not-held: the inbox shows an open task the case itself does not hold (its caseView query); nobody can decide it',
          '- overdue: an open task past its due date by more than `graceDays`; with `quietDays`, a case unchanged that long',
          '- not-answering: no worker polls its task queue, the case did not answer its query, or Temporal has ended or never had its workflow',
          'Each finding also has a `code` with its `params` (what a workspace words in its own language: workflow-task-failed, workflow-task-timed-out, workflow-task-failure-gone, activity-retrying, queue-not-polled, case-not-answering, task-not-held, task-overdue, case-quiet, workflow-missing, workflow-closed) and `detail`, the same in English.',
          '`checkedCases` counts the cases inspected; pass `nextCursor` back as `cursor` for the next page.',
        ].join('\n'),
        tags: ['operations'],
        querystring: stuckCasesQuery,
        response: { 200: z.object({ checkedCases: z.number().int(), nextCursor: z.string().nullable(), items: z.array(stuckCase) }), ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor, graceDays, quietDays } = request.query;
      const after = decodeCursor(cursor, stuckCasesCursor);
      const page = await runningCasesPage(app.deps.db, { after: after && { updatedKey: after[0], id: after[1] }, limit });
      const inspector = stuckCaseInspector(app.deps.temporal, app.deps.cases, { now: app.deps.now(), graceDays, quietDays });
      const items: z.infer<typeof stuckCase>[] = [];
      for (let i = 0; i < page.length; i += BATCH) {
        const batch = page.slice(i, i + BATCH);
        const open = await openTasksOfCases(app.deps.db, batch.map((row) => row.id));
        const findings = await Promise.all(batch.map((row) => inspector.inspect(row, open.filter((t) => t.caseId === row.id))));
        batch.forEach((row, j) => {
          if (findings[j]!.length > 0) items.push(reportOf(row, findings[j]!));
        });
      }
      const last = page.at(-1);
      return { checkedCases: page.length, nextCursor: page.length === limit && last ? encodeCursor([last.updatedKey, last.id]) : null, items };
    },
  );

  app.get(
    '/ops/totals',
    {
      config: only(Role.Ops, Role.Finance, Role.Supervisor),
      schema: {
        summary: 'Money approved and paid by program and budget year, against budget (ops, finance, supervisor)',
        description:
          'One row per program and budget year: every program a notice opens, and any program money was approved or paid on. Approved is what approvals reserved on that year’s budget; paid is what finance confirmed, in the budget year of its reservation. `totals` sums the rows.',
        tags: ['operations'],
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2999).optional().describe('only this budget year') }),
        response: {
          200: z.object({ items: z.array(totalsRow), totals: totalsSum }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { year } = request.query;
      const [approved, paid, recovered, notices] = await Promise.all([
        approvedByProgramYear(app.deps.db, year),
        paidByProgramYear(app.deps.db, year),
        recoveredByProgramYear(app.deps.db, year),
        listNotices(app.deps.db),
      ]);
      const rows = new Map<string, z.infer<typeof totalsRow>>();
      const rowOf = (y: number, program: string) => {
        const key = `${y}|${program}`;
        let row = rows.get(key);
        if (!row) {
          const budget = notices.find((n) => n.year === y)?.programs[program as keyof (typeof notices)[number]['programs']]?.budgetFen ?? null;
          row = { year: y, program, budgetFen: budget, approvedFen: 0, paidFen: 0, remainingBudgetFen: budget, overBudgetCount: 0, recoveredFen: 0, owedFen: 0 };
          rows.set(key, row);
        }
        return row;
      };
      for (const n of notices) if (year === undefined || n.year === year) for (const program of Object.keys(n.programs)) rowOf(n.year, program);
      for (const a of approved) {
        const row = rowOf(a.year, a.program);
        row.approvedFen += a.fen;
        row.overBudgetCount += a.overBudgetCount;
      }
      for (const p of paid) rowOf(p.year, p.program).paidFen += p.fen;
      for (const r of recovered) {
        const row = rowOf(r.year, r.program);
        row.recoveredFen += r.recoveredFen;
        row.owedFen += r.owedFen;
      }
      const items = [...rows.values()]
        .map((r) => ({ ...r, remainingBudgetFen: r.budgetFen === null ? null : r.budgetFen - r.approvedFen }))
        .sort((a, b) => a.year - b.year || (a.program < b.program ? -1 : 1));
      const totals = items.reduce(
        (t, r) => ({
          budgetFen: t.budgetFen + (r.budgetFen ?? 0),
          approvedFen: t.approvedFen + r.approvedFen,
          paidFen: t.paidFen + r.paidFen,
          overBudgetCount: t.overBudgetCount + r.overBudgetCount,
          recoveredFen: t.recoveredFen + r.recoveredFen,
          owedFen: t.owedFen + r.owedFen,
        }),
        { budgetFen: 0, approvedFen: 0, paidFen: 0, overBudgetCount: 0, recoveredFen: 0, owedFen: 0 },
      );
      return { items, totals };
    },
  );
};
