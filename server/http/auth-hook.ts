/**
 * Resolves the actor of every request (session cookie or bearer token) and enforces each route's
 * declared access: sign-in, TOTP enrolment and forced password-change stages, and permission. Scope is checked
 * in services. Integration tokens come only in the Authorization header: one in the URL is refused.
 */
import type { FastifyInstance } from 'fastify';
import { AppError, pickLocale } from '../../core/errors.ts';
import { passes } from './route-config.ts';
import type { AppContext } from '../lib/context.ts';
import { authenticate } from '../modules/auth/auth.service.ts';

export const SESSION_COOKIE = 'anwang_session';
/** Every integration token starts with this (server/modules/tokens). */
const TOKEN_PREFIX = 'anw_';

/**
 * True when the query string carries an integration token (`anw_…`) anywhere but a parameter the route accepts a
 * token in (Open311's `api_key`, which that standard defines). URLs end up in proxy logs, browser histories and
 * Referer headers; a token there is as good as published, so it is refused even when a valid header came along.
 */
function tokenInQuery(query: unknown, allowed: string | undefined): boolean {
  if (!query || typeof query !== 'object') return false;
  return Object.entries(query as Record<string, unknown>).some(([k, v]) => k !== allowed && [v].flat().some((x) => typeof x === 'string' && x.trim().startsWith(TOKEN_PREFIX)));
}

/** Installs the hook that sets `req.actor` and `req.locale`. */
export function installAuthHook(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.cookies?.lang ?? req.headers['accept-language']);
    const access = req.routeOptions.config?.access;
    if (tokenInQuery(req.query, access?.queryToken)) throw new AppError('TOKEN_IN_URL');
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
    if ('stage' in actor && actor.stage === 'password' && !access.passwordStage) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (!passes(actor.role, access.permission)) throw new AppError('FORBIDDEN');
  });
}
