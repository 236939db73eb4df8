// The feed's words. Each topic is one sentence with the case, the task's kind or the
// case's outcome put in; `{task}`, `{case}`, `{due}`, `{status}`, `{reason}`, `{amount}` are filled in.
export const notificationMessages = {
  zh: {
    title: '消息',
    bellLabel: '消息，未读 {count} 条',
    unreadOnly: '仅未读',
    all: '全部',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    empty: '暂无消息',
    loadMore: '加载更多',
    unread: '未读',
    openTask: '去办理',
    openCase: '查看案件',
    'task-overdue': '提醒：案件 {case} 的「{task}」已逾期，请尽快办理。',
    'report-due': '提醒：案件 {case} 的年度报告将于 {due} 截止。',
    'task-escalated': '督办：案件 {case} 的「{task}」逾期仍未办理。',
    'payment-failed': '督办：案件 {case} 的拨付多次失败：{reason}',
    'task-opened': '案件 {case} 需要您办理「{task}」{due}。',
    'task-opened-due': '，截止 {due}',
    approved: '案件 {case} 已获批准，批准金额 {amount}，现进入公示。',
    'case-closed': '案件 {case} 已结案：{status}。{reason}',
    other: '{message}',
  },
  en: {
    title: 'Notifications',
    bellLabel: 'Notifications, {count} unread',
    unreadOnly: 'Unread only',
    all: 'All',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    empty: 'No notifications',
    loadMore: 'Load more',
    unread: 'Unread',
    openTask: 'Open the task',
    openCase: 'Open the case',
    'task-overdue': 'Reminder: the {task} of case {case} is overdue.',
    'report-due': 'Reminder: the yearly report of case {case} is due by {due}.',
    'task-escalated': 'Escalated: the {task} of case {case} is still undecided.',
    'payment-failed': 'Escalated: a payment of case {case} failed repeatedly: {reason}',
    'task-opened': 'Case {case} asks you for a {task}{due}.',
    'task-opened-due': ', due {due}',
    approved: 'Case {case} is approved for {amount} and now in public notice.',
    'case-closed': 'Case {case} is closed: {status}. {reason}',
    other: '{message}',
  },
};

export type NotificationMessages = typeof notificationMessages.zh;

/** Puts the values into a sentence's {placeholders}. */
export const fill = (sentence: string, values: Record<string, string>) => sentence.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
