import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post, query } from '../../../lib/api-client';
import type { NotificationPage, UnreadCount } from '../../../lib/api-types';

export const FEED_PAGE_SIZE = 30;

export const feedQuery = (unreadOnly: boolean) =>
  infiniteQueryOptions({
    queryKey: ['notifications', 'feed', unreadOnly],
    queryFn: ({ pageParam }) => get<NotificationPage>(`/notifications${query({ limit: FEED_PAGE_SIZE, cursor: pageParam, unread: unreadOnly ? 'true' : undefined })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 15_000,
  });

/** The bell's count: asked once a minute while the workspace is open. */
export const unreadCountQuery = queryOptions({
  queryKey: ['notifications', 'unread-count'],
  queryFn: () => get<UnreadCount>('/notifications/unread-count'),
  staleTime: 30_000,
  refetchInterval: 60_000,
});

function useRefreshAfter<T>(mutationFn: (arg: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => client.invalidateQueries({ queryKey: ['notifications'] }) });
}

export const useMarkRead = () => useRefreshAfter((id: number) => post<UnreadCount>(`/notifications/${id}/read`));

/** Up to the newest the reader has seen: what arrives meanwhile stays unread. */
export const useMarkAllRead = () => useRefreshAfter((upToId: number | undefined) => post<UnreadCount>('/notifications/read', upToId === undefined ? {} : { upToId }));
