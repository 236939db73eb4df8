// Pages under /app/. The inbox is the first screen and is in the main bundle; the
// task and case pages load on demand.
import { lazy } from 'react';
import { InboxPage } from '../features/inbox/components/InboxPage';
import type { Route } from '../lib/router';

const TaskPage = lazy(async () => ({ default: (await import('../features/tasks/components/TaskPage')).TaskPage }));
const CasePage = lazy(async () => ({ default: (await import('../features/cases/components/CasePage')).CasePage }));
const NotificationsPage = lazy(async () => ({ default: (await import('../features/notifications/components/NotificationsPage')).NotificationsPage }));
const MailSettingsPage = lazy(async () => ({ default: (await import('../features/notifications/components/MailSettingsPage')).MailSettingsPage }));
const DecisionNotice = lazy(async () => ({ default: (await import('../features/cases/components/DecisionNotice')).DecisionNotice }));

export const routes: Route[] = [
  { path: '/', component: InboxPage },
  { path: '/tasks/:taskId', component: TaskPage },
  { path: '/cases/:caseId', component: CasePage },
  { path: '/cases/:caseId/notice/:supportYear', component: DecisionNotice },
  { path: '/notifications', component: NotificationsPage },
  { path: '/admin/mail', component: MailSettingsPage },
];
