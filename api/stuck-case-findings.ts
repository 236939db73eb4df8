// What the stuck-case report says about a case: a kind (its broad class), a code with
// the finding's parameters (the workspace words each code in zh-CN and English), and
// the same in English for integrators.
import { z } from 'zod';

export const FINDING_KINDS = ['workflow-task-failing', 'activity-retrying', 'task-not-held', 'overdue', 'not-answering'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

const common = {
  kind: z.enum(FINDING_KINDS),
  detail: z.string().describe('the finding in English, for integrators'),
  since: z.string().nullable().describe('when it began, where known'),
};
const variant = <C extends string, P extends z.ZodRawShape>(code: C, params: P) => z.object({ ...common, code: z.literal(code), params: z.object(params) });

/** An open task as a finding names it: the people it waits on are `role`, or `assignee` when assigned. */
const taskParams = { taskId: z.string(), taskKind: z.string(), role: z.string(), assignee: z.string().nullable() };

export const finding = z.discriminatedUnion('code', [
  variant('workflow-task-failed', { attempt: z.number().int(), failure: z.string().describe('the failure’s message, from the history'), cause: z.string().nullable() }),
  variant('workflow-task-timed-out', { attempt: z.number().int() }),
  variant('workflow-task-failure-gone', { attempt: z.number().int() }),
  variant('activity-retrying', {
    activityType: z.string(),
    state: z.string().describe('scheduled, started, cancel_requested, paused …'),
    attempt: z.number().int(),
    maximumAttempts: z.number().int().nullable(),
    lastFailure: z.string().nullable(),
  }),
  variant('queue-not-polled', { taskQueue: z.string() }),
  variant('case-not-answering', { error: z.string() }),
  variant('task-not-held', taskParams),
  variant('task-overdue', { ...taskParams, dueAt: z.string(), daysLate: z.number().int(), escalation: z.number().int().describe('0 on time, 1 reminded, 2 escalated') }),
  variant('case-quiet', { days: z.number().int() }),
  variant('workflow-missing', { workflowId: z.string() }),
  variant('workflow-closed', { status: z.string().describe('Temporal’s status, lower case: completed, failed, terminated, cancelled, timed_out, continued_as_new') }),
]);
export type Finding = z.infer<typeof finding>;
export const FINDING_CODES = finding.options.map((o) => o.shape.code.value);
