/** What GET /api/notifications answers: in-app notices that link to their record, and the unread count. */
import { z } from 'zod';

/** The record a notice is about; `code` is the case code for cases (the link is /cases/<code>). */
export const NotificationSubject = z.object({ type: z.string(), id: z.string(), code: z.string().optional() });

/** One notice; a security alert is about no record (`subject` null). */
export const NotificationItem = z.object({ id: z.union([z.number(), z.string()]), subject: NotificationSubject.nullable(), text: z.string(), createdAt: z.string(), read: z.boolean() });
export type NotificationItem = z.infer<typeof NotificationItem>;

/** A page of the signed-in user's notices, newest first, whether older ones remain (`?before=<last id>`), and how many of all are unread. */
export const NotificationList = z.object({ items: z.array(NotificationItem), unread: z.number(), more: z.boolean() });
export type NotificationList = z.infer<typeof NotificationList>;
