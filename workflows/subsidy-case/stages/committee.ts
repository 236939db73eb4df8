// 管委会审议: the rules give the most the case may get; someone other than the
// reviewing officer approves an amount up to it, or rejects. A9 needs a district
// resolution.
import type { ComponentName, EvaluationResult } from '../../../rules/index.js';
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import { closeAs, enterStage, proceed } from '../stage.js';
import type { StageOutcome } from '../stage.js';
import { awaitDecisionWithEscalation, decisionOf, openTask } from '../tasks.js';

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
    supportYear: state.supportYear,
    priorYears: state.priorYears,
    registeredInDistrict: input.registeredInDistrict,
    qualifications: input.qualifications,
    facts: state.facts,
  });
  // Decided amounts: the cap bounds the committee (A9 has none).
  state.maximumFen = result.decision.decidedAmount ? (result.decision.maximumFen ?? undefined) : result.amountFen;
  return result;
}

export const ineligibility = (assessment: EvaluationResult): string => assessment.reasons.map((r) => `${r.article} ${r.message}`).join('; ');

/**
 * The committee approves an amount up to the maximum, or rejects. The approval draws
 * on the program's budget for the year: beyond what is left, the committee defers it
 * to next year's budget or approves over budget with a reason. Should another case
 * take the remainder first, the committee decides again.
 */
export async function committeeDecision(state: CaseState): Promise<StageOutcome> {
  enterStage(state, Stage.Committee);
  state.approvedAmountFen = undefined;
  const { caseId, input, supportYear } = state;
  for (;;) {
    const standing = await activities.budgetStanding({ program: input.program, budgetYear: state.budgetYear, caseId, supportYear });
    state.budgetRemainingFen = standing.remainingFen;
    const task = await openTask(state, TaskKind.CommitteeDecision, Role.Committee, {
      due: input.settings.taskDue,
      ...(state.maximumFen !== undefined && { maximumAmountFen: state.maximumFen }),
    });
    await awaitDecisionWithEscalation(state, task);
    const decision = decisionOf(task, TaskKind.CommitteeDecision);
    if (decision.decision === 'reject') return closeAs('rejected', decision.reason ?? 'rejected by the committee');

    const amountFen = decision.amountFen ?? 0;
    const fundingYear = decision.budget === 'defer-to-next-year' ? state.budgetYear + 1 : state.budgetYear;
    const { reserved } = await activities.reserveBudget({
      program: input.program,
      budgetYear: fundingYear,
      caseId,
      supportYear,
      amountFen,
      actor: decision.actor.userId,
      ...(decision.budget === 'over-budget' && decision.reason !== undefined && { overBudgetReason: decision.reason }),
    });
    if (!reserved) continue;
    state.approvedAmountFen = amountFen;
    state.fundingYear = fundingYear;
    return proceed;
  }
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
