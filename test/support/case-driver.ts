// Scripted people for lifecycle tests: each step decides the case's open task the way
// a reviewer, expert panel, committee or finance clerk would.
import type { WorkflowHandle } from '@temporalio/client';
import { expect } from 'vitest';
import { programDefinition } from '../../rules/index.js';
import type { Facts } from '../../rules/index.js';
import {
  caseViewQuery,
  committeeDecisionUpdate,
  declareConflictUpdate,
  formalReviewUpdate,
  settlePaymentUpdate,
  submitScoresUpdate,
  submitYearlyReportUpdate,
  countersignYearlyVerificationUpdate,
  verifyYearlyReportUpdate,
} from '../../workflows/subsidy-case/messages.js';
import type { Actor, CaseInput } from '../../workflows/subsidy-case/messages.js';
import { annualNotices } from '../../db/schema.js';
import type { CaseHarness } from './case-harness.js';
import { applicantOf, committeeMember, financeClerk, officer, secondOfficer, testSettings } from './case-harness.js';

/** Moves the test server's clock to 00:00 Beijing time on the date (if it is not already past). */
export async function skipTo(h: CaseHarness, date: string): Promise<void> {
  const target = Date.parse(`${date}T00:00:00+08:00`);
  const now = await h.env.currentTimeMs();
  if (target > now) await h.env.sleep(target - now + 60_000);
}

export async function acceptApplication(h: CaseHarness, handle: WorkflowHandle): Promise<void> {
  const review = await h.openTask(handle, 'formal-review');
  await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'accept' }] });
}

/** The drawn expert declares no conflict, then gives these scores. */
export async function declareAndScore(h: CaseHarness, handle: WorkflowHandle, expertId: string, scores: Record<string, number>): Promise<void> {
  const actor = { userId: expertId, role: 'expert' as const };
  const declaration = await h.openTask(handle, 'expert-conflict', expertId);
  await handle.executeUpdate(declareConflictUpdate, { args: [{ taskId: declaration.taskId, actor, hasConflict: false }] });
  const scoring = await h.openTask(handle, 'expert-scoring', expertId);
  await handle.executeUpdate(submitScoresUpdate, { args: [{ taskId: scoring.taskId, actor, scores }] });
}

/** Every drawn expert declares no conflict and gives full marks. */
export async function passPanel(h: CaseHarness, handle: WorkflowHandle, input: Pick<CaseInput, 'policyVersion' | 'program'>): Promise<void> {
  const criteria = programDefinition(input.policyVersion, input.program).criteria;
  const fullMarks = Object.fromEntries(criteria.map((c) => [c.name, c.maxPoints]));
  await expect.poll(async () => (await handle.query(caseViewQuery)).panel.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(testSettings.panelSize);
  for (const { expertId } of (await handle.query(caseViewQuery)).panel) await declareAndScore(h, handle, expertId, fullMarks);
}

/** The committee approves the maximum the rules allow, and returns it. */
export async function approveMaximum(h: CaseHarness, handle: WorkflowHandle): Promise<number> {
  const task = await h.openTask(handle, 'committee-decision');
  const maximum = (await handle.query(caseViewQuery)).maximumFen;
  expect(maximum).toBeDefined();
  await handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: task.taskId, actor: committeeMember, decision: 'approve', amountFen: maximum! }] });
  return maximum!;
}

/** The notice period passes and finance confirms every payment of the year. */
export async function publishAndPay(h: CaseHarness, handle: WorkflowHandle, components: number): Promise<void> {
  await h.settled(handle);
  await h.env.sleep('7 days');
  for (let paid = 0; paid < components; paid += 1) {
    const task = await h.openTask(handle, 'payment-confirmation');
    await handle.executeUpdate(settlePaymentUpdate, { args: [{ taskId: task.taskId, actor: financeClerk, outcome: 'paid', reference: `BANK-${task.taskId}` }] });
  }
}

/** A later support year: the window opens, the beneficiary reports, another officer verifies. */
export async function reportAndVerify(h: CaseHarness, handle: WorkflowHandle, enterpriseId: string, opensOn: string, facts: Facts): Promise<void> {
  await skipTo(h, opensOn);
  const report = await h.openTask(handle, 'yearly-report');
  await handle.executeUpdate(submitYearlyReportUpdate, { args: [{ taskId: report.taskId, actor: applicantOf(enterpriseId), facts }] });
  const verification = await h.openTask(handle, 'yearly-verification');
  await handle.executeUpdate(verifyYearlyReportUpdate, { args: [{ taskId: verification.taskId, actor: secondOfficer, outcome: 'verified' }] });
}

/** A second officer (not the verifier) confirms, or returns, a yearly verification whose amount moved beyond the setting. */
export async function countersign(h: CaseHarness, handle: WorkflowHandle, body: { decision: 'confirm' } | { decision: 'return'; reason: string }, actor: Actor = officer): Promise<void> {
  const task = await h.openTask(handle, 'yearly-countersign');
  await handle.executeUpdate(countersignYearlyVerificationUpdate, { args: [{ taskId: task.taskId, actor, ...body }] });
}

/**
 * The tests of a file share the test server's clock, which only moves forward: a case
 * starts in the year after the clock's (or `atLeast`), with notices (whose reporting
 * windows drive the support years) for its three years. Returns the first year.
 */
export async function noticesForThreeYears(h: CaseHarness, atLeast = 0): Promise<number> {
  const now = new Date((await h.env.currentTimeMs()) + 8 * 3600_000);
  const year = Math.max(atLeast, now.getUTCFullYear() + 1);
  await h.database.db
    .insert(annualNotices)
    .values(
      [year, year + 1, year + 2].map((year) => ({
        year,
        applicationOpensOn: `${year}-03-01`,
        applicationClosesOn: `${year}-09-30`,
        reportingOpensOn: `${year}-11-01`,
        reportingClosesOn: `${year}-12-15`,
        programs: {},
        settings: {},
        createdBy: 'test',
      })),
    )
    .onConflictDoNothing();
  return year;
}
