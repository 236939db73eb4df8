// What keeps a running case from moving, as operations need to see it. Each case is
// compared three ways: Temporal's description of its workflow (a workflow task that
// keeps failing, activities being retried, a workflow that ended under a case the
// read model shows running), the case's own view of its open tasks against the
// inbox's (a task people see that the case does not hold), and the read model's
// clock (a task past its due date and escalation, a case that has not changed).
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import { z } from 'zod';
import type { CaseClient } from './case-client.js';
import type { RunningCase } from './repositories/cases.js';
import type { TaskRow } from './repositories/tasks.js';
import { grpcCode, isWorkflowNotFound } from './temporal-errors.js';

// A CommonJS package: its namespaces come through the default export under Node's ESM.
const { PendingActivityState, TaskQueueType, WorkflowTaskFailedCause } = proto.temporal.api.enums.v1;
const GRPC_UNAVAILABLE = 14;

export const FINDING_KINDS = ['workflow-task-failing', 'activity-retrying', 'task-not-held', 'overdue', 'not-answering'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const finding = z.object({
  kind: z.enum(FINDING_KINDS),
  detail: z.string(),
  since: z.string().nullable().describe('when it began, where known'),
});
export type Finding = z.infer<typeof finding>;

export interface StuckCheck {
  /** The office's clock, against which due dates are read. */
  now: Date;
  /** An open task further past its due date than this is overdue beyond its escalation. */
  graceDays: number;
  /** When set, a case unchanged for this many days is reported. */
  quietDays?: number | undefined;
}

/** How long the case may take to answer its view; a case that does not is reported, not waited for. */
const VIEW_WITHIN_MS = 3_000;
/**
 * A task younger than this is not compared with the case: the inbox may show a task a
 * moment before the case has committed it.
 */
const SETTLE_MS = 60_000;
/** Enough of the newest events to hold the last failed workflow task. */
const HISTORY_TAIL = 50;
const DAY_MS = 86_400_000;

type Timestamp = { seconds?: { toString(): string } | number | null; nanos?: number | null } | null | undefined;
export function isoOf(t: Timestamp): string | null {
  if (!t?.seconds) return null;
  return new Date(Number(t.seconds.toString()) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString();
}

export const pendingActivityState = (a: temporal.api.workflow.v1.IPendingActivityInfo): string =>
  (PendingActivityState[a.state ?? 0] ?? 'UNKNOWN').replace(/^PENDING_ACTIVITY_STATE_/, '').toLowerCase();

/** Pending activities on a second or later attempt, or with a last failure. */
export const retryingActivities = (d: WorkflowExecutionDescription): temporal.api.workflow.v1.IPendingActivityInfo[] =>
  (d.raw.pendingActivities ?? []).filter((a) => (a.attempt ?? 1) > 1 || a.lastFailure);

function activityFindings(d: WorkflowExecutionDescription): Finding[] {
  return retryingActivities(d).map((a) => ({
    kind: 'activity-retrying' as const,
    detail: `activity ${a.activityType?.name ?? '?'} (${pendingActivityState(a)}) on attempt ${a.attempt ?? 1}${a.maximumAttempts ? ` of ${a.maximumAttempts}` : ''}${a.lastFailure?.message ? `: ${a.lastFailure.message}` : ''}`,
    since: isoOf(a.scheduledTime),
  }));
}

export interface StuckCaseInspector {
  /** The findings of one running case; those of Temporal's side are left out when Temporal is down (thrown). */
  inspect(row: RunningCase, openTasks: TaskRow[]): Promise<Finding[]>;
}

/** One inspector per report: it asks once per task queue whether any worker polls it. */
export function stuckCaseInspector(temporal: Client, cases: CaseClient, check: StuckCheck): StuckCaseInspector {
  const polled = new Map<string, Promise<boolean>>();
  const isPolled = (taskQueue: string): Promise<boolean> => {
    let answer = polled.get(taskQueue);
    if (!answer) {
      answer = temporal.workflowService
        .describeTaskQueue({ namespace: temporal.options.namespace, taskQueue: { name: taskQueue }, taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW })
        .then((r) => (r.pollers ?? []).length > 0);
      polled.set(taskQueue, answer);
    }
    return answer;
  };

  /** The last failed or timed-out workflow task in the run's history, as words and a time. */
  async function lastWorkflowTaskFailure(d: WorkflowExecutionDescription): Promise<{ message: string; at: string | null } | undefined> {
    const response = await temporal.workflowService.getWorkflowExecutionHistoryReverse({
      namespace: temporal.options.namespace,
      execution: { workflowId: d.workflowId, runId: d.runId },
      maximumPageSize: HISTORY_TAIL,
    });
    for (const event of response.history?.events ?? []) {
      const failed = event.workflowTaskFailedEventAttributes;
      if (failed) {
        const cause = (WorkflowTaskFailedCause[failed.cause ?? 0] ?? '').replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, '').toLowerCase();
        return { message: `${failed.failure?.message ?? 'failed'}${cause ? ` (${cause})` : ''}`, at: isoOf(event.eventTime) };
      }
      if (event.workflowTaskTimedOutEventAttributes) return { message: 'timed out: the worker died or did not finish it in time', at: isoOf(event.eventTime) };
    }
    return undefined;
  }

  async function workflowTaskFindings(d: WorkflowExecutionDescription): Promise<Finding[]> {
    const pending = d.raw.pendingWorkflowTask;
    const attempt = pending?.attempt ?? 1;
    if (!pending || attempt <= 1) return [];
    const failure = await lastWorkflowTaskFailure(d);
    return [
      {
        kind: 'workflow-task-failing',
        detail: `its workflow task is on attempt ${attempt}: ${failure?.message ?? 'the failure is no longer in the history'}`,
        since: failure?.at ?? isoOf(pending.originalScheduledTime ?? pending.scheduledTime),
      },
    ];
  }

  /** Open tasks of the inbox that the case itself does not hold. */
  async function taskFindings(row: RunningCase, d: WorkflowExecutionDescription, openTasks: TaskRow[]): Promise<Finding[]> {
    const settled = openTasks.filter((t) => t.createdAt.getTime() < Date.now() - SETTLE_MS);
    if (settled.length === 0) return [];
    if (!(await isPolled(d.taskQueue))) return [{ kind: 'not-answering', detail: `no worker polls its task queue ${d.taskQueue}, so nothing moves it`, since: null }];
    let held: Set<string>;
    try {
      held = new Set((await cases.viewOf(row.id, VIEW_WITHIN_MS)).openTasks.map((t) => t.taskId));
    } catch (error) {
      // Temporal itself down is the report's failure; a worker that does not answer is the case's.
      if (grpcCode(error) === GRPC_UNAVAILABLE) throw error;
      return [{ kind: 'not-answering', detail: `the case did not answer for its open tasks: ${error instanceof Error ? error.message : String(error)}`, since: null }];
    }
    return settled
      .filter((t) => !held.has(t.id))
      .map((t) => ({
        kind: 'task-not-held' as const,
        detail: `the inbox shows ${t.kind} task ${t.id} open for ${t.assignee ?? t.role}, but the case does not hold it`,
        since: t.createdAt.toISOString(),
      }));
  }

  function clockFindings(row: RunningCase, openTasks: TaskRow[]): Finding[] {
    const now = check.now.getTime();
    const found: Finding[] = openTasks
      .filter((t) => t.dueAt !== null && t.dueAt.getTime() < now - check.graceDays * DAY_MS)
      .map((t) => ({
        kind: 'overdue' as const,
        detail: `${t.kind} task ${t.id} for ${t.assignee ?? t.role} was due ${t.dueAt!.toISOString()}, ${Math.floor((now - t.dueAt!.getTime()) / DAY_MS)} days ago (escalation level ${t.escalation})`,
        since: t.dueAt!.toISOString(),
      }));
    if (check.quietDays !== undefined && row.updatedAt.getTime() < now - check.quietDays * DAY_MS) {
      found.push({ kind: 'overdue', detail: `no change for ${Math.floor((now - row.updatedAt.getTime()) / DAY_MS)} days`, since: row.updatedAt.toISOString() });
    }
    return found;
  }

  return {
    async inspect(row, openTasks) {
      const findings = clockFindings(row, openTasks);
      let described: WorkflowExecutionDescription;
      try {
        described = await temporal.workflow.getHandle(row.workflowId).describe();
      } catch (error) {
        if (isWorkflowNotFound(error)) {
          return [...findings, { kind: 'not-answering', detail: `Temporal has no workflow ${row.workflowId} for this running case`, since: null }];
        }
        throw error;
      }
      if (described.status.name !== 'RUNNING') {
        const closed = described.closeTime?.toISOString() ?? null;
        return [...findings, { kind: 'not-answering', detail: `its workflow is ${described.status.name.toLowerCase()}, yet the read model shows the case in progress`, since: closed }];
      }
      const failing = await workflowTaskFindings(described);
      // A case whose workflow task fails cannot answer for its tasks either.
      const tasks = failing.length > 0 ? [] : await taskFindings(row, described, openTasks);
      return [...findings, ...failing, ...activityFindings(described), ...tasks];
    },
  };
}
