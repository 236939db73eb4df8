// The e-mail of one notification: subject and plain text, in Chinese first and English
// below (the office's language, and the one every notification also has), with a link
// to the task or case when the workspace's address is known.
import { inArray, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { cases, notifications, tasks } from '../db/schema.js';
import { describeNotification, NotificationTopic } from '../domain/notification-topics.js';
import type { NotificationParams, NotificationTopic as Topic } from '../domain/notification-topics.js';

export interface Notice {
  id: number;
  topic: Topic;
  params: NotificationParams;
  message: string;
  caseId: string | null;
  taskId: string | null;
  taskOpen: boolean;
}

export async function loadNotices(db: Database, ids: number[]): Promise<Map<number, Notice>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      message: notifications.message,
      caseId: notifications.caseId,
      taskId: notifications.taskId,
      taskKind: tasks.kind,
      taskStatus: tasks.status,
      taskDueAt: tasks.dueAt,
      taskOutcome: tasks.outcome,
      caseStatus: cases.status,
      caseClosedReason: cases.closedReason,
    })
    .from(notifications)
    .leftJoin(tasks, eq(tasks.id, notifications.taskId))
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .where(inArray(notifications.id, ids));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        ...describeNotification({ ...row, taskDueAt: row.taskDueAt?.toISOString() ?? null }),
        message: row.message,
        caseId: row.caseId,
        taskId: row.taskId,
        taskOpen: row.taskStatus === 'open',
      },
    ]),
  );
}

const taskWords: Record<string, [string, string]> = {
  'formal-review': ['形式审查', 'formal review'],
  correction: ['补正', 'correction'],
  'expert-conflict': ['回避声明', 'conflict declaration'],
  'expert-scoring': ['专家评分', 'expert scoring'],
  'committee-decision': ['管委会决定', 'committee decision'],
  'payment-confirmation': ['拨付确认', 'payment confirmation'],
  'yearly-report': ['年度报告', 'yearly report'],
  'yearly-verification': ['年度核验', 'yearly verification'],
  'repayment-confirmation': ['退款确认', 'repayment confirmation'],
};
const statusWords: Record<string, [string, string]> = {
  completed: ['已完成', 'completed'],
  rejected: ['不予支持', 'rejected'],
  withdrawn: ['已撤回', 'withdrawn'],
  ended: ['已终止', 'ended'],
  revoked: ['已撤销', 'revoked'],
};
const word = (table: Record<string, [string, string]>, key: string | undefined, lang: 0 | 1) => (key ? (table[key]?.[lang] ?? key) : '');
/** Beijing time, as the office reads dates. */
const officeTime = (iso: string | undefined) => (iso ? `${new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)` : '');

function lines(notice: Notice): { zh: string; en: string } {
  const { params } = notice;
  const caseId = notice.caseId ?? '';
  const task: [string, string] = [word(taskWords, params.taskKind, 0), word(taskWords, params.taskKind, 1)];
  switch (notice.topic) {
    case NotificationTopic.TaskOverdue:
      return { zh: `提醒：案件 ${caseId} 的「${task[0]}」已逾期，请尽快办理。`, en: `Reminder: the ${task[1]} of case ${caseId} is overdue.` };
    case NotificationTopic.ReportDue:
      return { zh: `提醒：案件 ${caseId} 的年度报告将于 ${officeTime(params.dueAt)} 截止。`, en: `Reminder: the yearly report of case ${caseId} is due by ${officeTime(params.dueAt)}.` };
    case NotificationTopic.TaskEscalated:
      return { zh: `督办：案件 ${caseId} 的「${task[0]}」逾期仍未办理。`, en: `Escalated: the ${task[1]} of case ${caseId} is still undecided.` };
    case NotificationTopic.PaymentFailed:
      return { zh: `督办：案件 ${caseId} 的拨付多次失败（${params.reason ?? ''}）。`, en: `Escalated: a payment of case ${caseId} failed repeatedly (${params.reason ?? ''}).` };
    case NotificationTopic.TaskOpened:
      return { zh: `案件 ${caseId} 需要您办理「${task[0]}」。`, en: `Case ${caseId} asks you for a ${task[1]}.` };
    case NotificationTopic.Approved: {
      const yuan = params.amountFen !== undefined ? (params.amountFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }) : '';
      return { zh: `案件 ${caseId} 已获批准，批准金额 ¥${yuan}，现进入公示。`, en: `Case ${caseId} is approved for ¥${yuan} and now in public notice.` };
    }
    case NotificationTopic.CaseClosed:
      return {
        zh: `案件 ${caseId} 已结案：${word(statusWords, params.status, 0)}${params.reason ? `（${params.reason}）` : ''}。`,
        en: `Case ${caseId} is closed: ${word(statusWords, params.status, 1)}${params.reason ? ` (${params.reason})` : ''}.`,
      };
    default:
      return { zh: notice.message, en: notice.message };
  }
}

export function composeMail(notice: Notice, workspaceUrl?: string): { subject: string; text: string } {
  const { zh, en } = lines(notice);
  const path = notice.taskId && notice.taskOpen ? `/app/tasks/${encodeURIComponent(notice.taskId)}` : notice.caseId ? `/app/cases/${encodeURIComponent(notice.caseId)}` : '/app/notifications';
  const link = workspaceUrl ? `\n\n${workspaceUrl.replace(/\/$/, '')}${path}` : '';
  return { subject: `【产业扶持资金】${zh}`.slice(0, 200), text: `${zh}\n\n${en}${link}\n\n——\n此邮件由系统自动发送，请勿回复。This message was sent automatically; please do not reply.\n` };
}
