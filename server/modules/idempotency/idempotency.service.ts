/**
 * Idempotency-Key (DESIGN §5): the first request with a key claims it; its result is stored in the same
 * transaction as the work, so a 2xx always has its record. A replay returns the stored result; the same key
 * with a different body is 422; a key still being worked on is 409. A claim left by a process that died is
 * taken over after a minute (ANWANG_IDEMPOTENCY_STALE_MS), and since the work and its record commit together, nothing is done twice.
 */
import { AppError } from '../../../core/errors.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import { GroupCommit } from '../../lib/group-commit.ts';
import * as repo from './idempotency.repository.ts';

/** A claimed key; pass it into the work so it completes inside the same transaction. */
export interface Ticket {
  scope: string;
  key: string;
}

export type Claim = { replay: { status: number; body: unknown } } | { ticket: Ticket };

/** Claims a key for a request. @throws IDEMPOTENCY_MISMATCH (422), IDEMPOTENCY_IN_FLIGHT (409), VALIDATION_FAILED for a malformed key */
export async function claimKey(ctx: AppContext, scope: string, key: string, request: unknown): Promise<Claim> {
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(key)) throw new AppError('VALIDATION_FAILED', [{ path: 'header.idempotency-key', code: 'bad_key', message: 'Idempotency-Key: 8–100 letters, digits, - or _' }]);
  const fingerprint = sm3Hex(canonicalJson(request));
  const now = ctx.clock.now();
  if (await claimsOf(ctx).submit({ scope, key, fingerprint, at: now })) return { ticket: { scope, key } };
  const row = await repo.find(ctx.db, scope, key);
  if (!row) return claimKey(ctx, scope, key, request); // released between our insert and read: try again
  if (row.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_MISMATCH');
  if (row.state === 'done') return { replay: { status: row.status!, body: row.body } };
  const stale = ctx.config.idempotencyStaleMs;
  if (row.createdAt.getTime() < now.getTime() - stale && (await repo.takeOver(ctx.db, scope, key, new Date(now.getTime() - stale), now))) {
    return { ticket: { scope, key } };
  }
  throw new AppError('IDEMPOTENCY_IN_FLIGHT');
}

type ClaimRow = { scope: string; key: string; fingerprint: string; at: Date };
/**
 * Claims arriving together go in one INSERT (group commit: one statement and one commit per round trip instead of
 * one per request). The same key twice in one batch is claimed by the first only; the second then finds it in flight.
 */
const claimQueues = new WeakMap<AppContext, GroupCommit<ClaimRow, boolean>>();
function claimsOf(ctx: AppContext): GroupCommit<ClaimRow, boolean> {
  let q = claimQueues.get(ctx);
  if (!q)
    claimQueues.set(
      ctx,
      (q = new GroupCommit({ ms: 0, max: ctx.config.intakeBatch.max }, async (rows) => {
        const claimed = await repo.claimMany(ctx.db, rows);
        return rows.map((r) => claimed.delete(`${r.scope} ${r.key}`));
      })),
    );
  return q;
}

/** Records the result inside the work's transaction. */
export function completeKey(tx: Executor, ticket: Ticket, status: number, body: unknown): Promise<void> {
  return repo.complete(tx, ticket.scope, ticket.key, status, body);
}

/** Records many results inside the work's transaction (group commit). */
export function completeKeys(tx: Executor, done: { ticket: Ticket; status: number; body: unknown }[]): Promise<void> {
  return repo.completeMany(tx, done.map((d) => ({ ...d.ticket, status: d.status, body: d.body })));
}

/** Frees a key whose work failed. */
export async function releaseKey(ctx: AppContext, ticket: Ticket): Promise<void> {
  await repo.release(ctx.db, ticket.scope, ticket.key);
}
