// What a notification is about, as a topic and its parameters, so the workspace and
// the e-mail can say it in zh and en. The cases wrote a fixed English `message`; every
// parameter it carries is also in the read model's columns (the task's kind, due date
// and outcome; the case's status and closing reason), so rows written before this
// module, and rows the running cases write now, read the same way.
import type { TaskKind } from './vocabulary.js';

export const NotificationTopic = {
  /** A task is past due: the first reminder (level 1). */
  TaskOverdue: 'task-overdue',
  /** The applicant's yearly report is due soon. */
  ReportDue: 'report-due',
  /** A task is still undecided a step after its reminder: told to the supervisor (level 2). */
  TaskEscalated: 'task-escalated',
  /** A payment failed as many times as the notice allows. */
  PaymentFailed: 'payment-failed',
  /** Something is asked of the applicant: a correction, a yearly report. */
  TaskOpened: 'task-opened',
  /** The committee approved the application: the amount, then the public notice. */
  Approved: 'approved',
  /** The case ended: completed, rejected, withdrawn, ended or revoked. */
  CaseClosed: 'case-closed',
  /** A kind this version does not know: its stored message is shown as written. */
  Other: 'other',
} as const;
export type NotificationTopic = (typeof NotificationTopic)[keyof typeof NotificationTopic];

export interface NotificationParams {
  taskKind?: string;
  /** ISO instant the task is due (a report's deadline). */
  dueAt?: string;
  /** The case's status once closed. */
  status?: string;
  /** Why the case closed, or why the payment failed, as the person or the case gave it. */
  reason?: string;
  /** The amount the committee approved. */
  amountFen?: number;
}

/** The columns a topic is read from: the notification, its task and its case. */
export interface NotificationFacts {
  kind: string;
  taskKind: TaskKind | null;
  taskDueAt: string | null;
  taskOutcome: unknown;
  caseStatus: string | null;
  caseClosedReason: string | null;
}

const withoutEmpty = (params: Record<string, string | null | undefined>): NotificationParams =>
  Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null && value !== undefined && value !== '')) as NotificationParams;

function failureReason(outcome: unknown): string | undefined {
  if (typeof outcome !== 'object' || outcome === null) return undefined;
  const { outcome: result, reason } = outcome as { outcome?: unknown; reason?: unknown };
  return result === 'failed' && typeof reason === 'string' ? reason : undefined;
}

export function describeNotification(facts: NotificationFacts): { topic: NotificationTopic; params: NotificationParams } {
  const { kind, taskKind } = facts;
  if (kind === 'reminder' && taskKind === 'yearly-report') return { topic: NotificationTopic.ReportDue, params: withoutEmpty({ taskKind, dueAt: facts.taskDueAt }) };
  if (kind === 'reminder' && taskKind) return { topic: NotificationTopic.TaskOverdue, params: { taskKind } };
  if (kind === 'escalation' && taskKind === 'payment-confirmation' && failureReason(facts.taskOutcome) !== undefined) {
    return { topic: NotificationTopic.PaymentFailed, params: withoutEmpty({ taskKind, reason: failureReason(facts.taskOutcome) }) };
  }
  if (kind === 'escalation' && taskKind) return { topic: NotificationTopic.TaskEscalated, params: { taskKind } };
  if (kind === 'task-opened' && taskKind) return { topic: NotificationTopic.TaskOpened, params: withoutEmpty({ taskKind, dueAt: facts.taskDueAt }) };
  if (kind === 'approved') {
    const amountFen = (facts.taskOutcome as { amountFen?: unknown } | null)?.amountFen;
    return { topic: NotificationTopic.Approved, params: typeof amountFen === 'number' ? { amountFen } : {} };
  }
  if (kind.startsWith('case-')) return { topic: NotificationTopic.CaseClosed, params: withoutEmpty({ status: kind.slice('case-'.length), reason: facts.caseClosedReason }) };
  return { topic: NotificationTopic.Other, params: {} };
}
