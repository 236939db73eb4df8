// A revoked award (false evidence, leaving the district): future years stop, unpaid
// instructions are cancelled, the budget not spent is released, and what was paid is
// to be repaid (追回), tracked until finance confirms the repayment.
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import type { Revocation } from '../messages.js';
import { enterStage } from '../stage.js';
import { awaitDecisionWithEscalation, cancelOpenTasks, decisionOf, openTask } from '../tasks.js';

export async function recoverPayments(state: CaseState, revocation: Revocation): Promise<string> {
  await cancelOpenTasks(state, 'the award was revoked');
  enterStage(state, Stage.Recovery);
  await activities.recordStage({ caseId: state.caseId, stage: Stage.Recovery });
  await activities.releaseUnpaidBudget(state.caseId);
  const items = await activities.openRecovery({ caseId: state.caseId, grounds: revocation.grounds, actor: revocation.actor.userId, reason: revocation.reason });
  const totalFen = items.reduce((sum, item) => sum + item.amountFen, 0);
  if (totalFen > 0) {
    const task = await openTask(state, TaskKind.RepaymentConfirmation, Role.Finance, { due: state.input.settings.taskDue, subject: `recovery of ${totalFen} fen` });
    await awaitDecisionWithEscalation(state, task);
    const confirmation = decisionOf(task, TaskKind.RepaymentConfirmation);
    await activities.confirmRepayment({ caseId: state.caseId, actor: confirmation.actor, reference: confirmation.reference });
  }
  return `revoked (${revocation.grounds}): ${revocation.reason}; ${totalFen} fen recovered`;
}
