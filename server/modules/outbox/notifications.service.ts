/** The signed-in user's in-app notices: each names the record it is about, so a click opens it; read one by one or all at once. */
import { AppError } from '../../../core/errors.ts';
import type { AppContext } from '../../lib/context.ts';
import type { NotificationList } from '../../../core/schemas/notifications.response.ts';
import * as repo from './notifications.repository.ts';

/** Notices per page of the bell's list. */
export const NOTICES_PER_PAGE = 50;

/**
 * A page of the user's notices, newest first (the next page: those older than `before`, a notice id), whether
 * more are older, and how many of all are unread. Reading marks nothing.
 */
export async function myNotifications(ctx: AppContext, userId: string, before?: number): Promise<NotificationList> {
  // One row past the page says whether there is another page, without counting them all.
  const [rows, unread] = await Promise.all([repo.newestOf(ctx.db, userId, NOTICES_PER_PAGE + 1, before), repo.unreadCount(ctx.db, userId)]);
  const more = rows.length > NOTICES_PER_PAGE;
  const items = rows.slice(0, NOTICES_PER_PAGE).map((n) => ({
    id: n.id,
    subject: n.subjectType && n.subjectId ? { type: n.subjectType, id: n.subjectId, ...(n.subjectCode ? { code: n.subjectCode } : {}) } : null,
    text: n.text,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  }));
  return { items, unread, more };
}

/** Marks one of the user's notices read. @throws NOT_FOUND when it is not theirs (or does not exist) */
export async function markRead(ctx: AppContext, userId: string, id: number): Promise<void> {
  if (!(await repo.markOneRead(ctx.db, userId, id, ctx.clock.now()))) throw new AppError('NOT_FOUND');
}

/** Marks all of the user's notices read (the explicit "全部已读" button). */
export async function markAllRead(ctx: AppContext, userId: string): Promise<void> {
  await repo.markAllRead(ctx.db, userId, ctx.clock.now());
}
