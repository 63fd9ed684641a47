/** /api/code-tables: national and local code tables. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocalCodeTableSchema } from '../../../core/schemas/codes.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as codes from './codes.service.ts';

/** Registers the code-table routes. */
export function codeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/code-tables', { config: { access: {} }, schema: { tags: ['codes'], summary: '代码表 Code tables (national and my counties’)' } }, async (req) => codes.listTables(ctx, actorOf(req)));
  r.get('/api/code-tables/:id', { config: { access: { objects: ['codeTable'] } }, schema: { tags: ['codes'], summary: '代码表内容 One code table with its items', params: z.object({ id: z.string().max(80) }) } }, async (req) =>
    codes.getTable(ctx, actorOf(req), req.params.id),
  );
  r.post('/api/code-tables', { config: { access: { permission: 'catalog:manage' } }, schema: { tags: ['codes'], summary: '保存本县代码表 Create or replace a county’s local table (x_<county>_<key>)', body: LocalCodeTableSchema } }, async (req, reply) =>
    reply.code(201).send(await codes.saveLocalTable(ctx, actorOf(req), req.body)),
  );
}
