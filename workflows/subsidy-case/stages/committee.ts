// 管委会审议: the rules give the most the case may get; someone other than the
// reviewing officer approves an amount up to it, or rejects. A9 needs a district
// resolution.
import type { ComponentName, EvaluationResult } from '../../../rules/index.js';
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import type { CommitteeDecision } from '../messages.js';
import { closeAs, enterStage, proceed } from '../stage.js';
import type { StageOutcome } from '../stage.js';
import { awaitDecisionWithEscalation, openTask } from '../tasks.js';

export interface ComponentAmount {
  component: ComponentName | 'decided';
  amountFen: number;
}

/** Assesses the case under its policy version and records the maximum. */
export async function assess(state: CaseState): Promise<EvaluationResult> {
  const { input } = state;
  const result = await activities.assessAmount({
    caseId: state.caseId,
    enterpriseId: input.enterpriseId,
    program: input.program,
    submittedOn: input.submittedOn,
    policyVersion: input.policyVersion,
    supportYear: 1,
    registeredInDistrict: input.registeredInDistrict,
    qualifications: input.qualifications,
    facts: state.facts,
  });
  // Decided amounts: the cap bounds the committee (A9 has none).
  state.maximumFen = result.decision.decidedAmount ? (result.decision.maximumFen ?? undefined) : result.amountFen;
  return result;
}

export async function committeeDecision(state: CaseState, assessment: EvaluationResult): Promise<StageOutcome> {
  if (!assessment.eligible) {
    return closeAs('rejected', assessment.reasons.map((r) => `${r.article} ${r.message}`).join('; '));
  }
  enterStage(state, Stage.Committee);
  state.approvedAmountFen = undefined;
  await activities.recordStage({ caseId: state.caseId, stage: Stage.Committee, ...(state.maximumFen !== undefined && { maximumAmountFen: state.maximumFen }) });
  const task = await openTask(state, TaskKind.CommitteeDecision, Role.Committee, { due: state.input.settings.taskDue });
  await awaitDecisionWithEscalation(state, task);
  const decision = task.decision as CommitteeDecision;
  if (decision.decision === 'reject') return closeAs('rejected', decision.reason ?? 'rejected by the committee');
  state.approvedAmountFen = decision.amountFen ?? 0;
  await activities.recordStage({ caseId: state.caseId, stage: Stage.Committee, approvedAmountFen: state.approvedAmountFen });
  return proceed;
}

/**
 * Splits the approved total over the assessed components in their order, each up
 * to its own amount: a reduced award reduces the last components first.
 */
export function allocateApproved(assessment: EvaluationResult, approvedFen: number): ComponentAmount[] {
  if (assessment.decision.decidedAmount) return [{ component: assessment.components[0]?.name ?? 'decided', amountFen: approvedFen }];
  let remaining = approvedFen;
  const parts: ComponentAmount[] = [];
  for (const component of assessment.components) {
    const amountFen = Math.min(component.amountFen, remaining);
    remaining -= amountFen;
    if (amountFen > 0) parts.push({ component: component.name, amountFen });
  }
  return parts;
}
