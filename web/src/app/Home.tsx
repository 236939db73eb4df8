// The first screen after sign-in: an enterprise's cases for an applicant, the inbox for
// everyone else. The applicant's page loads on demand (the inbox is the first screen's bundle).
import { useQuery } from '@tanstack/react-query';
import { lazy } from 'react';
import { sessionQuery } from '../features/auth/api/session';
import { InboxPage } from '../features/inbox/components/InboxPage';

const MyCasesPage = lazy(async () => ({ default: (await import('../features/applicant/components/MyCasesPage')).MyCasesPage }));

export function Home() {
  const session = useQuery(sessionQuery);
  return session.data?.user.role === 'applicant' ? <MyCasesPage /> : <InboxPage />;
}
