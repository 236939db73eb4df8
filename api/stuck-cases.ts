// What keeps a running case from moving, as operations need to see it. Each case is
// compared three ways: Temporal's description of its workflow (a workflow task that
// keeps failing, activities being retried, a workflow that ended under a case the
// read model shows running), the case's own view of its open tasks against the
// inbox's (a task people see that the case does not hold), and the read model's
// clock (a task past its due date and escalation, a case that has not changed).
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import type { CaseClient } from './case-client.js';
import type { RunningCase } from './repositories/cases.js';
import type { Finding } from './stuck-case-findings.js';
import type { TaskRow } from './repositories/tasks.js';
import { grpcCode, isWorkflowNotFound } from './temporal-errors.js';

// A CommonJS package: its namespaces come through the default export under Node's ESM.
const { PendingActivityState, TaskQueueType, WorkflowTaskFailedCause } = proto.temporal.api.enums.v1;
const GRPC_UNAVAILABLE = 14;

export { finding, FINDING_KINDS } from './stuck-case-findings.js';
export type { Finding, FindingKind } from './stuck-case-findings.js';

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
  return retryingActivities(d).map((a) => {
    const params = {
      activityType: a.activityType?.name ?? '?',
      state: pendingActivityState(a),
      attempt: a.attempt ?? 1,
      maximumAttempts: a.maximumAttempts || null,
      lastFailure: a.lastFailure?.message || null,
    };
    return {
      kind: 'activity-retrying' as const,
      code: 'activity-retrying' as const,
      params,
      detail: `activity ${params.activityType} (${params.state}) on attempt ${params.attempt}${params.maximumAttempts ? ` of ${params.maximumAttempts}` : ''}${params.lastFailure ? `: ${params.lastFailure}` : ''}`,
      since: isoOf(a.scheduledTime),
    };
  });
}

/** Whom an open task waits on, in the English of `detail`. */
const waitsOn = (t: TaskRow) => t.assignee ?? t.role;
const taskParams = (t: TaskRow) => ({ taskId: t.id, taskKind: t.kind, role: t.role, assignee: t.assignee });

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

  /** The last failed or timed-out workflow task in the run's history, with its time. */
  async function lastWorkflowTaskFailure(d: WorkflowExecutionDescription): Promise<{ failure: string; cause: string | null; at: string | null } | { timedOut: true; at: string | null } | undefined> {
    const response = await temporal.workflowService.getWorkflowExecutionHistoryReverse({
      namespace: temporal.options.namespace,
      execution: { workflowId: d.workflowId, runId: d.runId },
      maximumPageSize: HISTORY_TAIL,
    });
    for (const event of response.history?.events ?? []) {
      const failed = event.workflowTaskFailedEventAttributes;
      if (failed) {
        const cause = (WorkflowTaskFailedCause[failed.cause ?? 0] ?? '').replace(/^WORKFLOW_TASK_FAILED_CAUSE_/, '').toLowerCase();
        return { failure: failed.failure?.message ?? 'failed', cause: cause || null, at: isoOf(event.eventTime) };
      }
      if (event.workflowTaskTimedOutEventAttributes) return { timedOut: true, at: isoOf(event.eventTime) };
    }
    return undefined;
  }

  async function workflowTaskFindings(d: WorkflowExecutionDescription): Promise<Finding[]> {
    const pending = d.raw.pendingWorkflowTask;
    const attempt = pending?.attempt ?? 1;
    if (!pending || attempt <= 1) return [];
    const failure = await lastWorkflowTaskFailure(d);
    const kind = 'workflow-task-failing' as const;
    const detail = (what: string) => `its workflow task is on attempt ${attempt}: ${what}`;
    const since = failure?.at ?? isoOf(pending.originalScheduledTime ?? pending.scheduledTime);
    if (!failure) return [{ kind, code: 'workflow-task-failure-gone', params: { attempt }, detail: detail('the failure is no longer in the history'), since }];
    if ('timedOut' in failure) return [{ kind, code: 'workflow-task-timed-out', params: { attempt }, detail: detail('timed out: the worker died or did not finish it in time'), since }];
    const { failure: message, cause } = failure;
    return [{ kind, code: 'workflow-task-failed', params: { attempt, failure: message, cause }, detail: detail(`${message}${cause ? ` (${cause})` : ''}`), since }];
  }

  /** Open tasks of the inbox that the case itself does not hold. */
  async function taskFindings(row: RunningCase, d: WorkflowExecutionDescription, openTasks: TaskRow[]): Promise<Finding[]> {
    const settled = openTasks.filter((t) => t.createdAt.getTime() < Date.now() - SETTLE_MS);
    if (settled.length === 0) return [];
    if (!(await isPolled(d.taskQueue))) {
      return [{ kind: 'not-answering', code: 'queue-not-polled', params: { taskQueue: d.taskQueue }, detail: `no worker polls its task queue ${d.taskQueue}, so nothing moves it`, since: null }];
    }
    let held: Set<string>;
    try {
      held = new Set((await cases.viewOf(row.id, VIEW_WITHIN_MS)).openTasks.map((t) => t.taskId));
    } catch (error) {
      // Temporal itself down is the report's failure; a worker that does not answer is the case's.
      if (grpcCode(error) === GRPC_UNAVAILABLE) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return [{ kind: 'not-answering', code: 'case-not-answering', params: { error: message }, detail: `the case did not answer for its open tasks: ${message}`, since: null }];
    }
    return settled
      .filter((t) => !held.has(t.id))
      .map((t) => ({
        kind: 'task-not-held' as const,
        code: 'task-not-held' as const,
        params: taskParams(t),
        detail: `the inbox shows ${t.kind} task ${t.id} open for ${waitsOn(t)}, but the case does not hold it`,
        since: t.createdAt.toISOString(),
      }));
  }

  function clockFindings(row: RunningCase, openTasks: TaskRow[]): Finding[] {
    const now = check.now.getTime();
    const found: Finding[] = openTasks
      .filter((t) => t.dueAt !== null && t.dueAt.getTime() < now - check.graceDays * DAY_MS)
      .map((t) => {
        const dueAt = t.dueAt!.toISOString();
        const daysLate = Math.floor((now - t.dueAt!.getTime()) / DAY_MS);
        return {
          kind: 'overdue' as const,
          code: 'task-overdue' as const,
          params: { ...taskParams(t), dueAt, daysLate, escalation: t.escalation },
          detail: `${t.kind} task ${t.id} for ${waitsOn(t)} was due ${dueAt}, ${daysLate} days ago (escalation level ${t.escalation})`,
          since: dueAt,
        };
      });
    if (check.quietDays !== undefined && row.updatedAt.getTime() < now - check.quietDays * DAY_MS) {
      const days = Math.floor((now - row.updatedAt.getTime()) / DAY_MS);
      found.push({ kind: 'overdue', code: 'case-quiet', params: { days }, detail: `no change for ${days} days`, since: row.updatedAt.toISOString() });
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
          const missing: Finding = { kind: 'not-answering', code: 'workflow-missing', params: { workflowId: row.workflowId }, detail: `Temporal has no workflow ${row.workflowId} for this running case`, since: null };
          return [...findings, missing];
        }
        throw error;
      }
      if (described.status.name !== 'RUNNING') {
        const closed = described.closeTime?.toISOString() ?? null;
        const status = described.status.name.toLowerCase();
        return [...findings, { kind: 'not-answering', code: 'workflow-closed', params: { status }, detail: `its workflow is ${status}, yet the read model shows the case in progress`, since: closed }];
      }
      const failing = await workflowTaskFindings(described);
      // A case whose workflow task fails cannot answer for its tasks either.
      const tasks = failing.length > 0 ? [] : await taskFindings(row, described, openTasks);
      return [...findings, ...failing, ...activityFindings(described), ...tasks];
    },
  };
}
