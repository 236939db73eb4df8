// Reads a real case's histories (every run, following continue-as-new) and its tasks
// in the read model, and derives the baseline's plan: the same number of activities,
// Updates and timers per run, in the same blocks and lanes (see bare-workflow.ts).
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';
import type { temporal } from '@temporalio/proto';
import { historiesOfEveryRun } from '../../api/history.js';
import type { BareBlock, BareRun } from './bare-workflow.js';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface RunHistory {
  events: HistoryEvent[];
}

/** Every run of a workflow, first to last. */
export async function fetchRuns(client: Client, workflowId: string): Promise<RunHistory[]> {
  return (await historiesOfEveryRun(client, workflowId)).map((history) => ({ events: history.events ?? [] }));
}

export interface Shape {
  events: number;
  activities: number;
  /** Local activities (a marker event each). */
  localActivities: number;
  updates: number;
  timersStarted: number;
  timersFired: number;
  workflowTasks: number;
  /** Workflow tasks that failed or timed out (each is retried, often replaying the run). */
  workflowTasksFailed: number;
  workflowTasksTimedOut: number;
}

export function shapeOf(runs: RunHistory[]): Shape {
  const shape: Shape = { events: 0, activities: 0, localActivities: 0, updates: 0, timersStarted: 0, timersFired: 0, workflowTasks: 0, workflowTasksFailed: 0, workflowTasksTimedOut: 0 };
  for (const { events } of runs) {
    shape.events += events.length;
    for (const e of events) {
      if (e.activityTaskScheduledEventAttributes) shape.activities += 1;
      if (isLocalActivityMarker(e)) shape.localActivities += 1;
      if (e.workflowExecutionUpdateAcceptedEventAttributes) shape.updates += 1;
      if (e.timerStartedEventAttributes) shape.timersStarted += 1;
      if (e.timerFiredEventAttributes) shape.timersFired += 1;
      if (e.workflowTaskCompletedEventAttributes) shape.workflowTasks += 1;
      if (e.workflowTaskFailedEventAttributes) shape.workflowTasksFailed += 1;
      if (e.workflowTaskTimedOutEventAttributes) shape.workflowTasksTimedOut += 1;
    }
  }
  return shape;
}

export interface DecidedTask {
  id: string;
  assignee: string | null;
  subject: string | null;
  createdAt: Date;
  closedAt: Date;
}

const isLocalActivityMarker = (e: HistoryEvent): boolean => e.markerRecordedEventAttributes?.markerName === 'core_local_activity';

const at = (e: HistoryEvent): number => (e.eventTime ? tsToMs(e.eventTime) : 0);

/**
 * One run's plan. Blocks are groups of tasks whose open periods overlap (a panel's
 * seats, a payment's components); lanes within a block are tasks of one assignee or
 * subject (else the main lane). Activities scheduled after the previous block closed
 * and up to this block's last decision belong to this block, less one per decision
 * where the Update handler ran one (the decision's own write, in runs that began
 * before the main flow wrote decisions); fired timers likewise.
 */
export function planRun(events: HistoryEvent[], decided: DecidedTask[]): BareRun {
  const start = at(events[0]!);
  const end = at(events.at(-1)!);
  const tasks = decided.filter((t) => t.createdAt.getTime() >= start - 5 && t.createdAt.getTime() <= end + 5).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  const groups: { tasks: DecidedTask[]; end: number }[] = [];
  for (const task of tasks) {
    const last = groups.at(-1);
    if (last && task.createdAt.getTime() <= last.end) {
      last.tasks.push(task);
      last.end = Math.max(last.end, task.closedAt.getTime());
    } else groups.push({ tasks: [task], end: task.closedAt.getTime() });
  }

  const activityTimes = events.filter((e) => e.activityTaskScheduledEventAttributes).map(at);
  // The handler's own write was a regular closeTask; the main flow's is a local activity.
  const handlerActivity = events.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'closeTask');
  const localTimes = events.filter(isLocalActivityMarker).map(at);
  const timerDurations = new Map<string, number>();
  for (const e of events) {
    const started = e.timerStartedEventAttributes;
    if (started?.timerId && started.startToFireTimeout) timerDurations.set(started.timerId, tsToMs(started.startToFireTimeout));
  }
  const fired = events.filter((e) => e.timerFiredEventAttributes).map((e) => ({ at: at(e), ms: timerDurations.get(e.timerFiredEventAttributes!.timerId ?? '') ?? 0 }));
  const timersStarted = timerDurations.size;

  const blocks: BareBlock[] = [];
  let previousEnd = -Infinity;
  let updates = 0;
  for (const group of groups) {
    const inWindow = (t: number) => t > previousEnd && t <= group.end;
    const laneKeys = [...new Set(group.tasks.map((t) => t.assignee ?? t.subject ?? 'main'))];
    const lanes = laneKeys.map((key) => group.tasks.filter((t) => (t.assignee ?? t.subject ?? 'main') === key));
    const steps = group.tasks.length;
    updates += steps;
    const before = Math.max(0, activityTimes.filter(inWindow).length - (handlerActivity ? steps : 0));
    const localBefore = localTimes.filter(inWindow).length;
    const counts = lanes.map((lane) => lane.map(() => 0));
    const localCounts = lanes.map((lane) => lane.map(() => 0));
    // Shared out over the steps in order (lane 0 step 0, lane 1 step 0, …, lane 0 step 1, …).
    const slots: [number, number][] = [];
    for (let depth = 0; slots.length < steps; depth += 1) counts.forEach((laneCounts, l) => depth < laneCounts.length && slots.push([l, depth]));
    for (let i = 0; i < before; i += 1) {
      const [l, depth] = slots[i % slots.length]!;
      counts[l]![depth]! += 1;
    }
    for (let i = 0; i < localBefore; i += 1) {
      const [l, depth] = slots[i % slots.length]!;
      localCounts[l]![depth]! += 1;
    }
    // Fired timers count before the block: they end before its decisions.
    blocks.push({ sleepsBeforeMs: fired.filter((f) => inWindow(f.at)).map((f) => f.ms), lanes: counts.map((laneCounts, l) => ({ steps: laneCounts.map((n, depth) => ({ activitiesBefore: n, localActivitiesBefore: localCounts[l]![depth]! })) })),
    });
    previousEnd = group.end;
  }
  const tailActivities = activityTimes.filter((t) => t > previousEnd).length;
  const tailLocalActivities = localTimes.filter((t) => t > previousEnd).length;
  const tailSleeps = fired.filter((f) => f.at > previousEnd).map((f) => f.ms);
  if (tailSleeps.length > 0) blocks.push({ sleepsBeforeMs: tailSleeps, lanes: [] });
  return { blocks, tailActivities, tailLocalActivities, extraTimers: Math.max(0, timersStarted - fired.length - updates), handlerActivity };
}

export function describePlan(runs: BareRun[]): string {
  return runs
    .map((run, r) => {
      const blocks = run.blocks.map((b) => {
        const sleeps = b.sleepsBeforeMs.length ? `sleep ${b.sleepsBeforeMs.map((ms) => `${ms}ms`).join('+')} → ` : '';
        const lanes = b.lanes.map((l) => l.steps.map((s) => `${s.localActivitiesBefore ? `${s.localActivitiesBefore}l+` : ''}${s.activitiesBefore}a+U`).join('→'));
        return `${sleeps}${lanes.length > 1 ? `[${lanes.join(' ‖ ')}]` : (lanes[0] ?? '')}`;
      });
      return `run ${r + 1}: ${blocks.join(' ; ')} ; ${run.tailLocalActivities ? `${run.tailLocalActivities}l+` : ''}${run.tailActivities}a${run.extraTimers ? ` +${run.extraTimers} timers` : ''}`;
    })
    .join('\n');
}
