// A stuck case's finding in the reader's language, from its code and parameters (the
// API's `detail` is English, for integrators). Failure messages from the system stay as
// they came: they are what one searches for in the logs and in Temporal.
import type { StuckCase } from '../../../lib/api-types.js';
import type { opsMessages } from '../messages.js';

export type Finding = StuckCase['findings'][number];
type Words = typeof opsMessages.zh;

/** Fills `{name}` placeholders; an unknown name is left as it is. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A word for a code this table knows (`prefix` + code), or the code itself. */
function wordFor(m: Words, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return key in m ? m[key as keyof Words] : code;
}

export interface FindingReader {
  m: Words;
  /** Domain codes (task kinds, roles) as words. */
  term: (code: string) => string;
  /** An instant as the office reads it. */
  dateTime: (iso: string) => string;
}

export function findingText(f: Finding, { m, term, dateTime }: FindingReader): string {
  const waitsOn = (p: { role: string; assignee: string | null }) => (p.assignee ? `${term(p.role)} ${p.assignee}` : term(p.role));
  switch (f.code) {
    case 'workflow-task-failed':
      return fill(m.findingWorkflowTaskFailed, { attempt: f.params.attempt, failure: f.params.failure + (f.params.cause ? ` (${f.params.cause})` : '') });
    case 'workflow-task-timed-out':
      return fill(m.findingWorkflowTaskTimedOut, f.params);
    case 'workflow-task-failure-gone':
      return fill(m.findingWorkflowTaskFailureGone, f.params);
    case 'activity-retrying':
      return (
        fill(m.findingActivityRetrying, { activityType: f.params.activityType, state: wordFor(m, 'activityState.', f.params.state), attempt: f.params.attempt }) +
        (f.params.maximumAttempts ? fill(m.findingOfMaximum, { maximumAttempts: f.params.maximumAttempts }) : '') +
        (f.params.lastFailure ? fill(m.findingLastFailure, { lastFailure: f.params.lastFailure }) : '')
      );
    case 'queue-not-polled':
      return fill(m.findingQueueNotPolled, f.params);
    case 'case-not-answering':
      return fill(m.findingCaseNotAnswering, f.params);
    case 'task-not-held':
      return fill(m.findingTaskNotHeld, { taskId: f.params.taskId, taskKind: term(f.params.taskKind), waitsOn: waitsOn(f.params) });
    case 'task-overdue':
      return fill(m.findingTaskOverdue, {
        taskId: f.params.taskId,
        taskKind: term(f.params.taskKind),
        waitsOn: waitsOn(f.params),
        dueAt: dateTime(f.params.dueAt),
        daysLate: f.params.daysLate,
        escalation: wordFor(m, 'escalation.', String(f.params.escalation)),
      });
    case 'case-quiet':
      return fill(m.findingCaseQuiet, f.params);
    case 'workflow-missing':
      return fill(m.findingWorkflowMissing, f.params);
    case 'workflow-closed':
      return fill(m.findingWorkflowClosed, { status: wordFor(m, 'workflowStatus.', f.params.status) });
  }
}
