/**
 * Resolves the actor of every request (session cookie or bearer token) and enforces each route's
 * declared access: sign-in, TOTP enrolment stage, and permission. Scope is checked in services.
 */
import type { FastifyInstance } from 'fastify';
import { AppError, pickLocale } from '../../core/errors.ts';
import { passes } from './route-config.ts';
import type { AppContext } from '../lib/context.ts';
import { authenticate } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'anwang_session';

/** Installs the hook that sets `req.actor` and `req.locale`. */
export function installAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.cookies?.lang ?? req.headers['accept-language']);
    const access = req.routeOptions.config?.access;
    if (!access || access.auth === 'public') {
      return;
    }
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const actor = await authenticate(ctx, req.cookies?.[SESSION_COOKIE], bearer, req.ip);
    if (!actor) throw new AppError('AUTH_REQUIRED');
    req.actor = actor;
    if (access.session && !('sessionHash' in actor)) throw new AppError('AUTH_REQUIRED');
    if ('stage' in actor && actor.stage === 'enrol' && access.auth !== 'enrol') throw new AppError('TOTP_ENROLMENT_REQUIRED');
    if (!passes(actor.role, access.permission)) throw new AppError('FORBIDDEN');
  });
}
