/** I/O for Idempotency-Key records. */
import { and, eq, lt, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type KeyRow = typeof idempotencyKeys.$inferSelect;

/** Claims many keys in one statement; returns the `scope key` pairs claimed (a key already held is not). */
export async function claimMany(ex: Executor, rows: { scope: string; key: string; fingerprint: string; at: Date }[]): Promise<Set<string>> {
  const got = await ex
    .insert(idempotencyKeys)
    .values(rows.map((r) => ({ scope: r.scope, key: r.key, fingerprint: r.fingerprint, state: 'in_flight', createdAt: r.at })))
    .onConflictDoNothing()
    .returning({ scope: idempotencyKeys.scope, key: idempotencyKeys.key });
  return new Set(got.map((r) => `${r.scope} ${r.key}`));
}

/** The record for a key. */
export async function find(ex: Executor, scope: string, key: string): Promise<KeyRow | undefined> {
  const [row] = await ex.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row;
}

/** Takes over a stale in-flight claim (its process died); false when someone else did first. */
export async function takeOver(ex: Executor, scope: string, key: string, staleBefore: Date, at: Date): Promise<boolean> {
  const rows = await ex
    .update(idempotencyKeys)
    .set({ createdAt: at })
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_flight'), lt(idempotencyKeys.createdAt, staleBefore)))
    .returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}

/** Stores the result (inside the transaction that made it). */
export async function complete(ex: Executor, scope: string, key: string, status: number, body: unknown): Promise<void> {
  await ex.update(idempotencyKeys).set({ state: 'done', status, body }).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/** Stores many results in one statement (inside the transaction that made them). */
export async function completeMany(ex: Executor, done: { scope: string; key: string; status: number; body: unknown }[]): Promise<void> {
  if (!done.length) return;
  const values = done.map((d) => sql`(${d.scope}, ${d.key}, ${d.status}::int, ${JSON.stringify(d.body)}::jsonb)`);
  await ex.execute(sql`UPDATE idempotency_keys AS k SET state = 'done', status = v.status, body = v.body
    FROM (VALUES ${sql.join(values, sql`, `)}) AS v (scope, key, status, body) WHERE k.scope = v.scope AND k.key = v.key`);
}

/** Drops an in-flight claim whose work failed, so the client may retry. */
export async function release(ex: Executor, scope: string, key: string): Promise<void> {
  await ex.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_flight')));
}
