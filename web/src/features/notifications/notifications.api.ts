/** In-app notices: the list with its unread count (polled), and marking one or all read. */
import { useInfiniteQuery } from '@tanstack/react-query';
import type { NotificationItem, NotificationList } from '../../../../core/schemas/notifications.response';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

export const notificationsKey = ['notifications'] as const;

/** My notices, 50 a page ("more" loads older ones), asked again every 30 seconds; reading marks nothing. */
export function useNotifications() {
  const q = useInfiniteQuery({
    queryKey: notificationsKey,
    queryFn: ({ pageParam }) => api<NotificationList>(`/api/notifications${pageParam ? `?before=${pageParam}` : ''}`),
    initialPageParam: 0 as number | string,
    getNextPageParam: (last) => (last.more ? last.items.at(-1)?.id : undefined),
    refetchInterval: 30_000,
  });
  const pages = q.data?.pages ?? [];
  return { items: pages.flatMap((p) => p.items), unread: pages[0]?.unread ?? 0, more: q.hasNextPage, loadMore: () => void q.fetchNextPage(), loadingMore: q.isFetchingNextPage };
}

/** Marks one notice read. */
export function useMarkRead() {
  return useAction((id: NotificationItem['id'], { key }) => api(`/api/notifications/${id}/read`, { method: 'POST', key }), { invalidates: () => [notificationsKey] });
}

/** Marks every notice read (an explicit button; closing the panel marks nothing). */
export function useMarkAllRead() {
  return useAction((_: void, { key }) => api('/api/notifications/read-all', { method: 'POST', key }), { invalidates: () => [notificationsKey] });
}
