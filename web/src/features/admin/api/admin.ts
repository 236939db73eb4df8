// The administration pages' reads and writes: users, enterprises and annual notices.
// Every write is audited by the API; a refused one comes back as an ApiProblem whose
// field errors the forms show at their fields.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, get, post, query } from '../../../lib/api-client';
import type { EnterpriseChanges, EnterpriseView, NewEnterprise, NewNotice, NewUser, NoticeDefaults, NoticeView, UserChanges, UserView } from '../../../lib/api-types';

const PAGE = 100;

/** Users a page at a time in id order (keyset on the last id). */
export const usersQuery = (role: string | undefined) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'users', role],
    queryFn: ({ pageParam }) => get<{ items: UserView[] }>(`/users${query({ role, after: pageParam, limit: PAGE })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.items.length === PAGE ? last.items.at(-1)?.id : undefined),
  });

export const enterprisesQuery = infiniteQueryOptions({
  queryKey: ['admin', 'enterprises'],
  queryFn: ({ pageParam }) => get<{ items: EnterpriseView[] }>(`/enterprises${query({ after: pageParam, limit: PAGE })}`),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => (last.items.length === PAGE ? last.items.at(-1)?.id : undefined),
});

export const noticesQuery = queryOptions({ queryKey: ['notices'], queryFn: () => get<{ items: NoticeView[] }>('/notices') });
export const noticeDefaultsQuery = queryOptions({ queryKey: ['admin', 'notice-defaults'], queryFn: () => get<NoticeDefaults>('/notice-defaults'), staleTime: Infinity });

function useAdminWrite<Vars, Result>(write: (vars: Vars) => Promise<Result>, invalidate: readonly unknown[]) {
  const client = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => void client.invalidateQueries({ queryKey: invalidate }) });
}

export const useCreateUser = () => useAdminWrite((user: NewUser) => post<UserView>('/users', user), ['admin', 'users']);
export const useChangeUser = () =>
  useAdminWrite(({ id, changes }: { id: string; changes: UserChanges }) => api<UserView>('PATCH', `/users/${encodeURIComponent(id)}`, changes), ['admin', 'users']);
export const useRegisterEnterprise = () => useAdminWrite((enterprise: NewEnterprise) => post<EnterpriseView>('/enterprises', enterprise), ['admin', 'enterprises']);
export const useChangeEnterprise = () =>
  useAdminWrite(({ id, changes }: { id: string; changes: EnterpriseChanges }) => api<EnterpriseView>('PATCH', `/enterprises/${encodeURIComponent(id)}`, changes), ['admin', 'enterprises']);
export const usePublishNotice = () => useAdminWrite((notice: NewNotice) => post<NoticeView>('/notices', notice), ['notices']);
