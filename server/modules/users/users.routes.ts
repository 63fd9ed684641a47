/** Account administration. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '../../../core/schemas/common.schema.ts';
import { UserCreateSchema, UserListQuery, UserPasswordResetSchema, UserUpdateSchema } from '../../../core/schemas/users.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as users from './users.service.ts';

const Params = z.object({ id: Uuid });

/** Registers /api/users/*. */
export function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/users', { config: { access: { permission: 'user:read' } }, schema: { tags: ['users'], summary: '用户列表 Accounts under my scope', querystring: UserListQuery } }, async (req) =>
    users.listUsers(ctx, actorOf(req), req.query),
  );
  // Business accounts need user:create, administrator accounts user:security (the service decides which).
  r.post('/api/users', { config: { access: { permission: ['user:create', 'user:security'] } }, schema: { tags: ['users'], summary: '新建用户 Create an account', body: UserCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await users.createUser(ctx, actorOf(req), req.body)),
  );
  r.get('/api/users/:id', { config: { access: { permission: 'user:read', objects: ['user'] } }, schema: { tags: ['users'], summary: '用户详情 One account', params: Params } }, async (req) =>
    users.getUser(ctx, actorOf(req), req.params.id),
  );
  r.patch('/api/users/:id', { config: { access: { permission: ['user:create', 'user:security'], objects: ['user'] } }, schema: { tags: ['users'], summary: '修改用户 Change name, role, scope or disable', params: Params, body: UserUpdateSchema } }, async (req) =>
    users.updateUser(ctx, actorOf(req), req.params.id, req.body),
  );
  // The account's own kind of administrator (system: business accounts; security: administrators) decides in the service.
  r.post('/api/users/:id/password', { config: { access: { permission: ['user:create', 'user:security'], objects: ['user'] } }, schema: { tags: ['users'], summary: '重置密码 Set a new password, to be changed at the next sign-in', params: Params, body: UserPasswordResetSchema } }, async (req) =>
    users.resetPassword(ctx, actorOf(req), req.params.id, req.body.password),
  );
  r.post('/api/users/:id/unlock', { config: { access: { permission: 'user:security', objects: ['user'] } }, schema: { tags: ['users'], summary: '解除锁定 Clear a lockout', params: Params } }, async (req) =>
    users.unlockUser(ctx, actorOf(req), req.params.id),
  );
  r.post('/api/users/:id/reset-totp', { config: { access: { permission: 'user:security', objects: ['user'] } }, schema: { tags: ['users'], summary: '重置动态验证码 Reset the second factor', params: Params } }, async (req) =>
    users.resetTotp(ctx, actorOf(req), req.params.id),
  );
}
