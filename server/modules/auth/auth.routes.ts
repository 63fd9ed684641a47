/** Sign-in, sign-out, profile, TOTP enrolment and password change. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangePasswordSchema, LoginSchema, MeSchema, TotpEnrollSchema } from '../../../core/schemas/auth.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { SESSION_COOKIE } from '../../http/auth-hook.ts';
import { limitBy, perIp, perUser, sessionActorOf } from '../../http/route-config.ts';
import * as auth from './auth.service.ts';

/** Registers /api/auth/*. */
export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: ctx.config.secureCookies };

  // Per account as well as per address: many addresses guessing one password are slowed too, before the
  // lockout after five failures (which a guesser could otherwise trigger at will).
  const perAccount = limitBy(app, ctx.config.rateLimits.loginAccount, 'account', (req) => (req.body as { username?: string } | undefined)?.username?.trim().toLowerCase() || undefined);
  r.post('/api/auth/login', {
    config: { access: { auth: 'public' }, rateLimit: perIp(ctx.config.rateLimits.login) },
    preHandler: perAccount,
    schema: { tags: ['auth'], summary: '登录 Sign in (sets the session cookie)', body: LoginSchema, response: { 200: MeSchema } },
  }, async (req, reply) => {
    const { token, me } = await auth.login(ctx, req.body, req.ip);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions);
    return me;
  });

  r.post('/api/auth/logout', { config: { access: { auth: 'enrol', passwordStage: true, session: true } }, schema: { tags: ['auth'], summary: '退出 Sign out' } }, async (req, reply) => {
    await auth.logout(ctx, sessionActorOf(req));
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true };
  });

  r.get('/api/auth/me', { config: { access: { auth: 'enrol', passwordStage: true, session: true } }, schema: { tags: ['auth'], summary: '当前用户 The signed-in user', response: { 200: MeSchema } } }, async (req) =>
    auth.me(ctx, sessionActorOf(req)),
  );

  r.post('/api/auth/totp/setup', {
    config: { access: { auth: 'enrol', session: true } },
    schema: { tags: ['auth'], summary: '开始绑定动态验证码 Start TOTP enrolment', response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }) } },
  }, async (req) => auth.startTotp(ctx, sessionActorOf(req)));

  r.post('/api/auth/totp/enroll', {
    config: { access: { auth: 'enrol', session: true } },
    schema: { tags: ['auth'], summary: '确认绑定 Confirm TOTP with a first code', body: TotpEnrollSchema, response: { 200: MeSchema } },
  }, async (req) => auth.confirmTotp(ctx, sessionActorOf(req), req.body.code));

  // Counted against the sign-in lockout in the service; limited per user here as well.
  r.post('/api/auth/password', {
    config: { access: { auth: 'full', passwordStage: true, session: true }, rateLimit: perUser(ctx.config.rateLimits.password) },
    schema: { tags: ['auth'], summary: '修改密码 Change your password (ends every session)', body: ChangePasswordSchema },
  }, async (req, reply) => {
    await auth.changePassword(ctx, sessionActorOf(req), req.body.currentPassword, req.body.newPassword);
    reply.clearCookie(SESSION_COOKIE, cookieOptions);
    return { ok: true };
  });
}
