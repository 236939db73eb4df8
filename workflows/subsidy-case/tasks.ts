// Tasks for people: opened in the state and the read model, waited on with
// reminders and escalation, or with a hard deadline.
import { msToNumber } from '@temporalio/common/lib/time.js';
import { condition } from '@temporalio/workflow';
import { activities } from './activities.js';
import type { CaseState, CaseTask } from './case-state.js';
import type { DecisionOf, Role, TaskKind } from './messages.js';

export interface TaskOptions {
  assignee?: string;
  subject?: string;
  maximumAmountFen?: number;
  /** How long until the task is due (a Temporal duration such as "10 days"). */
  due: string;
}

export async function openTask(state: CaseState, kind: TaskKind, role: Role, options: TaskOptions): Promise<CaseTask> {
  const dueAt = new Date(Date.now() + msToNumber(options.due)).toISOString();
  const { assignee, subject } = options;
  const task = state.newTask(kind, role, { dueAt, ...(assignee !== undefined && { assignee }), ...(subject !== undefined && { subject }) });
  await activities.openTask({
    taskId: task.taskId,
    caseId: state.caseId,
    kind,
    stage: task.stage,
    program: state.input.program,
    role,
    dueAt,
    ...(assignee !== undefined && { assignee }),
    ...(subject !== undefined && { subject }),
    ...(options.maximumAmountFen !== undefined && { maximumAmountFen: options.maximumAmountFen }),
  });
  return task;
}

/**
 * The decision that closed a task of this kind, typed by the task-kind table. A task
 * closed without one (expired, cancelled) or of another kind is a bug in the stage.
 */
export function decisionOf<K extends TaskKind>(task: CaseTask, kind: K): DecisionOf<K> {
  if (task.kind !== kind || task.decision === undefined) throw new Error(`task ${task.taskId} (${task.kind}) holds no ${kind} decision`);
  return task.decision as DecisionOf<K>;
}

/**
 * Waits for someone to decide the task. Overdue by the due period: a reminder; by
 * one escalation step more: the program's supervisor is told. Then it waits on.
 */
export async function awaitDecisionWithEscalation(state: CaseState, task: CaseTask): Promise<void> {
  const { taskDue, escalationStep } = state.input.settings;
  const steps: [string, 1 | 2][] = [
    [taskDue, 1],
    [escalationStep, 2],
  ];
  for (const [wait, level] of steps) {
    if (await condition(() => task.closed, wait)) return;
    task.escalation = level;
    await activities.escalateTask({
      taskId: task.taskId,
      caseId: state.caseId,
      level,
      role: task.role,
      ...(task.assignee !== undefined && { assignee: task.assignee }),
      message:
        level === 1
          ? `Reminder: ${task.kind} on case ${state.caseId} is overdue`
          : `Escalated: ${task.kind} on case ${state.caseId} is still undecided`,
    });
  }
  await condition(() => task.closed);
}

/** Waits until the task is decided or the period runs out; an expired task is closed as such. */
export async function awaitDecisionBy(state: CaseState, task: CaseTask, period: string, reason: string): Promise<boolean> {
  if (await condition(() => task.closed, period)) return true;
  state.closeTask(task.taskId);
  await activities.closeTask({ taskId: task.taskId, caseId: state.caseId, status: 'expired', reason });
  return false;
}

/** Closes whatever is still open when the case ends (withdrawn, rejected). */
export async function cancelOpenTasks(state: CaseState, reason: string): Promise<void> {
  for (const task of state.openTasks()) {
    state.closeTask(task.taskId);
    await activities.closeTask({ taskId: task.taskId, caseId: state.caseId, status: 'cancelled', reason });
  }
}
