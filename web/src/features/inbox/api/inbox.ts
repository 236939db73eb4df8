import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, get, post, query } from '../../../lib/api-client';
import type { InboxCounts, InboxFilters, InboxPage, SavedView } from '../../../lib/api-types';

export const PAGE_SIZE = 50;

const FILTER_KEYS = ['program', 'stage', 'kind', 'caseId', 'dueBefore', 'overdue', 'sort'] as const;

/** The inbox's filters kept in the address, so back, reload and a shared link keep them. */
export function filtersFromSearch(search: string): InboxFilters {
  const params = new URLSearchParams(search);
  return Object.fromEntries(FILTER_KEYS.flatMap((key) => (params.get(key) ? [[key, params.get(key)]] : []))) as InboxFilters;
}

export const inboxQuery = (filters: InboxFilters) =>
  infiniteQueryOptions({
    queryKey: ['inbox', filters],
    queryFn: ({ pageParam }) => get<InboxPage>(`/tasks${query({ ...filters, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Fetched once per visit (the first screen prefetches it): claims and decisions invalidate it.
    staleTime: 30_000,
  });

export const countsQuery = queryOptions({ queryKey: ['inbox-counts'], queryFn: () => get<InboxCounts>('/tasks/counts'), staleTime: 30_000 });

export const savedViewsQuery = queryOptions({ queryKey: ['saved-views'], queryFn: () => get<{ items: SavedView[] }>('/saved-views'), staleTime: 300_000 });

/** Claims or releases each task in turn; answers which went through and which did not (with why). */
export function useClaimOrRelease() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ verb, taskIds }: { verb: 'claim' | 'release'; taskIds: string[] }) => {
      const results = await Promise.allSettled(taskIds.map((id) => post(`/tasks/${encodeURIComponent(id)}/${verb}`)));
      return results.map((r, i) => ({ taskId: taskIds[i] as string, ok: r.status === 'fulfilled', error: r.status === 'rejected' ? String((r.reason as Error).message) : undefined }));
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['inbox'] });
      void client.invalidateQueries({ queryKey: ['inbox-counts'] });
    },
  });
}

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; filters: InboxFilters }) => post<SavedView>('/saved-views', body),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewsQuery.queryKey }),
  });
}

export function useDeleteView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>('DELETE', `/saved-views/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewsQuery.queryKey }),
  });
}
