/** In-app notices: the list with its unread count (polled), and marking one or all read. */
import { useQuery } from '@tanstack/react-query';
import type { NotificationItem, NotificationList } from '../../../../core/schemas/notifications.response';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

export const notificationsKey = ['notifications'] as const;

/** My notices, asked again every 30 seconds. */
export function useNotifications() {
  return useQuery({ queryKey: notificationsKey, queryFn: () => api<NotificationList>('/api/notifications'), refetchInterval: 30_000 });
}

/** Marks one notice read. */
export function useMarkRead() {
  return useAction((id: NotificationItem['id'], { key }) => api(`/api/notifications/${id}/read`, { method: 'POST', key }), { invalidates: () => [notificationsKey] });
}

/** Marks every notice read (an explicit button; closing the panel marks nothing). */
export function useMarkAllRead() {
  return useAction((_: void, { key }) => api('/api/notifications/read-all', { method: 'POST', key }), { invalidates: () => [notificationsKey] });
}

/** Where a notice's record opens, when the web app has a page for it. */
export function linkOf(n: NotificationItem): string | null {
  return n.subject?.type === 'case' && n.subject.code ? `/cases/${n.subject.code}` : null;
}
