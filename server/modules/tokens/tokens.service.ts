/** Integration tokens: `Authorization: Bearer anw_…`, each with a region scope, shown once at creation. */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { grantRefusal } from '../../../core/roles.ts';
import type { Actor } from '../../lib/actor.ts';
import { foundOrMissing, requirePermission, scopePrefix } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import * as audit from '../audit/audit.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as repo from './tokens.repository.ts';

const present = (t: repo.TokenRow, scopeName: string | null = null) => ({
  id: t.id,
  name: t.name,
  scopeCode: t.scopeCode,
  scopeName,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt.toISOString(),
  revoked: t.revokedAt !== null,
});

const need = (actor: Actor) => requirePermission(actor, 'token:manage');

/**
 * Issues a token that expires after `expiresInDays` (ANWANG_TOKEN_DAYS by default); the secret is returned only
 * here. Its scope follows the grant rule of accounts (core/roles.ts grantRefusal). @throws FORBIDDEN, INVALID_SCOPE
 */
export async function createToken(ctx: AppContext, actor: Actor, input: { name: string; scopeCode: string; expiresInDays?: number }) {
  need(actor);
  const names = await regions.namesOf(ctx.db, [input.scopeCode]);
  const refusal = grantRefusal(actor, { role: 'integration', scopeCode: input.scopeCode });
  if (refusal === 'role') throw new AppError('FORBIDDEN');
  if (refusal || !names.has(input.scopeCode)) throw new AppError('INVALID_SCOPE', [{ path: 'scopeCode', code: 'invalid_scope', message: input.scopeCode }]);
  const secret = 'anw_' + randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? ctx.config.tokenDays) * 86_400_000);
  const row = { id: randomUUID(), name: input.name, tokenHash: sm3Hex(secret), scopeCode: input.scopeCode, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now, lastUsedAt: null, revokedAt: null, expiresAt };
  await ctx.db.transaction(async (tx) => {
    await repo.insert(tx, row);
    await audit.record(tx, ctx, actor, { action: 'token.create', objectType: 'token', objectId: row.id, countyCode: row.scopeCode.slice(0, 6), detail: { name: row.name, expiresAt: expiresAt.toISOString() } });
  });
  return { ...present(row, names.get(row.scopeCode) ?? null), token: secret };
}

/** Tokens under the actor's scope. @throws FORBIDDEN */
export async function listTokens(ctx: AppContext, actor: Actor) {
  need(actor);
  const rows = await repo.listUnder(ctx.db, scopePrefix(actor));
  // The list names each token's area (never a bare 12-digit code).
  const names = await regions.namesOf(ctx.db, [...new Set(rows.map((t) => t.scopeCode))]);
  return rows.map((t) => present(t, names.get(t.scopeCode) ?? null));
}

/** Revokes a token. @throws FORBIDDEN, NOT_FOUND */
export async function revokeToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  need(actor);
  const t = foundOrMissing(await repo.findInScope(ctx.db, id, scopePrefix(actor)));
  await ctx.db.transaction(async (tx) => {
    await repo.revoke(tx, id, ctx.clock.now());
    await audit.record(tx, ctx, actor, { action: 'token.revoke', objectType: 'token', objectId: id, countyCode: t.scopeCode.slice(0, 6) });
  });
}

/** The actor a bearer token stands for. @throws AUTH_REQUIRED for an unknown, revoked or expired token */
export async function resolveToken(ctx: AppContext, secret: string): Promise<Actor> {
  const t = await lookupShared(ctx, sm3Hex(secret));
  const now = ctx.clock.now();
  if (!t || t.expiresAt.getTime() <= now.getTime()) throw new AppError('AUTH_REQUIRED');
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() > 60_000) await repo.touch(ctx.db, t.id, now);
  return { kind: 'token', id: t.id, name: `token:${t.name}`, role: 'integration', scopeCode: t.scopeCode };
}

// Lookups of one token on their way, per context: an integration sending many requests at once makes one
// read per round trip instead of one per request. A request joins only a read that is still running, so it
// sees the token as it was at most one round trip before it arrived (a revocation is refused from the next read).
const inFlight = new WeakMap<AppContext, Map<string, Promise<repo.TokenRow | undefined>>>();
function lookupShared(ctx: AppContext, hash: string): Promise<repo.TokenRow | undefined> {
  let m = inFlight.get(ctx);
  if (!m) inFlight.set(ctx, (m = new Map()));
  const running = m.get(hash);
  if (running) return running;
  const p = repo.findLiveByHash(ctx.db, hash).finally(() => m.delete(hash));
  m.set(hash, p);
  return p;
}
