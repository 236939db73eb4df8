import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { ApiProblem, api, get, post, setCsrfToken } from '../../../lib/api-client';
import type { SessionView } from '../../../lib/api-types';

/** Who is signed in; null when nobody is (401). */
export const sessionQuery = queryOptions({
  queryKey: ['session'],
  queryFn: async (): Promise<SessionView | null> => {
    try {
      const session = await get<SessionView>('/session');
      setCsrfToken(session.csrfToken);
      return session;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: Infinity,
  retry: false,
});

/** Another person's data must not outlive their session; the session query itself stays observed. */
function forgetAllButSession(client: QueryClient) {
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQuery.queryKey[0] });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { userId: string; password: string }) => post<SessionView>('/session', body),
    onSuccess: (session) => {
      setCsrfToken(session.csrfToken);
      forgetAllButSession(client);
      client.setQueryData(sessionQuery.queryKey, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', '/session'),
    onSettled: () => {
      setCsrfToken(null);
      forgetAllButSession(client);
      client.setQueryData(sessionQuery.queryKey, null);
    },
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => post<void>('/session/password', body),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionQuery.queryKey }),
  });
}
