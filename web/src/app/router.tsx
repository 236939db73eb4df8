// Pages under /app/. The inbox is the first screen and is in the main bundle; the
// task and case pages load on demand.
import { lazy } from 'react';
import { InboxPage } from '../features/inbox/components/InboxPage';
import type { Route } from '../lib/router';

const TaskPage = lazy(async () => ({ default: (await import('../features/tasks/components/TaskPage')).TaskPage }));
const CasePage = lazy(async () => ({ default: (await import('../features/cases/components/CasePage')).CasePage }));
const DashboardPage = lazy(async () => ({ default: (await import('../features/ops/components/DashboardPage')).DashboardPage }));
const CaseSearchPage = lazy(async () => ({ default: (await import('../features/ops/components/CaseSearchPage')).CaseSearchPage }));
const UsersPage = lazy(async () => ({ default: (await import('../features/admin/components/UsersPage')).UsersPage }));
const EnterprisesPage = lazy(async () => ({ default: (await import('../features/admin/components/EnterprisesPage')).EnterprisesPage }));
const NoticesPage = lazy(async () => ({ default: (await import('../features/admin/components/NoticesPage')).NoticesPage }));
const DecisionNotice = lazy(async () => ({ default: (await import('../features/cases/components/DecisionNotice')).DecisionNotice }));

export const routes: Route[] = [
  { path: '/', component: InboxPage },
  { path: '/tasks/:taskId', component: TaskPage },
  { path: '/cases/:caseId', component: CasePage },
  { path: '/cases/:caseId/notice/:supportYear', component: DecisionNotice },
  { path: '/ops', component: DashboardPage },
  { path: '/ops/cases', component: CaseSearchPage },
  { path: '/admin/users', component: UsersPage },
  { path: '/admin/enterprises', component: EnterprisesPage },
  { path: '/admin/notices', component: NoticesPage },
];
