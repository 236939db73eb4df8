// The one cache of server state, created before React so the first screen's requests
// can start while the page's scripts are still being evaluated.
import { QueryClient } from '@tanstack/react-query';
import { ApiProblem } from './api-client';

export const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will answer the same again: show it rather than retrying.
    queries: { retry: (count, error) => !(error instanceof ApiProblem && error.status < 500) && count < 2, refetchOnWindowFocus: false },
  },
});
