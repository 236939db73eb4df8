// Brings back a case whose history no longer replays under the current workflow code
// (its workflow task fails with TMPRL1100 on every attempt): find the first workflow
// task whose recorded commands the code does not reproduce, and reset the run to it.
// The reset keeps every event before that task, runs it again under the current code
// and re-applies the Updates people sent after it; nothing is paid twice because every
// payment instruction, settlement and reservation is keyed in the database.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import Long from 'long';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { historiesOfEveryRun } from '../../api/history.js';

type History = temporal.api.history.v1.IHistory;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const EventType = proto.temporal.api.enums.v1.EventType;

export interface Divergence {
  /** The workflow task whose commands the current code does not reproduce. */
  workflowTask: number;
  /** Its WorkflowTaskCompleted event: the reset point. */
  resetEventId: number;
  /** What replay said about the whole history. */
  error: string;
}

const isNondeterminism = (error: unknown): boolean => /nondetermin|TMPRL1100/i.test(error instanceof Error ? error.message : String(error));

async function replays(bundle: WorkflowBundleWithSourceMap, events: HistoryEvent[]): Promise<unknown> {
  try {
    await Worker.runReplayHistory({ workflowBundle: bundle, replayName: 'repair' }, { events });
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Index of each completed workflow task's Started event (failed and timed-out attempts do not count). */
function completedTaskStarts(events: HistoryEvent[]): { startedIndex: number; completedEventId: number }[] {
  const tasks: { startedIndex: number; completedEventId: number }[] = [];
  events.forEach((event, index) => {
    if (event.eventType !== EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) return;
    const next = events[index + 1];
    if (next?.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) tasks.push({ startedIndex: index, completedEventId: Number(next.eventId) });
  });
  return tasks;
}

/**
 * Undefined when the history replays; else the first completed workflow task whose
 * commands differ. A prefix that ends at a task's Started event replays every earlier
 * task's commands, so the last prefix that replays ends at the diverging task.
 */
export async function findDivergence(bundle: WorkflowBundleWithSourceMap, history: History): Promise<Divergence | undefined> {
  const events = history.events ?? [];
  const whole = await replays(bundle, events);
  if (whole === undefined) return undefined;
  if (!isNondeterminism(whole)) throw whole;
  const tasks = completedTaskStarts(events);
  let good = 0;
  let bad = tasks.length;
  // Invariant: the prefix through task `good` replays (task 0 is the empty prefix); through task `bad + 1`, not.
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    const error = await replays(bundle, events.slice(0, tasks[middle]!.startedIndex + 1));
    if (error === undefined) good = middle;
    else bad = middle;
  }
  const diverging = tasks[good];
  if (!diverging) throw new Error('no completed workflow task to reset to');
  return { workflowTask: good + 1, resetEventId: diverging.completedEventId, error: whole instanceof Error ? whole.message : String(whole) };
}

export interface RepairResult {
  workflowId: string;
  runId: string;
  divergence?: Divergence;
  /** The run the reset created. */
  newRunId?: string;
}

/** Resets the case's latest run to its diverging workflow task, unless `dryRun`. */
export async function repairCase(client: Client, workflowId: string, bundle: WorkflowBundleWithSourceMap, options: { dryRun?: boolean } = {}): Promise<RepairResult> {
  const runs = await historiesOfEveryRun(client, workflowId);
  const latest = runs.at(-1);
  const { runId } = await client.workflow.getHandle(workflowId).describe();
  if (!latest) throw new Error(`workflow ${workflowId} has no history`);
  const divergence = await findDivergence(bundle, latest);
  if (!divergence || options.dryRun) return { workflowId, runId, ...(divergence && { divergence }) };
  const { runId: newRunId } = await client.workflowService.resetWorkflowExecution({
    namespace: client.options.namespace,
    workflowExecution: { workflowId, runId },
    reason: `repair: workflow task ${divergence.workflowTask} no longer replays (${divergence.error.slice(0, 200)})`,
    workflowTaskFinishEventId: Long.fromNumber(divergence.resetEventId),
    requestId: `repair-${workflowId}-${runId}-${divergence.resetEventId}`,
  });
  return { workflowId, runId, divergence, newRunId };
}
