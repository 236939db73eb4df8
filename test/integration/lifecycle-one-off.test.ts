// A one-off case through every stage on the time-skipping server, with real
// activities over PostgreSQL: review, correction, committee, notice, payment.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, cases, notifications, payments, tasks } from '../../db/schema.js';
import {
  answerCorrectionUpdate,
  caseViewQuery,
  committeeDecisionUpdate,
  formalReviewUpdate,
  objectionUpdate,
  settlePaymentUpdate,
  withdrawUpdate,
} from '../../workflows/subsidy-case/messages.js';
import { applicantOf, committeeMember, financeClerk, officer, useCaseHarness } from '../support/case-harness.js';
import { recordHistories } from '../support/history-recorder.js';
import { acceptApplication } from '../support/case-driver.js';

const harness = useCaseHarness();
// 30% of 123,456.78 yuan registration fees = 37,037.034 yuan → 3,703,703 fen (rounded down).
const registration = { program: 'A5-DATA-REGISTER' as const, facts: { registrationFeesFen: 12_345_678 } };

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return String((error as WorkflowUpdateFailedError).cause?.message);
}

describe('a one-off case', () => {
  it('goes from application to confirmed payment', async () => {
    const h = harness();
    const handle = await h.start(registration);
    const review = await h.openTask(handle, 'formal-review');
    await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'accept' }] });

    const committee = await h.openTask(handle, 'committee-decision');
    expect((await handle.query(caseViewQuery)).maximumFen).toBe(3_703_703);
    await handle.executeUpdate(committeeDecisionUpdate, {
      args: [{ taskId: committee.taskId, actor: committeeMember, decision: 'approve', amountFen: 3_703_703 }],
    });
    await expect.poll(async () => (await handle.query(caseViewQuery)).stage).toBe('public-notice');
    await h.env.sleep('7 days');

    const confirmation = await h.openTask(handle, 'payment-confirmation');
    expect(confirmation.subject).toBe(`${handle.workflowId.replace(/^case-/, '')}:y1:one-off`);
    await handle.executeUpdate(settlePaymentUpdate, { args: [{ taskId: confirmation.taskId, actor: financeClerk, outcome: 'paid', reference: 'BANK-001' }] });

    expect(await h.outcome(handle)).toMatchObject({ status: 'completed', approvedAmountFen: 3_703_703 });
    await recordHistories(h.env, handle, 'one-off-paid');
    const caseId = handle.workflowId.replace(/^case-/, '');
    const paid = await h.database.db.select().from(payments).where(eq(payments.caseId, caseId));
    expect(paid).toEqual([expect.objectContaining({ amountFen: 3_703_703, status: 'paid', attempts: 1, reference: 'BANK-001', settledBy: 'finance-1' })]);
    const [row] = await h.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row).toMatchObject({ stage: 'closed', status: 'completed', approvedAmountFen: 3_703_703, maximumAmountFen: 3_703_703 });
    const stillOpen = await h.database.db.select().from(tasks).where(and(eq(tasks.caseId, caseId), eq(tasks.status, 'open')));
    expect(stillOpen).toEqual([]);
    // The applicant hears of the approval and of the closing.
    const told = await h.database.db.select().from(notifications).where(eq(notifications.caseId, caseId));
    expect(told.map((n) => [n.kind, n.recipientRole])).toEqual(expect.arrayContaining([['approved', 'applicant'], ['case-completed', 'applicant']]));
  });

  it('reminds an overdue reviewer, then escalates to the supervisor', async () => {
    const h = harness();
    const handle = await h.start(registration);
    const review = await h.openTask(handle, 'formal-review');
    const caseId = handle.workflowId.replace(/^case-/, '');
    const sent = async () =>
      (await h.database.db.select().from(notifications).where(eq(notifications.caseId, caseId))).map((n) => [n.kind, n.recipientRole]);

    // Due after 10 days: a reminder to the officers; 3 days later, the supervisor.
    await h.env.sleep('11 days');
    await expect.poll(sent).toEqual([['reminder', 'officer']]);
    await h.env.sleep('3 days');
    await expect.poll(sent).toEqual([
      ['reminder', 'officer'],
      ['escalation', 'supervisor'],
    ]);
    const [task] = await h.database.db.select().from(tasks).where(eq(tasks.id, review.taskId));
    expect(task).toMatchObject({ status: 'open', escalation: 2 });
    // Still decidable after escalation.
    await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'reject', reason: 'out of scope' }] });
    expect(await h.outcome(handle)).toMatchObject({ status: 'rejected', reason: 'out of scope' });
  });

  it('is withdrawn when a correction request is not answered by its deadline', async () => {
    const h = harness();
    const handle = await h.start(registration);
    const review = await h.openTask(handle, 'formal-review');
    await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'return', reason: 'the invoice is illegible' }] });
    const correction = await h.openTask(handle, 'correction');
    expect(correction.role).toBe('applicant');

    await h.env.sleep('16 days');
    expect(await h.outcome(handle)).toMatchObject({ status: 'withdrawn', reason: 'the correction request was not answered by its deadline' });
    await recordHistories(h.env, handle, 'correction-unanswered');
    const [expired] = await h.database.db.select().from(tasks).where(eq(tasks.id, correction.taskId));
    expect(expired?.status).toBe('expired');
  });

  it('takes a correction, then a new review', async () => {
    const h = harness();
    const enterpriseId = await h.enterprise();
    const handle = await h.start({ ...registration, enterpriseId });
    const review = await h.openTask(handle, 'formal-review');
    await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'return', reason: 'fees are not itemised' }] });
    const correction = await h.openTask(handle, 'correction');
    const stranger = applicantOf('someone-else');
    expect(await refusal(handle.executeUpdate(answerCorrectionUpdate, { args: [{ taskId: correction.taskId, actor: stranger, facts: { registrationFeesFen: 1 } }] }))).toMatch(/only the applying enterprise/);
    await handle.executeUpdate(answerCorrectionUpdate, {
      args: [{ taskId: correction.taskId, actor: applicantOf(enterpriseId), facts: { registrationFeesFen: 10_000_000 }, note: 'itemised' }],
    });
    const second = await h.openTask(handle, 'formal-review');
    expect(second.taskId).not.toBe(review.taskId);
    await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: second.taskId, actor: officer, decision: 'accept' }] });
    await h.openTask(handle, 'committee-decision');
    // 30% of 100,000 yuan = 30,000 yuan, under the 100,000-yuan cap.
    expect((await handle.query(caseViewQuery)).maximumFen).toBe(3_000_000);
  });

  it('reopens the committee decision on an objection during the public notice', async () => {
    const h = harness();
    const handle = await h.start(registration);
    const review = await h.openTask(handle, 'formal-review');
    await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'accept' }] });
    const first = await h.openTask(handle, 'committee-decision');
    expect(await refusal(handle.executeUpdate(objectionUpdate, { args: [{ actor: officer, reason: 'too early' }] }))).toMatch(/only during the public notice/);
    await handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: first.taskId, actor: committeeMember, decision: 'approve', amountFen: 3_703_703 }] });

    await h.env.sleep('2 days');
    await handle.executeUpdate(objectionUpdate, { args: [{ actor: officer, reason: 'a competitor says the fees were refunded' }] });
    const second = await h.openTask(handle, 'committee-decision');
    expect(second.taskId).not.toBe(first.taskId);
    await handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: second.taskId, actor: committeeMember, decision: 'approve', amountFen: 2_000_000, reason: 'part refunded' }] });
    await h.env.sleep('7 days');
    const confirmation = await h.openTask(handle, 'payment-confirmation');
    await handle.executeUpdate(settlePaymentUpdate, { args: [{ taskId: confirmation.taskId, actor: financeClerk, outcome: 'paid', reference: 'BANK-2' }] });
    expect(await h.outcome(handle)).toMatchObject({ status: 'completed', approvedAmountFen: 2_000_000 });
    await recordHistories(h.env, handle, 'objection-reopens-committee');
    const caseId = handle.workflowId.replace(/^case-/, '');
    const audit = await h.database.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'objection-raised')));
    expect(audit).toEqual([expect.objectContaining({ actor: 'officer-1', reason: 'a competitor says the fees were refunded' })]);
  });

  it('refuses the reviewing officer at committee (four eyes), an amount above the maximum, and a repeated decision', async () => {
    const h = harness();
    const handle = await h.start(registration);
    const review = await h.openTask(handle, 'formal-review');
    const accept = { taskId: review.taskId, actor: officer, decision: 'accept' as const };
    await handle.executeUpdate(formalReviewUpdate, { args: [accept] });
    expect(await refusal(handle.executeUpdate(formalReviewUpdate, { args: [accept] }))).toMatch(/no longer open/);

    const committee = await h.openTask(handle, 'committee-decision');
    const sameOfficer = { userId: officer.userId, role: 'committee' as const };
    expect(await refusal(handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: committee.taskId, actor: sameOfficer, decision: 'approve', amountFen: 100 }] }))).toMatch(/four eyes/);
    expect(await refusal(handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: committee.taskId, actor: committeeMember, decision: 'approve', amountFen: 3_703_704 }] }))).toMatch(/above the 3703703 fen/);
    expect(await refusal(handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: committee.taskId, actor: officer, decision: 'approve', amountFen: 100 }] }))).toMatch(/committee role/);

    // Refused updates never reach history: only the one accepted review is there.
    const history = await handle.fetchHistory();
    const accepted = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(1);
    await h.settled(handle);
    await handle.terminate('test done');
  });

  it('lets the applicant withdraw before payment, and not after', async () => {
    const h = harness();
    const enterpriseId = await h.enterprise();
    const handle = await h.start({ ...registration, enterpriseId });
    await h.openTask(handle, 'formal-review');
    expect(await refusal(handle.executeUpdate(withdrawUpdate, { args: [{ actor: applicantOf('another') }] }))).toMatch(/only the applying enterprise/);
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: applicantOf(enterpriseId), reason: 'found another fund' }] });
    expect(await h.outcome(handle)).toMatchObject({ status: 'withdrawn', reason: 'found another fund' });
    await recordHistories(h.env, handle, 'withdrawn-by-applicant');
    const open = await h.database.db.select().from(tasks).where(and(eq(tasks.caseId, handle.workflowId.replace(/^case-/, '')), eq(tasks.status, 'open')));
    expect(open).toEqual([]);
  });
});

describe('the more favourable program (第十三条)', () => {
  it('pays under the program the committee decides stands, up to its own maximum', async () => {
    const h = harness();
    const handle = await h.start({
      program: 'A4-COMPUTE-KEY',
      qualifications: ['beijing-ai-key-enterprise', 'national-genai-filing'],
      // 2,000,000,000 × 30% = 600,000,000: KEY caps it at 300,000,000, FILED at 1,000,000,000.
      facts: { computeSpendFen: 2_000_000_000 },
    });
    await acceptApplication(h, handle);
    const task = await h.openTask(handle, 'committee-decision');
    const decide = (amountFen: number, standingProgram?: 'A4-COMPUTE-FILED' | 'A6-PLATFORM') =>
      handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: task.taskId, actor: committeeMember, decision: 'approve', amountFen, ...(standingProgram && { standingProgram }) }] });
    // Above KEY's maximum under KEY, and a program the assessment does not list: refused.
    const refusal = (sent: Promise<unknown>) => sent.then(() => 'taken', (e: Error) => (e.cause as Error | undefined)?.message ?? e.message);
    expect(await refusal(decide(600_000_000))).toMatch(/above the 300000000 fen/);
    expect(await refusal(decide(600_000_000, 'A6-PLATFORM'))).toMatch(/neither the program applied for/);
    await decide(600_000_000, 'A4-COMPUTE-FILED');
    await h.env.sleep('7 days');
    const confirmation = await h.openTask(handle, 'payment-confirmation');
    await handle.executeUpdate(settlePaymentUpdate, { args: [{ taskId: confirmation.taskId, actor: financeClerk, outcome: 'paid', reference: 'BANK-A4' }] });
    const caseId = handle.workflowId.replace(/^case-/, '');
    // A4 supports two years; the first year's payment is what this decision made.
    await expect
      .poll(async () => h.database.db.select().from(payments).where(eq(payments.caseId, caseId)))
      .toEqual([expect.objectContaining({ program: 'A4-COMPUTE-FILED', component: 'compute', amountFen: 600_000_000, status: 'paid' })]);
    const allocated = (await h.database.db.select().from(auditLog).where(eq(auditLog.caseId, caseId))).find((a) => a.action === 'approval-allocated');
    expect(allocated?.detail).toMatchObject({ program: 'A4-COMPUTE-FILED', trace: [expect.objectContaining({ step: 'most-favourable.decided', article: '第十三条' }), expect.objectContaining({ step: 'approval.allocation' })] });
  });
});
