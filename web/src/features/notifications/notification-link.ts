import type { NotificationItem } from '../../../../core/schemas/notifications.response';

/** Where a notice's record opens, when the web app has a page for it. */
export function linkOf(n: NotificationItem): string | null {
  if (!n.subject?.code) return null;
  const pages: Record<string, string> = { case: '/cases', petition: '/petitions', dispute: '/mediation' };
  const page = pages[n.subject.type];
  return page ? `${page}/${encodeURIComponent(n.subject.code)}` : null;
}
