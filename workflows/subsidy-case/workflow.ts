// One subsidy application, from submission to close. Entry point: register the
// handlers, then run the stages in order.
import { ApplicationFailure, condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities/index.js';
import { CaseState } from './case-state.js';
import { caseViewQuery, formalReviewUpdate, Role, Stage } from './messages.js';
import type { CaseInput, CaseStatus, FormalReviewDecision } from './messages.js';

const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface CaseOutcome {
  status: CaseStatus;
  approvedAmountFen?: number;
}

function refuse(message: string): never {
  throw ApplicationFailure.nonRetryable(message, 'DecisionRefused');
}

export async function subsidyCaseWorkflow(input: CaseInput): Promise<CaseOutcome> {
  const state = new CaseState(input);
  let review: FormalReviewDecision | undefined;

  setHandler(caseViewQuery, () => state.view());
  setHandler(
    formalReviewUpdate,
    async (decision) => {
      const task = state.openTaskOfKind('formal-review');
      if (!task) refuse('no formal review is open');
      review = decision;
      state.closeTask(task.taskId);
      await activities.closeTask({
        taskId: task.taskId,
        caseId: state.caseId,
        actor: decision.actor,
        outcome: { decision: decision.decision },
        ...(decision.reason !== undefined && { reason: decision.reason }),
      });
      return { taskId: task.taskId, acceptedAt: new Date().toISOString() };
    },
    {
      validator: (decision) => {
        if (decision.actor.role !== Role.Officer) refuse(`a formal review is decided by an officer, not by ${decision.actor.role}`);
        if (!state.openTaskOfKind('formal-review')) refuse('no formal review is open on this case');
        if (decision.decision === 'reject' && !decision.reason?.trim()) refuse('a rejection needs a reason');
      },
    },
  );

  await activities.recordApplication(input, workflowInfo().workflowId);

  state.stage = Stage.FormalReview;
  const task = state.newTask('formal-review', Role.Officer);
  await activities.openTask({ taskId: task.taskId, caseId: state.caseId, kind: task.kind, stage: task.stage, program: input.program, role: task.role });
  await condition(() => review !== undefined);
  if (review?.decision === 'reject') return close(state, 'rejected', review.reason);

  state.stage = Stage.Disbursement;
  const assessment = await activities.assessAmount({ ...input, supportYear: 1 });
  if (!assessment.eligible) return close(state, 'rejected', assessment.reasons.map((r) => r.message).join('; '));
  state.approvedAmountFen = assessment.amountFen;
  await activities.recordApprovedAmount(state.caseId, assessment.amountFen);
  await activities.instructPayment({
    caseId: state.caseId,
    program: input.program,
    supportYear: 1,
    component: 'one-off',
    amountFen: assessment.amountFen,
  });
  return close(state, 'completed');
}

async function close(state: CaseState, status: CaseStatus, reason?: string): Promise<CaseOutcome> {
  state.stage = Stage.Closed;
  state.status = status;
  await activities.closeCase({ caseId: state.caseId, status, ...(reason !== undefined && { reason }) });
  return { status, ...(state.approvedAmountFen !== undefined && { approvedAmountFen: state.approvedAmountFen }) };
}
