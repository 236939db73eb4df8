// Pages under /app/. The inbox is the first screen and is in the main bundle; the
// task and case pages load on demand.
import { createBrowserRouter } from 'react-router';
import { InboxPage } from '../features/inbox/components/InboxPage';
import { Shell } from './Shell';

export const router = createBrowserRouter(
  [
    {
      path: '/',
      element: <Shell />,
      children: [
        { index: true, element: <InboxPage /> },
        { path: 'tasks/:taskId', lazy: async () => ({ Component: (await import('../features/tasks/components/TaskPage')).TaskPage }) },
        { path: 'cases/:caseId', lazy: async () => ({ Component: (await import('../features/cases/components/CasePage')).CasePage }) },
        { path: 'cases/:caseId/notice/:supportYear', lazy: async () => ({ Component: (await import('../features/cases/components/DecisionNotice')).DecisionNotice }) },
      ],
    },
  ],
  { basename: '/app' },
);
