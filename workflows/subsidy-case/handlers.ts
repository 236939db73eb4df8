// Every message people send a case. Validators refuse a wrong role or person, a task
// that is not open, or an amount above the maximum, before anything reaches history;
// handlers record the decision (projection.ts writes it to the read model),
// then answer with a receipt.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import type { ProgramCode } from '../../rules/index.js';
import { programDefinition } from '../../rules/policy/registry.js';
import { handlerActivities as activities } from './activities.js';
import type { CaseState, CaseTask } from './case-state.js';
import {
  answerCorrectionUpdate,
  caseViewQuery,
  claimTaskUpdate,
  committeeDecisionUpdate,
  reconcileReadModelUpdate,
  DECISION_REFUSED,
  TASK_NOT_IN_CASE,
  declareConflictUpdate,
  formalReviewUpdate,
  objectionUpdate,
  releaseTaskUpdate,
  Role,
  confirmRepaymentUpdate,
  revokeUpdate,
  settlePaymentUpdate,
  Stage,
  submitYearlyReportUpdate,
  verifyYearlyReportUpdate,
  submitScoresUpdate,
  TaskKind,
  withdrawUpdate,
} from './messages.js';
import type { Actor, DecisionReceipt } from './messages.js';
import { projectAndWait, projectsInOrder, taskToOpen } from './projection.js';
import { scoreSheetProblem } from './panel.js';

function refuse(message: string): never {
  throw ApplicationFailure.nonRetryable(message, DECISION_REFUSED);
}

/** The open task of this kind that this actor may decide, or a refusal saying why not. */
function taskFor(state: CaseState, taskId: string, kind: TaskKind, actor: Actor): CaseTask {
  const task = state.task(taskId);
  if (!task) throw ApplicationFailure.nonRetryable(`case ${state.caseId} holds no open task ${taskId}`, TASK_NOT_IN_CASE);
  if (task.kind !== kind) refuse(`task ${taskId} is not a ${kind} task of case ${state.caseId}`);
  if (task.closed) refuse(`task ${taskId} is no longer open`);
  if (actor.role !== task.role) refuse(`a ${kind} task is decided by the ${task.role} role, not ${actor.role}`);
  if (task.role === Role.Applicant && actor.enterpriseId !== state.input.enterpriseId) refuse('only the applying enterprise answers this task');
  if (task.assignee !== undefined && task.assignee !== actor.userId) refuse(`task ${taskId} is assigned to someone else`);
  return task;
}

const receipt = (state: CaseState, taskId?: string): DecisionReceipt => ({
  ...(taskId !== undefined && { taskId }),
  stage: state.stage,
  status: state.status,
});

/**
 * Records the decision and closes the task in state at once (so a repeat is refused),
 * then answers once the decision is in the read model (projection.ts). Runs that began
 * on an earlier path write it the way they were recorded.
 */
async function decide(state: CaseState, task: CaseTask, actor: Actor, decision: object, reason?: string): Promise<DecisionReceipt> {
  state.closeTask(task.taskId, decision);
  const { actor: _omit, taskId: _id, ...outcome } = decision as Record<string, unknown>;
  const closing = { taskId: task.taskId, caseId: state.caseId, status: 'done' as const, actor, outcome, ...(reason !== undefined && { reason }) };
  if (!projectsInOrder(state) && state.writePath === 'main-flow-local') state.decisionsToProject.push(closing);
  else await activities.closeTask(closing);
  return receipt(state, task.taskId);
}

/** Interrupts the running stages (a withdrawal or a revocation). */
export function registerHandlers(state: CaseState, interruptStages: () => void): void {
  const program = programDefinition(state.input.policyVersion, state.input.program);

  setHandler(caseViewQuery, () => state.view());

  setHandler(formalReviewUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.FormalReview, d.actor), d.actor, d, d.reason), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.FormalReview, d.actor);
      if (d.decision !== 'accept' && !d.reason?.trim()) refuse(`to ${d.decision} an application, give the reason`);
    },
  });

  setHandler(answerCorrectionUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.Correction, d.actor), d.actor, d, d.note), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.Correction, d.actor);
      if (d.facts === undefined && d.evidence === undefined && !d.note?.trim()) refuse('a correction changes facts or evidence, or explains why not');
    },
  });

  setHandler(declareConflictUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.ExpertConflict, d.actor), d.actor, d, d.detail), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.ExpertConflict, d.actor);
      if (d.hasConflict && !d.detail?.trim()) refuse('a declared conflict needs a short description');
    },
  });

  setHandler(submitScoresUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.ExpertScoring, d.actor), d.actor, d), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.ExpertScoring, d.actor);
      const problem = scoreSheetProblem(program.criteria, d.scores);
      if (problem) refuse(problem);
    },
  });

  setHandler(committeeDecisionUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.CommitteeDecision, d.actor), d.actor, d, d.reason), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.CommitteeDecision, d.actor);
      if (state.reviewingOfficers.has(d.actor.userId)) refuse('the officer who reviewed the application cannot also decide it (four eyes)');
      if (d.decision === 'reject') {
        if (!d.reason?.trim()) refuse('a rejection needs a reason');
        return;
      }
      if (d.amountFen === undefined || !Number.isSafeInteger(d.amountFen) || d.amountFen <= 0) refuse('an approval needs a positive whole amountFen');
      const standing: ProgramCode = d.standingProgram ?? state.input.program;
      if (standing !== state.input.program && state.alternativeMaximaFen[standing] === undefined) {
        refuse(`standingProgram ${standing} is neither the program applied for nor a more favourable one the assessment lists`);
      }
      const maximum = standing === state.input.program ? state.maximumFen : state.alternativeMaximaFen[standing];
      if (maximum !== undefined && d.amountFen > maximum) refuse(`amountFen ${d.amountFen} is above the ${maximum} fen the rules allow under ${standing}`);
      if (program.districtResolution && !d.resolutionRef?.trim()) refuse('this program needs the district resolution (resolutionRef) that sets the amount');
      const remaining = state.budgetRemainingFen;
      if (remaining !== null && remaining !== undefined && d.amountFen > remaining && d.budget === undefined) {
        refuse(`amountFen ${d.amountFen} exceeds the ${remaining} fen left of this year's budget: reduce it, defer it to next year's budget, or approve over budget with a reason`);
      }
      if (d.budget === 'over-budget' && !d.reason?.trim()) refuse('an approval over budget needs the reason');
    },
  });

  setHandler(settlePaymentUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.PaymentConfirmation, d.actor), d.actor, d, d.reason), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.PaymentConfirmation, d.actor);
      if (d.outcome === 'failed' && !d.reason?.trim()) refuse('a failed payment needs the reason finance was given');
      if (d.outcome === 'paid' && !d.reference?.trim()) refuse('a confirmed payment needs its bank reference');
    },
  });

  setHandler(submitYearlyReportUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.YearlyReport, d.actor), d.actor, d, d.note), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.YearlyReport, d.actor);
      const missing = program.reportFacts.laterYears.filter((fact) => d.facts[fact] === undefined);
      if (missing.length > 0) refuse(`the year's report must state ${missing.join(', ')}`);
    },
  });

  setHandler(verifyYearlyReportUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.YearlyVerification, d.actor), d.actor, d, d.reason), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.YearlyVerification, d.actor);
      if (d.outcome === 'failed' && !d.reason?.trim()) refuse('a failed verification needs the reason');
    },
  });

  setHandler(confirmRepaymentUpdate, (d) => decide(state, taskFor(state, d.taskId, TaskKind.RepaymentConfirmation, d.actor), d.actor, d), {
    validator: (d) => {
      taskFor(state, d.taskId, TaskKind.RepaymentConfirmation, d.actor);
      if (!d.reference?.trim()) refuse('a confirmed repayment needs its bank reference');
    },
  });

  setHandler(
    revokeUpdate,
    async (d) => {
      state.revocation = d;
      interruptStages();
      return receipt(state);
    },
    {
      validator: (d) => {
        if (d.actor.role !== Role.Committee) refuse('an award is revoked by the committee');
        if (state.status !== 'in-progress' || state.revocation || state.withdrawal) refuse('the case is already closed or closing');
        if (state.supportYear === 1 && state.approvedAmountFen === undefined) refuse('nothing has been approved yet: reject the application instead');
        if (!d.reason?.trim()) refuse('a revocation needs its reason');
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (d) => {
      state.withdrawal = { by: d.actor.userId, ...(d.reason !== undefined && { reason: d.reason }) };
      interruptStages();
      return receipt(state);
    },
    {
      validator: (d) => {
        if (d.actor.role !== Role.Applicant || d.actor.enterpriseId !== state.input.enterpriseId) refuse('only the applying enterprise can withdraw its application');
        if (state.status !== 'in-progress' || state.withdrawal) refuse('the case is already closed');
        if (state.paymentStarted) refuse('payment has started: the application can no longer be withdrawn');
      },
    },
  );

  setHandler(
    objectionUpdate,
    async (d) => {
      state.objections.push({ by: d.actor.userId, reason: d.reason });
      await activities.recordAudit({ eventKey: state.nextEventKey('objection'), caseId: state.caseId, actor: d.actor.userId, action: 'objection-raised', reason: d.reason });
      return receipt(state);
    },
    {
      validator: (d) => {
        if (d.actor.role !== Role.Officer && d.actor.role !== Role.Ops) refuse('objections are recorded by an officer or operations staff');
        if (state.stage !== Stage.PublicNotice) refuse('objections are taken only during the public notice');
        if (!d.reason?.trim()) refuse('an objection needs its grounds');
      },
    },
  );

  setHandler(
    reconcileReadModelUpdate,
    async () => {
      projectsInOrder(state);
      await projectAndWait(state, 'reconcileOpenTasks', { caseId: state.caseId, reason: 'reconciled by operations', open: state.openTasks().map((task) => taskToOpen(state, task)) });
      return receipt(state);
    },
    {
      validator: (d) => {
        if (d.actor.role !== Role.Ops && d.actor.role !== Role.Supervisor) refuse('the read model is reconciled by operations or a supervisor');
      },
    },
  );

  setHandler(
    claimTaskUpdate,
    async (d) => {
      const task = claimable(state, d.taskId, d.actor);
      task.assignee = d.actor.userId;
      await activities.assignTask({ eventKey: state.nextEventKey('claim'), taskId: task.taskId, caseId: state.caseId, actor: d.actor, assignee: d.actor.userId });
      return receipt(state, task.taskId);
    },
    { validator: (d) => void claimable(state, d.taskId, d.actor) },
  );

  setHandler(
    releaseTaskUpdate,
    async (d) => {
      const task = releasable(state, d.taskId, d.actor);
      delete task.assignee;
      await activities.assignTask({ eventKey: state.nextEventKey('release'), taskId: task.taskId, caseId: state.caseId, actor: d.actor, assignee: null });
      return receipt(state, task.taskId);
    },
    { validator: (d) => void releasable(state, d.taskId, d.actor) },
  );
}

function claimable(state: CaseState, taskId: string, actor: Actor): CaseTask {
  const task = state.openTask(taskId);
  if (!task) refuse(`task ${taskId} is not open`);
  if (task.role !== actor.role) refuse(`this task is for the ${task.role} role`);
  if (task.role === Role.Expert || task.role === Role.Applicant) refuse('this task belongs to one person and cannot be claimed');
  if (task.assignee !== undefined) refuse(task.assignee === actor.userId ? 'you already hold this task' : 'someone else holds this task');
  return task;
}

function releasable(state: CaseState, taskId: string, actor: Actor): CaseTask {
  const task = state.openTask(taskId);
  if (!task) refuse(`task ${taskId} is not open`);
  if (task.role === Role.Expert || task.role === Role.Applicant) refuse('this task belongs to one person and cannot be released');
  if (task.assignee !== actor.userId) refuse('only the person holding a task can release it');
  return task;
}
