import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { sessionQuery } from './features/auth/api/session';
import { countsQuery, filtersFromSearch, inboxQuery, savedViewsQuery } from './features/inbox/api/inbox';
import { BASE } from './lib/router';
import { queryClient } from './lib/query-client';

// The inbox is the first screen: ask for its rows, counts and views now, beside the
// session, instead of after the session has answered and the page has rendered once.
void queryClient.prefetchQuery(sessionQuery);
if (window.location.pathname === BASE || window.location.pathname === `${BASE}/`) {
  void queryClient.prefetchInfiniteQuery(inboxQuery(filtersFromSearch(window.location.search)));
  void queryClient.prefetchQuery(countsQuery);
  void queryClient.prefetchQuery(savedViewsQuery);
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
