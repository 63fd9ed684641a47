/** In-app notices: the list with its unread count (polled), and marking one or all read. */
import { useQuery } from '@tanstack/react-query';
import type { NotificationItem, NotificationList } from '../../../../core/schemas/notifications.response';
import { api } from '../../api';
import { useAction } from '../../data/use-action';

export const notificationsKey = ['notifications'] as const;

/** The old server answered a bare array with `caseId` (no case code, so no link): read it as the new shape. */
type Legacy = { id: number; caseId: string | null; text: string; createdAt: string; read: boolean }[];
function normalise(d: NotificationList | Legacy): NotificationList {
  if (!Array.isArray(d)) return d;
  const items: NotificationItem[] = d.map((n) => ({ id: n.id, subject: { type: 'case', id: n.caseId ?? '' }, text: n.text, createdAt: n.createdAt, read: n.read }));
  return { items, unread: items.filter((n) => !n.read).length };
}

/** My notices, asked again every 30 seconds. */
export function useNotifications() {
  return useQuery({ queryKey: notificationsKey, queryFn: () => api<NotificationList | Legacy>('/api/notifications').then(normalise), refetchInterval: 30_000 });
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
  return n.subject.type === 'case' && n.subject.code ? `/cases/${n.subject.code}` : null;
}
