/** I/O for the outbox. */
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm';
import { outbox } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import { insertRows } from '../../db/fast-insert.ts';

export type OutboxRow = typeof outbox.$inferSelect;

/** Adds a message inside the caller's transaction. */
export async function insert(ex: Executor, row: { countyCode: string; kind: string; payload: Record<string, unknown>; at: Date }): Promise<void> {
  await insertMany(ex, [row]);
}

/** Queues several messages in one statement (group commit). */
export async function insertMany(ex: Executor, rows: { countyCode: string; kind: string; payload: Record<string, unknown>; at: Date }[]): Promise<void> {
  await insertRows(ex, outbox, rows.map((row) => ({ countyCode: row.countyCode, kind: row.kind, payload: row.payload, createdAt: row.at, availableAt: row.at })));
}

/** The counties with messages due (a plain read across every shard: no row is locked here). */
export async function countiesWithDue(ex: Executor, now: Date): Promise<string[]> {
  const rows = await ex.selectDistinct({ countyCode: outbox.countyCode }).from(outbox).where(and(isNull(outbox.deliveredAt), lte(outbox.availableAt, now)));
  return rows.map((r) => r.countyCode).sort();
}

/**
 * Claims one county's due messages for delivery; other workers skip the locked rows. Filtered on county_code so
 * that on Citus it is a single-shard (router) query, the only kind that may lock rows.
 */
export async function claimDue(ex: Executor, now: Date, limit: number, countyCode: string): Promise<OutboxRow[]> {
  return ex.select().from(outbox).where(and(eq(outbox.countyCode, countyCode), isNull(outbox.deliveredAt), lte(outbox.availableAt, now))).orderBy(asc(outbox.availableAt)).limit(limit).for('update', { skipLocked: true });
}

/** Marks a message delivered. */
export async function markDelivered(ex: Executor, r: OutboxRow, at: Date): Promise<void> {
  await ex.update(outbox).set({ deliveredAt: at, attempts: r.attempts + 1 }).where(and(eq(outbox.countyCode, r.countyCode), eq(outbox.id, r.id)));
}

/** Records a failed attempt and when to retry. */
export async function markFailed(ex: Executor, r: OutboxRow, retryAt: Date, error: string): Promise<void> {
  await ex.update(outbox).set({ attempts: r.attempts + 1, availableAt: retryAt, lastError: error.slice(0, 500) }).where(and(eq(outbox.countyCode, r.countyCode), eq(outbox.id, r.id)));
}

/** Count of undelivered messages (health and tests). */
export async function pendingCount(ex: Executor): Promise<number> {
  const [r] = await ex.select({ n: sql<number>`count(*)::int` }).from(outbox).where(isNull(outbox.deliveredAt));
  return r?.n ?? 0;
}
