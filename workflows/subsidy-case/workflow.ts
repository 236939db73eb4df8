// One subsidy application for its whole life, for every program: the program's
// definition (under the case's policy version) says which stages it needs. A
// multi-year award continues as new for each later support year, carrying only what
// that year needs. Entry point: register the handlers, then run the year's stages.
import { allHandlersFinished, CancellationScope, condition, continueAsNew, isCancellation, patched, workflowInfo } from '@temporalio/workflow';
import { programDefinition } from '../../rules/policy/registry.js';
import { activities, bindActivitiesToCase } from './activities.js';
import { CaseState } from './case-state.js';
import { registerHandlers } from './handlers.js';
import type { CaseInput, CaseStatus } from './messages.js';
import { Role, Stage } from './messages.js';
import { approvedParts, assess, committeeDecision, ineligibility } from './stages/committee.js';
import { disburse } from './stages/disbursement.js';
import { expertEvaluation, needsExperts } from './stages/expert-evaluation.js';
import { formalReview } from './stages/formal-review.js';
import { publicNotice } from './stages/public-notice.js';
import { recoverPayments } from './stages/recovery.js';
import { countersignIfMoved } from './stages/second-officer.js';
import { missedYear, verifyReport, yearlyReport } from './stages/yearly-report.js';
import { closeAs, enterStage, proceed, publishCaseAttributes } from './stage.js';
import type { StageOutcome } from './stage.js';
import { cancelOpenTasks } from './tasks.js';
import { allProjected, startProjection } from './projection.js';

export interface CaseOutcome {
  status: CaseStatus;
  reason?: string;
  supportYear: number;
  approvedAmountFen?: number;
}

export async function subsidyCaseWorkflow(input: CaseInput): Promise<CaseOutcome> {
  const state = new CaseState(input);
  bindActivitiesToCase(state);
  startProjection(state);
  const stages = new CancellationScope();
  registerHandlers(state, () => stages.cancel());
  publishCaseAttributes(state);
  if (state.supportYear === 1) await activities.recordApplication(input, workflowInfo().workflowId);

  let outcome: StageOutcome;
  try {
    outcome = await stages.run(() => (state.supportYear === 1 ? firstYear(state) : laterYear(state)));
  } catch (error) {
    if (!isCancellation(error)) throw error;
    if (state.revocation) outcome = closeAs('revoked', await recoverPayments(state, state.revocation));
    else if (state.withdrawal) outcome = closeAs('withdrawn', state.withdrawal.reason ?? 'withdrawn by the applicant');
    else throw error;
  }

  if (outcome.kind === 'next-year' && state.supportYear >= programDefinition(input.policyVersion, input.program).years) {
    outcome = closeAs('completed', `support year ${state.supportYear} was the last (${outcome.outcome})`);
  }
  if (outcome.kind === 'next-year') {
    await condition(allHandlersFinished);
    await allProjected(state);
    return continueAsNew<typeof subsidyCaseWorkflow>({
      ...input,
      facts: state.facts,
      evidence: state.evidence,
      continuation: {
        supportYear: state.supportYear + 1,
        priorYears: [...state.priorYears, { supportYear: state.supportYear, outcome: outcome.outcome }],
        reviewingOfficers: [...state.reviewingOfficers],
      },
    });
  }
  const closing = outcome.kind === 'close' ? outcome : { status: 'completed' as const, reason: 'all support paid' };
  return CancellationScope.nonCancellable(() => close(state, closing.status, closing.reason));
}

/** The application year: review, experts where the program needs them, committee, notice, payment. */
async function firstYear(state: CaseState): Promise<StageOutcome> {
  let outcome = await formalReview(state);
  if (outcome.kind !== 'continue') return outcome;
  if (needsExperts(state)) {
    outcome = await expertEvaluation(state);
    if (outcome.kind !== 'continue') return outcome;
  }
  const assessment = await assess(state);
  if (!assessment.eligible) return closeAs('rejected', ineligibility(assessment));
  return decideAndPay(state, assessment);
}

/**
 * A later support year: the year's report and its verification (countersigned by a
 * second officer when the amount moved beyond the setting), then as the first year.
 */
async function laterYear(state: CaseState): Promise<StageOutcome> {
  const outcome = await yearlyReport(state);
  if (outcome.kind !== 'continue') return outcome;
  let assessment = await assess(state);
  // Added after release: runs already past their assessment replay without it.
  if (patched('second-officer-verification')) {
    while ((await countersignIfMoved(state, assessment)) === 'returned') {
      const again = await verifyReport(state);
      if (again.kind !== 'continue') return again;
      assessment = await assess(state);
    }
  }
  if (!assessment.eligible) return missedYear(state, 'failed', ineligibility(assessment));
  return decideAndPay(state, assessment);
}

/** The committee decides, the decision is published (an objection reopens it), then payment. */
async function decideAndPay(state: CaseState, assessment: Awaited<ReturnType<typeof assess>>): Promise<StageOutcome> {
  for (;;) {
    const outcome = await committeeDecision(state);
    if (outcome.kind !== 'continue') return outcome;
    if ((await publicNotice(state)) === 'published') break;
  }
  await disburse(state, approvedParts(state, assessment));
  return nextYearOrDone(state);
}

function nextYearOrDone(state: CaseState): StageOutcome {
  const program = programDefinition(state.input.policyVersion, state.input.program);
  const multiYear = !program.yearsSetByResolution && state.supportYear < program.years;
  return multiYear ? { kind: 'next-year', outcome: 'verified' } : proceed;
}

async function close(state: CaseState, status: CaseStatus, reason: string): Promise<CaseOutcome> {
  await cancelOpenTasks(state, reason);
  // An approval that will not be paid gives its budget back (withdrawn during the notice,
  // rejected after an objection reopened it).
  if (status !== 'completed' && status !== 'revoked') await activities.releaseUnpaidBudget(state.caseId);
  enterStage(state, Stage.Closed);
  state.status = status;
  await activities.closeCase({ caseId: state.caseId, status, reason });
  // Added after release: cases already running replay without it (their history has no marker).
  if (patched('notify-applicant-on-close')) {
    await activities.notify({
      eventKey: `${state.caseId}:closed`,
      caseId: state.caseId,
      recipientRole: Role.Applicant,
      recipientUser: state.input.enterpriseId,
      kind: `case-${status}`,
      message: `Case ${state.caseId} is ${status}: ${reason}`,
    });
  }
  // Let any decision still being recorded finish before the case ends.
  await condition(allHandlersFinished);
  await allProjected(state);
  return { status, reason, supportYear: state.supportYear, ...(state.approvedAmountFen !== undefined && { approvedAmountFen: state.approvedAmountFen }) };
}
