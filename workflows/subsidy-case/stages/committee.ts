// 管委会审议: the rules give the most the case may get; someone other than the
// reviewing officer approves an amount up to it, or rejects. A9 needs a district
// resolution.
import type { ComponentAmount, EvaluationResult } from '../../../rules/index.js';
import { allocateApproved } from '../../../rules/allocation.js';
import { getPolicyVersion } from '../../../rules/policy/registry.js';
import { standingAssessment } from '../../../rules/standing.js';
import { activities } from '../activities.js';
import type { CaseState } from '../case-state.js';
import { Role, Stage, TaskKind } from '../messages.js';
import { closeAs, enterStage, proceed } from '../stage.js';
import type { StageOutcome } from '../stage.js';
import { awaitDecisionWithEscalation, decisionOf, openTask } from '../tasks.js';
import { project, projectsInOrder } from '../projection.js';

export type { ComponentAmount };

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
  // 第十三条: a more favourable program the case also qualifies for bounds an approval under it.
  state.alternativeMaximaFen = Object.fromEntries(result.alternatives.map((a) => [a.program, a.amountFen]));
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
      program: decision.standingProgram ?? input.program,
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
    state.standingProgram = decision.standingProgram;
    return proceed;
  }
}

/**
 * What the approval pays, component by component, under the program that stands
 * (第十三条: the committee may decide a more favourable one the case qualifies for),
 * split by the version's rule; runs on the ordered path keep its trace in the audit log.
 */
export function approvedParts(state: CaseState, assessment: EvaluationResult): ComponentAmount[] {
  const version = getPolicyVersion(state.input.policyVersion);
  const standing = standingAssessment(version, assessment, state.standingProgram);
  const allocation = allocateApproved(version, standing, state.approvedAmountFen ?? 0);
  if (projectsInOrder(state)) {
    const decided = standing.trace.filter((step) => step.step === 'most-favourable.decided');
    project(state, 'recordAudit', {
      eventKey: state.nextEventKey('approval-allocated'),
      caseId: state.caseId,
      actor: 'system',
      action: 'approval-allocated',
      detail: { program: standing.program, parts: allocation.parts, trace: [...decided, allocation.trace] },
    });
  }
  return allocation.parts;
}
