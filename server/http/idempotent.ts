/**
 * The Idempotency-Key wrapper every creating or acting route uses (DESIGN §3; server/modules/idempotency holds the
 * claim, replay and release rules). A request without the header runs once as usual; with it, the first request
 * claims the key and its result is stored in the work's own transaction (the work receives the ticket), a replay
 * returns the stored answer with `idempotent-replay: true`, and a failure frees the key for a retry.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../lib/context.ts';
import type { Actor } from '../lib/actor.ts';
import { claimKey, releaseKey, type Ticket } from '../modules/idempotency/idempotency.service.ts';

/** How a route that does not answer plain JSON (Open311's XML or list shape) sends the answer and what it fingerprints. */
export interface IdempotentOptions {
  /** What identifies "the same request" (default: method, route, path parameters and body). */
  fingerprint?: unknown;
  /** Sends a first or replayed answer (default: `reply.code(status).send(body)`). */
  send?: (reply: FastifyReply, status: number, body: unknown) => unknown;
}

/** The scope keys are kept per: one actor (a user, a token, or the public pages). */
export const keyScopeOf = (a: Actor) => `${a.kind}:${a.id}`;

/**
 * Runs `work` under the request's Idempotency-Key when it has one (replays return the first answer, through
 * `replayed` when the stored form differs from the answer, e.g. a secret kept encrypted).
 */
export async function idempotent(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, scope: string, status: number, work: (ticket?: Ticket) => Promise<unknown>, replayed: (stored: unknown) => unknown = (b) => b, options: IdempotentOptions = {}) {
  const send = options.send ?? ((r: FastifyReply, s: number, body: unknown) => r.code(s).send(body));
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string') return send(reply, status, await work());
  const claim = await claimKey(ctx, scope, key, options.fingerprint ?? { method: req.method, route: req.routeOptions.url, params: req.params, body: req.body ?? null });
  if ('replay' in claim) return send(reply.header('idempotent-replay', 'true'), claim.replay.status, await replayed(claim.replay.body));
  try {
    return send(reply, status, await work(claim.ticket));
  } catch (e) {
    await releaseKey(ctx, claim.ticket);
    throw e;
  }
}
