/** The signed-in user's in-app notifications: the list with the unread count, read one, read all. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as notices from './notifications.service.ts';
import { NotificationList } from '../../../core/schemas/notifications.response.ts';

const pageQuery = z.object({ before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() });
const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Registers /api/notifications. */
export function notificationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/notifications', {
    config: { access: { session: true } },
    schema: { tags: ['notifications'], summary: '我的通知 My notifications, 50 a page (older ones: ?before=<the last id>)', querystring: pageQuery, response: { 200: NotificationList } },
  }, async (req) => notices.myNotifications(ctx, actorOf(req).id, req.query.before));
  // One notice read (a click on it); someone else's id answers like a missing one.
  r.post('/api/notifications/:id/read', { config: { access: { session: true, objects: ['notification'] } }, schema: { tags: ['notifications'], summary: '标为已读 Mark one read', params: idParams } }, async (req) => {
    await notices.markRead(ctx, actorOf(req).id, req.params.id);
    return { ok: true };
  });
  const readAll = async (req: FastifyRequest) => {
    await notices.markAllRead(ctx, actorOf(req).id);
    return { ok: true };
  };
  r.post('/api/notifications/read-all', { config: { access: { session: true } }, schema: { tags: ['notifications'], summary: '全部已读 Mark all read' } }, readAll);
  // The old name of read-all, kept for clients built before the per-notice route.
  r.post('/api/notifications/read', { config: { access: { session: true } }, schema: { tags: ['notifications'], summary: '全部已读 Mark all read (old name)' } }, readAll);
}
