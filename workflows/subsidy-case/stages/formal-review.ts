// 形式审查: an officer accepts, rejects with a reason, or returns the application for
// correction (补正) with a deadline; no answer by then means withdrawn.
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import { closeAs, enterStage, proceed } from '../stage.js';
import type { StageOutcome } from '../stage.js';
import { awaitDecisionBy, awaitDecisionWithEscalation, decisionOf, openTask } from '../tasks.js';

export async function formalReview(state: CaseState): Promise<StageOutcome> {
  const { settings } = state.input;
  for (;;) {
    enterStage(state, Stage.FormalReview);
    const review = await openTask(state, TaskKind.FormalReview, Role.Officer, { due: settings.taskDue });
    await awaitDecisionWithEscalation(state, review);
    const decision = decisionOf(review, TaskKind.FormalReview);
    state.reviewingOfficers.add(decision.actor.userId);
    if (decision.decision === 'accept') return proceed;
    if (decision.decision === 'reject') return closeAs('rejected', decision.reason ?? 'rejected at formal review');

    enterStage(state, Stage.Correction);
    const correction = await openTask(state, TaskKind.Correction, Role.Applicant, { due: settings.correctionPeriod });
    const answered = await awaitDecisionBy(state, correction, settings.correctionPeriod, 'no correction by the deadline');
    if (!answered) return closeAs('withdrawn', 'the correction request was not answered by its deadline');
    const answer = decisionOf(correction, TaskKind.Correction);
    state.facts = answer.facts ?? state.facts;
    state.evidence = answer.evidence ?? state.evidence;
    await activities.recordCorrection({
      eventKey: state.nextEventKey('corrected'),
      caseId: state.caseId,
      actor: answer.actor.userId,
      facts: state.facts,
      evidence: state.evidence,
      ...(answer.note !== undefined && { note: answer.note }),
    });
  }
}
