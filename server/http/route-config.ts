/** What each route declares about access; the auth hook and the route-table scope test read it. */
import { can, type Permission } from '../../core/roles.ts';
import { AppError } from '../../core/errors.ts';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimit } from '../config.ts';
import type { Actor } from '../lib/actor.ts';
import type { SessionActor } from '../modules/auth/auth.service.ts';

/** Kinds of record a path parameter can name (the scope test builds one of each in two villages). */
export type ScopedObject = 'region' | 'grid' | 'householdGroup' | 'gridStaff' | 'user' | 'token' | 'case' | 'attachment' | 'department' | 'category' | 'codeTable' | 'person' | 'household' | 'place' | 'building' | 'dwelling' | 'notification' | 'document' | 'petition' | 'petitionAttachment' | 'dispute' | 'mediationCommittee' | 'mediationRoom' | 'mediator' | 'patrol' | 'clientId';

export interface RouteAccess {
  /** 'public': no sign-in; 'enrol': a session still setting up TOTP may call it; 'full' (default). */
  auth?: 'public' | 'enrol' | 'full';
  /** A session that must first change an administrator-set password may call it (sign-out, profile, the change). */
  passwordStage?: boolean;
  /** Only for a person's cookie session: integration tokens get AUTH_REQUIRED (they have no profile or inbox). */
  session?: boolean;
  /** The permission required; with a list, any one of them (the service then applies the finer rule). */
  permission?: Permission | readonly Permission[];
  /** The one query parameter that may carry an integration token (Open311's `api_key`); any other is refused. */
  queryToken?: string;
  /** For routes with path parameters: what each parameter names, in path order. */
  objects?: ScopedObject[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | SessionActor | null;
    locale: import('../../core/errors.ts').Locale;
  }
}

/** Whether a role passes a route's declared permission. */
export function passes(role: import('../../core/roles.ts').Role, permission: RouteAccess['permission']): boolean {
  if (!permission) return true;
  return (typeof permission === 'string' ? [permission] : permission).some((p) => can(role, p));
}

/** The actor of an authenticated route (the hook guarantees it). */
export function actorOf(req: { actor: Actor | SessionActor | null }): Actor {
  if (!req.actor) throw new Error('route without actor');
  return req.actor;
}

/** The session actor of a cookie-authenticated route. */
export function sessionActorOf(req: { actor: Actor | SessionActor | null }): SessionActor {
  const a = req.actor as SessionActor | null;
  // Integration tokens have no session: session-only routes answer as if signed out.
  if (!a || !('sessionHash' in a)) throw new AppError('AUTH_REQUIRED');
  return a;
}

/** Per-IP limit for sign-in and resident submissions, from configuration; checked before the body is read. */
export function perIp(limit: RateLimit) {
  return { max: limit.max, timeWindow: limit.windowMs, hook: 'onRequest' as const, keyGenerator: (req: FastifyRequest) => `ip:${req.ip}` };
}

/**
 * A second limit keyed by something in the request other than the address (the account signing in, the
 * reporter's phone): a spread of addresses cannot then guess one password or flood in one name.
 * Requests without that key pass; the route's per-IP limit still applies to them.
 */
export function limitBy(app: FastifyInstance, limit: RateLimit, name: string, keyOf: (req: FastifyRequest) => string | undefined) {
  const check = app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: (req) => `${name}:${createHash('sm3').update(keyOf(req) ?? '').digest('hex')}` });
  return async (req: FastifyRequest): Promise<void> => {
    if (!keyOf(req)) return;
    const r = await check(req);
    if (!r.isAllowed && r.isExceeded) throw new AppError('RATE_LIMITED');
  };
}

/** Per-user limit for a signed-in route (the auth hook has set the actor before limits are checked). */
export function perUser(limit: RateLimit) {
  return { max: limit.max, timeWindow: limit.windowMs, keyGenerator: (req: FastifyRequest) => `user:${req.actor?.id ?? req.ip}` };
}

/** Per-token limit for integrations (a busy hotline gateway gets its own, higher budget). */
export function perToken(limit: RateLimit) {
  return {
    max: limit.max,
    timeWindow: limit.windowMs,
    keyGenerator: (req: FastifyRequest) => {
      // Staff sessions count per user, so one office behind one address is not one budget.
      const actorId = req.actor && req.actor.kind === 'user' ? `user:${req.actor.id}` : undefined;
      const key = (req.body as { api_key?: string } | undefined)?.api_key ?? req.headers.authorization ?? actorId ?? req.ip;
      return `token:${createHash('sm3').update(String(key)).digest('hex')}`;
    },
  };
}
