// A worker dies after the payment instruction is written but before the activity
// reports success; a new worker retries it, and there is still exactly one payment.
import { Context } from '@temporalio/activity';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, payments } from '../../db/schema.js';
import { createActivities } from '../../activities/index.js';
import type { PaymentToInstruct } from '../../activities/payments.js';
import { caseViewQuery, committeeDecisionUpdate, formalReviewUpdate, settlePaymentUpdate } from '../../workflows/subsidy-case/messages.js';
import { committeeMember, financeClerk, officer, useCaseHarness } from '../support/case-harness.js';
import { recordHistories } from '../support/history-recorder.js';

const harness = useCaseHarness({ runWorker: false });

it('pays exactly once when a worker is stopped mid-disbursement', async () => {
  const h = harness();
  let written!: () => void;
  const instructionWritten = new Promise<void>((resolve) => (written = resolve));
  const real = createActivities({ db: h.database.db });
  const handle = await h.start({ program: 'A5-DATA-REGISTER', facts: { registrationFeesFen: 12_345_678 } });
  // No workflow cache: a stopped worker leaves no sticky task queue behind for the next one.
  const uncached = { maxCachedWorkflows: 0 };
  const healthy = await h.worker({}, uncached);
  await healthy.runUntil(async () => {
    const review = await h.openTask(handle, 'formal-review');
    await handle.executeUpdate(formalReviewUpdate, { args: [{ taskId: review.taskId, actor: officer, decision: 'accept' }] });
    const committee = await h.openTask(handle, 'committee-decision');
    await handle.executeUpdate(committeeDecisionUpdate, { args: [{ taskId: committee.taskId, actor: committeeMember, decision: 'approve', amountFen: 3_703_703 }] });
    // Settled into the notice period: nothing left for a worker to do until it ends.
    await expect.poll(async () => (await handle.query(caseViewQuery)).stage).toBe('public-notice');
    await expect.poll(async () => (await handle.describe()).raw.pendingActivities?.length ?? 0).toBe(0);
  });
  // The notice period passes with no worker running; disbursement starts on the next one.
  await h.env.sleep('7 days');

  const crashing = await h.worker({
    // The real write, then the worker dies before it can report success. (Should the
    // retry reach this worker before it has stopped, it simply succeeds.)
    async instructPayment(payment: PaymentToInstruct) {
      const instruction = await real.instructPayment(payment);
      if (Context.current().info.attempt > 1) return instruction;
      written();
      throw new Error('worker died after writing the instruction');
    },
  }, uncached);
  const crashingRun = crashing.run();
  await instructionWritten;
  // Stopped well within the retry's one-second backoff, so the retry goes to the new worker.
  crashing.shutdown();
  await crashingRun;

  const replacement = await h.worker({}, uncached);
  await replacement.runUntil(async () => {
    const confirmation = await h.openTask(handle, 'payment-confirmation');
    await handle.executeUpdate(settlePaymentUpdate, { args: [{ taskId: confirmation.taskId, actor: financeClerk, outcome: 'paid', reference: 'BANK-7' }] });
    expect(await h.outcome(handle)).toMatchObject({ status: 'completed' });
    await recordHistories(h.env, handle, 'worker-crash-retry');
  });

  const caseId = handle.workflowId.replace(/^case-/, '');
  const rows = await h.database.db.select().from(payments).where(eq(payments.caseId, caseId));
  expect(rows).toEqual([expect.objectContaining({ amountFen: 3_703_703, status: 'paid', attempts: 1 })]);
  const instructed = (await h.database.db.select().from(auditLog).where(eq(auditLog.caseId, caseId))).filter((a) => a.action === 'payment-instructed');
  expect(instructed).toHaveLength(1);
  // The activity really ran twice: once on the stopped worker, once on its replacement.
  const history = await handle.fetchHistory();
  const started = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes && e.activityTaskStartedEventAttributes.attempt !== undefined);
  expect(started.some((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 0) >= 2)).toBe(true);
});
