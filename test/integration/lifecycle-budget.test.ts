// Budgets: approvals draw down the program's budget for the year; one that would
// exceed what is left is held for the committee to reduce, defer to next year's
// budget, or approve over budget with a reason.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { annualNotices, budgetReservations, payments } from '../../db/schema.js';
import { caseViewQuery, committeeDecisionUpdate } from '../../workflows/subsidy-case/messages.js';
import type { CommitteeDecision } from '../../workflows/subsidy-case/messages.js';
import { committeeMember, useCaseHarness } from '../support/case-harness.js';
import type { CaseHarness } from '../support/case-harness.js';
import { acceptApplication, publishAndPay, skipTo } from '../support/case-driver.js';
import { recordHistories } from '../support/history-recorder.js';

const harness = useCaseHarness();
// A program no other test spends in these years, so its budget here is this file's alone.
const program = 'A5-DATA-TRADE';
const budgetFen = 5_000_000;
let year = 0;

/**
 * This year (by the test server's clock) and the next, each with a budget for the
 * program that leaves exactly 5,000,000 fen for this test (earlier runs on the same
 * database may have reserved some already).
 */
beforeAll(async () => {
  const h = harness();
  year = new Date((await h.env.currentTimeMs()) + 8 * 3600_000).getUTCFullYear();
  for (const y of [year, year + 1]) {
    const [spent] = await h.database.db
      .select({ total: sql<string>`coalesce(sum(${budgetReservations.amountFen}), 0)::text` })
      .from(budgetReservations)
      .where(and(eq(budgetReservations.program, program), eq(budgetReservations.budgetYear, y), eq(budgetReservations.status, 'reserved')));
    const programs = { [program]: { budgetFen: Number(spent?.total ?? 0) + budgetFen } };
    await h.database.db
      .insert(annualNotices)
      .values({
        year: y,
        applicationOpensOn: `${y}-03-01`,
        applicationClosesOn: `${y}-09-30`,
        reportingOpensOn: `${y}-11-01`,
        reportingClosesOn: `${y}-12-15`,
        programs,
        settings: {},
        createdBy: 'test',
      })
      .onConflictDoUpdate({ target: annualNotices.year, set: { programs: sql`${annualNotices.programs} || ${JSON.stringify(programs)}::jsonb` } });
  }
});

/** A data-trade case at its committee decision; its maximum is 3,703,703 fen (5% of 740,740.60 yuan). */
async function atCommittee(h: CaseHarness) {
  const handle = await h.start({ program, noticeYear: year, facts: { contractAmountFen: 74_074_060 } });
  caseIds.push(handle.workflowId.replace(/^case-/, ''));
  await acceptApplication(h, handle);
  const task = await h.openTask(handle, 'committee-decision');
  const decide = (d: Omit<CommitteeDecision, 'taskId' | 'actor'>) => handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: task.taskId, actor: committeeMember, ...d }] });
  return { handle, decide };
}

const caseIds: string[] = [];

/** This test's reservations, oldest first. */
async function reservations() {
  const rows = await harness().database.db.select().from(budgetReservations).where(inArray(budgetReservations.caseId, caseIds)).orderBy(asc(budgetReservations.createdAt));
  return rows.map((r) => [r.budgetYear, r.amountFen, r.overBudgetReason]);
}

describe('a program budget exhausted mid-year', () => {
  it('reserves, holds an approval over the remainder, then reduces, approves over budget or defers', async () => {
    const h = harness();
    const first = await atCommittee(h);
    await first.decide({ decision: 'approve', amountFen: 3_703_703 });
    // The reservation follows the decision, as the case moves on from it.
    await expect.poll(reservations).toEqual([[year, 3_703_703, null]]);

    // 5,000,000 − 3,703,703 = 1,296,297 fen left.
    const second = await atCommittee(h);
    const refused = await second.decide({ decision: 'approve', amountFen: 3_703_703 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((refused as WorkflowUpdateFailedError).cause?.message)).toMatch(/exceeds the 1296297 fen left of this year's budget/);
    await second.decide({ decision: 'approve', amountFen: 1_296_297, reason: 'reduced to the budget left' });
    await expect.poll(async () => (await reservations()).length).toBe(2);

    const third = await atCommittee(h);
    await third.decide({ decision: 'approve', amountFen: 1_000_000, budget: 'over-budget', reason: 'strategic project, budget increase requested' });
    await expect.poll(async () => (await reservations()).length).toBe(3);

    const fourth = await atCommittee(h);
    await fourth.decide({ decision: 'approve', amountFen: 2_000_000, budget: 'defer-to-next-year' });
    await expect.poll(reservations).toEqual([
      [year, 3_703_703, null],
      [year, 1_296_297, null],
      [year, 1_000_000, 'strategic project, budget increase requested'],
      [year + 1, 2_000_000, null],
    ]);

    // The deferred approval is paid once the next budget year begins, not before.
    await expect.poll(async () => (await fourth.handle.query(caseViewQuery)).stage).toBe('public-notice');
    await h.env.sleep('8 days');
    await expect.poll(async () => (await fourth.handle.query(caseViewQuery)).stage).toBe('disbursement');
    const caseId = fourth.handle.workflowId.replace(/^case-/, '');
    expect(await h.database.db.select().from(payments).where(eq(payments.caseId, caseId))).toEqual([]);
    await skipTo(h, `${year + 1}-01-02`);
    await publishAndPay(h, fourth.handle, 1);
    expect(await h.outcome(fourth.handle)).toMatchObject({ status: 'completed', approvedAmountFen: 2_000_000 });
    await recordHistories(h.env, fourth.handle, 'budget-deferred');
  });
});
