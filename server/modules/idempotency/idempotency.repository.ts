/** I/O for Idempotency-Key records. */
import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type KeyRow = typeof idempotencyKeys.$inferSelect;

/** Inserts an in-flight claim; false when the key exists. */
export async function claim(ex: Executor, scope: string, key: string, fingerprint: string, at: Date): Promise<boolean> {
  const rows = await ex.insert(idempotencyKeys).values({ scope, key, fingerprint, state: 'in_flight', createdAt: at }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
  return rows.length === 1;
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

/** Drops an in-flight claim whose work failed, so the client may retry. */
export async function release(ex: Executor, scope: string, key: string): Promise<void> {
  await ex.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), eq(idempotencyKeys.state, 'in_flight')));
}
