/** Visit tasks, coverage and the field app's device copy (issue 16, helper T's routes). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TaskListQuery } from '../../../core/schemas/field-tasks.schema.ts';
import { TaskPage } from '../../../core/schemas/field-tasks.response.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import { listTasks } from './visit-tasks.service.ts';

/** Registers /api/field/tasks. */
export function fieldTaskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/field/tasks', {
    config: { access: { permission: ['field:record', 'field:read'] } },
    schema: { tags: ['field'], summary: '走访任务 Visit tasks: mine (default; the field app), or every task of my scope (scope=all), earliest due first; status open, overdue, done or cancelled', querystring: TaskListQuery, response: { 200: TaskPage } },
  }, async (req) => listTasks(ctx, actorOf(req), req.query));
}
