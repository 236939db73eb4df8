// Every message people send a case. Validators refuse a wrong role or person, a task
// that is not open, or what the task kind's entry refuses (domain/task-kinds.ts),
// before anything reaches history;
// handlers record the decision (projection.ts writes it to the read model),
// then answer with a receipt.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { programDefinition } from '../../rules/policy/registry.js';
import { handlerActivities as activities } from './activities.js';
import type { CaseState, CaseTask } from './case-state.js';
import {
  caseViewQuery,
  claimTaskUpdate,
  reconcileReadModelUpdate,
  CASE_STATE_CONFLICT,
  COUNTERSIGN_BY_VERIFIER,
  DECISION_REFUSED,
  TASK_KINDS,
  TASK_NOT_IN_CASE,
  objectionUpdate,
  releaseTaskUpdate,
  Role,
  revokeUpdate,
  Stage,
  TaskKind,
  taskKinds,
  updateForTask,
  withdrawUpdate,
} from './messages.js';
import type { Actor, DecisionContext, DecisionReceipt, TaskKindEntry, TaskUpdate } from './messages.js';
import { projectAndWait, projectsInOrder, taskToOpen } from './projection.js';

function refuse(message: string): never {
  throw ApplicationFailure.nonRetryable(message, DECISION_REFUSED);
}

/** A refusal because the case has moved on (see CASE_STATE_CONFLICT), not because of what was sent. */
function conflict(message: string): never {
  throw ApplicationFailure.nonRetryable(message, CASE_STATE_CONFLICT);
}

/** The open task of this kind that this actor may decide, or a refusal saying why not. */
function taskFor(state: CaseState, taskId: string, kind: TaskKind, actor: Actor): CaseTask {
  const task = state.task(taskId);
  if (!task) throw ApplicationFailure.nonRetryable(`case ${state.caseId} holds no open task ${taskId}`, TASK_NOT_IN_CASE);
  if (task.kind !== kind) refuse(`task ${taskId} is not a ${kind} task of case ${state.caseId}`);
  if (task.closed) conflict(`task ${taskId} is no longer open`);
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

/** One Update per kind of task (domain/task-kinds.ts): the task's own checks, then the kind's. */
function registerDecision<K extends TaskKind>(state: CaseState, kind: K, context: DecisionContext): void {
  const entry: TaskKindEntry<K> = taskKinds[kind];
  const update: TaskUpdate<K> = updateForTask[kind];
  setHandler(update, (d) => decide(state, taskFor(state, d.taskId, kind, d.actor), d.actor, d, entry.reasonOf(d)), {
    validator: (d) => {
      taskFor(state, d.taskId, kind, d.actor);
      const refusal = entry.refusal(d, context);
      if (refusal !== undefined) refuse(refusal);
    },
  });
}

/** Interrupts the running stages (a withdrawal or a revocation). */
export function registerHandlers(state: CaseState, interruptStages: () => void): void {
  const program = programDefinition(state.input.policyVersion, state.input.program);

  setHandler(caseViewQuery, () => state.view());

  const context: DecisionContext = {
    program,
    reviewingOfficers: state.reviewingOfficers,
    get maximumFen() {
      return state.maximumFen;
    },
    get budgetRemainingFen() {
      return state.budgetRemainingFen;
    },
    get verifyingOfficer() {
      return state.verification?.officer;
    },
    caseProgram: state.input.program,
    get alternativeMaximaFen() {
      return state.alternativeMaximaFen;
    },
  };
  for (const kind of TASK_KINDS) registerDecision(state, kind, context);

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
        if (state.status !== 'in-progress' || state.revocation || state.withdrawal) conflict('the case is already closed or closing');
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
        if (state.status !== 'in-progress' || state.withdrawal) conflict('the case is already closed');
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
        if (state.stage !== Stage.PublicNotice) conflict('objections are taken only during the public notice');
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
  if (!task) conflict(`task ${taskId} is not open`);
  if (task.role !== actor.role) refuse(`this task is for the ${task.role} role`);
  if (task.role === Role.Expert || task.role === Role.Applicant) refuse('this task belongs to one person and cannot be claimed');
  if (task.kind === TaskKind.YearlyCountersign && actor.userId === state.verification?.officer) refuse(COUNTERSIGN_BY_VERIFIER);
  if (task.assignee !== undefined) conflict(task.assignee === actor.userId ? 'you already hold this task' : 'someone else holds this task');
  return task;
}

function releasable(state: CaseState, taskId: string, actor: Actor): CaseTask {
  const task = state.openTask(taskId);
  if (!task) conflict(`task ${taskId} is not open`);
  if (task.role === Role.Expert || task.role === Role.Applicant) refuse('this task belongs to one person and cannot be released');
  if (task.assignee !== actor.userId) conflict('only the person holding a task can release it');
  return task;
}
