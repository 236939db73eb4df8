// One subsidy application, from submission to close, for every program: the
// program's definition (under the case's policy version) says which stages it needs.
// Entry point: register the handlers, then run the stages in order.
import { CancellationScope, condition, allHandlersFinished, isCancellation, workflowInfo } from '@temporalio/workflow';
import { activities } from './activities.js';
import { CaseState } from './case-state.js';
import { registerHandlers } from './handlers.js';
import type { CaseInput, CaseStatus } from './messages.js';
import { Stage } from './messages.js';
import { allocateApproved, assess, committeeDecision } from './stages/committee.js';
import { disburse } from './stages/disbursement.js';
import { expertEvaluation, needsExperts } from './stages/expert-evaluation.js';
import { formalReview } from './stages/formal-review.js';
import { publicNotice } from './stages/public-notice.js';
import { enterStage, publishCaseAttributes } from './stage.js';
import type { StageOutcome } from './stage.js';
import { cancelOpenTasks } from './tasks.js';

export interface CaseOutcome {
  status: CaseStatus;
  reason?: string;
  approvedAmountFen?: number;
}

export async function subsidyCaseWorkflow(input: CaseInput): Promise<CaseOutcome> {
  const state = new CaseState(input);
  const stages = new CancellationScope();
  registerHandlers(state, () => stages.cancel());
  publishCaseAttributes(state);
  await activities.recordApplication(input, workflowInfo().workflowId);

  let outcome: StageOutcome;
  try {
    outcome = await stages.run(() => runStages(state));
  } catch (error) {
    if (!isCancellation(error) || !state.withdrawal) throw error;
    outcome = { kind: 'close', status: 'withdrawn', reason: state.withdrawal.reason ?? 'withdrawn by the applicant' };
  }
  const closing = outcome.kind === 'close' ? outcome : { status: 'completed' as const, reason: 'paid' };
  return CancellationScope.nonCancellable(() => close(state, closing.status, closing.reason));
}

async function runStages(state: CaseState): Promise<StageOutcome> {
  let outcome = await formalReview(state);
  if (outcome.kind === 'close') return outcome;

  if (needsExperts(state)) {
    outcome = await expertEvaluation(state);
    if (outcome.kind === 'close') return outcome;
  }

  // The committee decides, the decision is published; an objection reopens it.
  const assessment = await assess(state);
  for (;;) {
    outcome = await committeeDecision(state, assessment);
    if (outcome.kind === 'close') return outcome;
    if ((await publicNotice(state)) === 'published') break;
  }

  await disburse(state, allocateApproved(assessment, state.approvedAmountFen ?? 0));
  return outcome;
}

async function close(state: CaseState, status: CaseStatus, reason: string): Promise<CaseOutcome> {
  await cancelOpenTasks(state, reason);
  enterStage(state, Stage.Closed);
  state.status = status;
  await activities.closeCase({ caseId: state.caseId, status, reason });
  // Let any decision still being recorded finish before the case ends.
  await condition(allHandlersFinished);
  return { status, reason, ...(state.approvedAmountFen !== undefined && { approvedAmountFen: state.approvedAmountFen }) };
}
