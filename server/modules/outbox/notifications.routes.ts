/** The signed-in user's in-app notifications, and staff uploads. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as outbox from './outbox.service.ts';

/** Registers /api/notifications. */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/notifications', { config: { access: { session: true } }, schema: { tags: ['notifications'], summary: '我的通知 My notifications' } }, async (req) => outbox.myNotifications(ctx, actorOf(req).id));
  app.post('/api/notifications/read', { config: { access: { session: true } }, schema: { tags: ['notifications'], summary: '全部已读 Mark all read' } }, async (req) => {
    await outbox.markAllRead(ctx, actorOf(req).id);
    return { ok: true };
  });
}
