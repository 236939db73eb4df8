// How a case writes the read model. Every write is queued in order and one loop sends
// what has gathered as a single regular activity, one batch at a time:
// - deterministic: the only things that steer the workflow are history events (the
//   batch's completion, timers, Updates), each replayed in the order it was recorded.
//   Local activities made replay depend on how fast writes finished and which of them
//   shared a workflow task with an Update; histories taken under concurrency then did
//   not replay (TMPRL1100, see test/replay/stuck/README.md).
// - never ahead of the case: a regular activity is dispatched only after the workflow
//   task that queued it is in the history; a workflow task that fails or is lost
//   writes nothing.
// - never behind: the batch is retried until it is written, and a run ends or
//   continues as new only once its queue is empty.
// Runs that began on an earlier path keep it while they replay and move to this one at
// their first new workflow task (the patch below marks where), bringing the read
// model's open tasks in line with the case at that moment.
import { ActivityFailure, ApplicationFailure, condition, patched } from '@temporalio/workflow';
import type { Projection, ProjectionArgs, ProjectionName } from '../../activities/projections.js';
import type { TaskToClose, TaskToOpen } from '../../activities/task-records.js';
import { legacyActivity, regularActivity } from './activity-proxies.js';
import type { CaseState, CaseTask } from './case-state.js';
import { TaskKind } from './messages.js';

export const PROJECTIONS_IN_ORDER = 'projections-in-order';
/** The path before this one: decisions written by the main flow as local activities. */
export const DECISIONS_PROJECTED_BY_MAIN_FLOW = 'decisions-projected-by-main-flow';

/** A batch stays small enough to be one short transaction's worth. */
const MAX_BATCH = 50;

/** Call first thing in a run: decides who writes the read model (see the header). */
export function startProjection(state: CaseState): void {
  if (patched(PROJECTIONS_IN_ORDER)) {
    startOrderedProjector(state);
    return;
  }
  state.writePath = patched(DECISIONS_PROJECTED_BY_MAIN_FLOW) ? 'main-flow-local' : 'handler-regular';
  if (state.writePath === 'main-flow-local') startLegacyDecisionProjector(state);
}

/**
 * True once the run writes through the ordered queue. A run on an earlier path moves
 * to it at the first call made outside replay (the patch marker records where, so a
 * later replay moves at the same call).
 */
export function projectsInOrder(state: CaseState): boolean {
  if (state.writePath === 'ordered') return true;
  if (!patched(PROJECTIONS_IN_ORDER)) return false;
  startOrderedProjector(state);
  queue(state, {
    write: 'reconcileOpenTasks',
    args: { caseId: state.caseId, reason: 'the case moved to ordered read-model writes', open: state.openTasks().map((task) => taskToOpen(state, task)) },
  });
  return true;
}

/** Queues a write; resolves at once (the stages need not wait for the read model). */
export function project<K extends ProjectionName>(state: CaseState, write: K, args: ProjectionArgs<K>): number {
  return queue(state, { write, args } as Projection);
}

/** Queues a write and resolves once it is in the read model (Update handlers answer after it). */
export async function projectAndWait<K extends ProjectionName>(state: CaseState, write: K, args: ProjectionArgs<K>): Promise<void> {
  const position = project(state, write, args);
  await condition(() => state.projectionsSettled >= position);
}

/** Resolves once everything queued so far is written (before a run ends or continues as new). */
export function allProjected(state: CaseState): Promise<void> {
  return condition(() => state.projectionQueue.length === 0 && state.decisionsToProject.length === 0);
}

/** The position after the queued write: settled once `projectionsSettled` reaches it. */
function queue(state: CaseState, item: Projection): number {
  state.projectionQueue.push(item);
  return state.projectionsSettled + state.projectionQueue.length;
}

function startOrderedProjector(state: CaseState): void {
  state.writePath = 'ordered';
  void (async () => {
    for (;;) {
      // A legacy local-activity write still under way finishes first.
      await condition(() => state.projectionQueue.length > 0 && state.decisionsToProject.length === 0);
      await letTheStagesCatchUp();
      const items = state.projectionQueue.slice(0, MAX_BATCH);
      await writeBatch(state, items);
      // Taken off the queue only once written: a run ends after the queue is empty.
      state.projectionQueue.splice(0, items.length);
      state.projectionsSettled += items.length;
    }
  })();
}

/**
 * A decision wakes its stage and this loop in the same moment; the stage usually
 * queues its next writes a few promise turns later (the task it opens next). Letting
 * those turns pass first puts them in the same batch: fewer activities and events per
 * decision. Promise turns are the same on every replay, so the batches are too.
 */
async function letTheStagesCatchUp(): Promise<void> {
  for (let turn = 0; turn < 12; turn += 1) await Promise.resolve();
}

/**
 * Retried until written. Data the database can never take (the activity says so with a
 * non-retryable failure) must not stop the case: each item of such a batch is tried on
 * its own, and the ones refused are kept in the case's state for operations to see.
 */
async function writeBatch(state: CaseState, items: Projection[]): Promise<void> {
  try {
    await regularActivity('applyProjections')({ caseId: state.caseId, from: state.projectionsSettled, items });
  } catch (error) {
    if (!isNeverWritable(error) || items.length === 1) {
      if (!isNeverWritable(error)) throw error;
      state.projectionFailures.push({ write: items[0]!.write, message: failureMessage(error) });
      return;
    }
    for (const [offset, item] of items.entries()) {
      try {
        await regularActivity('applyProjections')({ caseId: state.caseId, from: state.projectionsSettled + offset, items: [item] });
      } catch (itemError) {
        if (!isNeverWritable(itemError)) throw itemError;
        state.projectionFailures.push({ write: item.write, message: failureMessage(itemError) });
      }
    }
  }
}

const isNeverWritable = (error: unknown): boolean =>
  error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable === true;

const failureMessage = (error: unknown): string => (error instanceof ActivityFailure && error.cause ? error.cause.message : String(error));

export function taskToOpen(state: CaseState, task: CaseTask): TaskToOpen {
  return {
    taskId: task.taskId,
    caseId: state.caseId,
    kind: task.kind,
    stage: task.stage,
    program: state.input.program,
    role: task.role,
    ...(task.assignee !== undefined && { assignee: task.assignee }),
    ...(task.subject !== undefined && { subject: task.subject }),
    ...(task.dueAt !== undefined && { dueAt: task.dueAt }),
    ...(task.kind === TaskKind.CommitteeDecision && state.maximumFen !== undefined && { maximumAmountFen: state.maximumFen }),
  };
}

/**
 * Runs that began between the two patches: an Update handler recorded a decision in
 * state and this loop wrote it as a local activity. Kept for those runs' replay only.
 */
function startLegacyDecisionProjector(state: CaseState): void {
  void (async () => {
    for (;;) {
      await condition(() => state.decisionsToProject.length > 0);
      await legacyActivity('stage', 'closeTask')(state.decisionsToProject[0] as TaskToClose);
      state.decisionsToProject.shift();
    }
  })();
}
