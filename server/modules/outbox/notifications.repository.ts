/** I/O for in-app notifications (one row per recipient, read state per row). */
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { notifications } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** Adds in-app notifications. */
export async function insert(ex: Executor, rows: Omit<NotificationRow, 'id' | 'readAt'>[]): Promise<void> {
  if (rows.length) await ex.insert(notifications).values(rows);
}

/** A user's newest notifications, or the newest older than the notification `before` (the next page). */
export function newestOf(ex: Executor, userId: string, limit: number, before?: number): Promise<NotificationRow[]> {
  return ex.select().from(notifications).where(and(eq(notifications.userId, userId), before ? lt(notifications.id, before) : undefined)).orderBy(desc(notifications.id)).limit(limit);
}

/** How many of a user's notifications are unread. */
export async function unreadCount(ex: Executor, userId: string): Promise<number> {
  const [r] = await ex.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return r?.n ?? 0;
}

/** Marks one of the user's notifications read; false when the user has no notification with this id. */
export async function markOneRead(ex: Executor, userId: string, id: number, at: Date): Promise<boolean> {
  const rows = await ex
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Marks all of a user's notifications read. */
export async function markAllRead(ex: Executor, userId: string, at: Date): Promise<void> {
  await ex.update(notifications).set({ readAt: at }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}
