// Pages under /app/. The inbox is the first screen and is in the main bundle (an
// applicant's first screen is its cases); every other page loads on demand.
import { lazy } from 'react';
import { Home } from './Home';
import type { Route } from '../lib/router';

const TaskPage = lazy(async () => ({ default: (await import('../features/tasks/components/TaskPage')).TaskPage }));
const CasePage = lazy(async () => ({ default: (await import('../features/cases/components/CasePage')).CasePage }));
const ProgramsPage = lazy(async () => ({ default: (await import('../features/programs/components/ProgramsPage')).ProgramsPage }));
const ProgramGuidePage = lazy(async () => ({ default: (await import('../features/programs/components/ProgramGuidePage')).ProgramGuidePage }));
const MyCasesPage = lazy(async () => ({ default: (await import('../features/applicant/components/MyCasesPage')).MyCasesPage }));
const MyCasePage = lazy(async () => ({ default: (await import('../features/applicant/components/MyCasePage')).MyCasePage }));
const ApplyPage = lazy(async () => ({ default: (await import('../features/applicant/components/ApplyPage')).ApplyPage }));
const NotificationsPage = lazy(async () => ({ default: (await import('../features/notifications/components/NotificationsPage')).NotificationsPage }));
const MailSettingsPage = lazy(async () => ({ default: (await import('../features/notifications/components/MailSettingsPage')).MailSettingsPage }));
const DashboardPage = lazy(async () => ({ default: (await import('../features/ops/components/DashboardPage')).DashboardPage }));
const CaseSearchPage = lazy(async () => ({ default: (await import('../features/ops/components/CaseSearchPage')).CaseSearchPage }));
const UsersPage = lazy(async () => ({ default: (await import('../features/admin/components/UsersPage')).UsersPage }));
const EnterprisesPage = lazy(async () => ({ default: (await import('../features/admin/components/EnterprisesPage')).EnterprisesPage }));
const NoticesPage = lazy(async () => ({ default: (await import('../features/admin/components/NoticesPage')).NoticesPage }));
const PolicyPreviewPage = lazy(async () => ({ default: (await import('../features/policy-preview/components/PolicyPreviewPage')).PolicyPreviewPage }));
const DecisionNotice = lazy(async () => ({ default: (await import('../features/cases/components/DecisionNotice')).DecisionNotice }));

export const routes: Route[] = [
  { path: '/', component: Home },
  { path: '/programs', component: ProgramsPage },
  { path: '/programs/:program', component: ProgramGuidePage },
  { path: '/my-cases', component: MyCasesPage },
  { path: '/my-cases/:caseId', component: MyCasePage },
  { path: '/apply', component: ApplyPage },
  { path: '/tasks/:taskId', component: TaskPage },
  { path: '/cases/:caseId', component: CasePage },
  { path: '/cases/:caseId/notice/:supportYear', component: DecisionNotice },
  { path: '/notifications', component: NotificationsPage },
  { path: '/admin/mail', component: MailSettingsPage },
  { path: '/ops', component: DashboardPage },
  { path: '/ops/cases', component: CaseSearchPage },
  { path: '/policy-preview', component: PolicyPreviewPage },
  { path: '/admin/users', component: UsersPage },
  { path: '/admin/enterprises', component: EnterprisesPage },
  { path: '/admin/notices', component: NoticesPage },
];
