// 复核: a later support year whose amount moved beyond the notice's share
// (secondOfficerChangeBp) against the previous assessed year needs a second officer,
// other than the one who verified the report, to confirm the verification or return
// it to be verified again. Below the share the verification stands alone.
import type { EvaluationResult } from '../../../rules/index.js';
import { changeBasisPoints, changeExceeds } from '../../../rules/year-over-year.js';
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { DEFAULT_CASE_SETTINGS, Role, TaskKind } from '../messages.js';
import { awaitDecisionWithEscalation, decisionOf, openTask } from '../tasks.js';

export type Countersign = 'not-needed' | 'confirmed' | 'returned';

/** Cases started before the setting existed carry none: they take the default. */
export function secondOfficerThresholdBp(state: CaseState): number {
  return state.input.settings.secondOfficerChangeBp ?? DEFAULT_CASE_SETTINGS.secondOfficerChangeBp ?? 2000;
}

export async function countersignIfMoved(state: CaseState, assessment: EvaluationResult): Promise<Countersign> {
  const { caseId, supportYear, input } = state;
  const thresholdBp = secondOfficerThresholdBp(state);
  const previous = await activities.previousYearAmount({ caseId, supportYear });
  if (!previous || !changeExceeds(previous.amountFen, assessment.amountFen, thresholdBp)) return 'not-needed';

  const verification = state.verification;
  await activities.recordAudit({
    eventKey: state.nextEventKey('second-officer-required'),
    caseId,
    actor: 'system',
    action: 'second-officer-required',
    detail: {
      previousSupportYear: previous.supportYear,
      previousFen: previous.amountFen,
      currentFen: assessment.amountFen,
      changeBp: changeBasisPoints(previous.amountFen, assessment.amountFen),
      thresholdBp,
      verifiedBy: verification?.officer ?? null,
    },
  });
  const task = await openTask(state, TaskKind.YearlyCountersign, Role.Officer, {
    due: input.settings.taskDue,
    ...(verification && { subject: verification.taskId }),
  });
  await awaitDecisionWithEscalation(state, task);
  const decision = decisionOf(task, TaskKind.YearlyCountersign);
  state.reviewingOfficers.add(decision.actor.userId);
  return decision.decision === 'confirm' ? 'confirmed' : 'returned';
}
