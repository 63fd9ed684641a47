/** Integration tokens. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '../../../core/schemas/common.schema.ts';
import { TokenCreateSchema } from '../../../core/schemas/tokens.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as tokens from './tokens.service.ts';

/** Registers /api/tokens/*. */
export function tokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/tokens', { config: { access: { permission: 'token:manage' } }, schema: { tags: ['tokens'], summary: '接口令牌 Integration tokens' } }, async (req) => tokens.listTokens(ctx, actorOf(req)));
  r.post('/api/tokens', { config: { access: { permission: 'token:manage' } }, schema: { tags: ['tokens'], summary: '签发令牌 Issue a token (shown once)', body: TokenCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await tokens.createToken(ctx, actorOf(req), req.body)),
  );
  r.delete('/api/tokens/:id', { config: { access: { permission: 'token:manage', objects: ['token'] } }, schema: { tags: ['tokens'], summary: '吊销令牌 Revoke a token', params: z.object({ id: Uuid }) } }, async (req, reply) => {
    await tokens.revokeToken(ctx, actorOf(req), req.params.id);
    return reply.code(204).send();
  });
}
