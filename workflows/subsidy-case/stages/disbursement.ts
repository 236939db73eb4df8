// 资金拨付: one payment instruction per approved component, keyed so it can never be
// made twice; finance confirms it or reports a failure, which is re-sent and, after
// the configured attempts, escalated to the supervisor.
import { sleep } from '@temporalio/workflow';
import { activities } from '../activities.js';
import { startOfDistrictYear } from '../calendar.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import { enterStage } from '../stage.js';
import { awaitDecisionWithEscalation, decisionOf, openTask } from '../tasks.js';
import type { ComponentAmount } from './committee.js';

export async function disburse(state: CaseState, parts: ComponentAmount[]): Promise<void> {
  enterStage(state, Stage.Disbursement);
  // From here on the applicant can no longer withdraw.
  state.paymentStarted = true;
  await activities.recordStage({ caseId: state.caseId, stage: Stage.Disbursement });
  // Deferred to next year's budget: paid once that year begins.
  if (state.fundingYear !== undefined && state.fundingYear > state.budgetYear) {
    const fundingStarts = startOfDistrictYear(state.fundingYear);
    if (Date.now() < fundingStarts) await sleep(fundingStarts - Date.now());
  }
  await Promise.all(parts.map((part) => payComponent(state, part, state.supportYear)));
}

async function payComponent(state: CaseState, part: ComponentAmount, supportYear: number): Promise<void> {
  const { input } = state;
  const { paymentKey } = await activities.instructPayment({
    caseId: state.caseId,
    program: state.standingProgram ?? input.program,
    noticeYear: input.noticeYear,
    supportYear,
    component: part.component,
    amountFen: part.amountFen,
  });
  for (let attempt = 1; ; attempt += 1) {
    const task = await openTask(state, TaskKind.PaymentConfirmation, Role.Finance, { due: input.settings.taskDue, subject: paymentKey });
    await awaitDecisionWithEscalation(state, task);
    const settlement = decisionOf(task, TaskKind.PaymentConfirmation);
    await activities.settlePayment({
      caseId: state.caseId,
      paymentKey,
      attempt,
      outcome: settlement.outcome,
      actor: settlement.actor,
      ...(settlement.reference !== undefined && { reference: settlement.reference }),
      ...(settlement.reason !== undefined && { reason: settlement.reason }),
    });
    if (settlement.outcome === 'paid') return;
    if (attempt >= input.settings.paymentAttempts) {
      await activities.escalateTask({
        taskId: task.taskId,
        caseId: state.caseId,
        level: 2,
        role: Role.Finance,
        message: `Payment ${paymentKey} failed ${attempt} times: ${settlement.reason ?? 'no reason given'}`,
      });
    }
    await activities.retryPayment({ caseId: state.caseId, paymentKey, attempt: attempt + 1 });
  }
}
