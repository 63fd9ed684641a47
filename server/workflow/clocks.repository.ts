/** I/O for clocks of any subject (rows, not timers: a restart loses nothing). */
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { clocks } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';
import { insertRows } from '../db/fast-insert.ts';

export type ClockRow = typeof clocks.$inferSelect;

/** Names a clock's owner: the record's type, id and county. */
export interface SubjectKey {
  type: string;
  id: string;
  countyCode: string;
}

/** Adds clocks. */
export async function insert(tx: Executor, rows: ClockRow[]): Promise<void> {
  await insertRows(tx, clocks, rows);
}

/** A subject's clocks, oldest first. */
export function ofSubject(ex: Executor, s: SubjectKey): Promise<ClockRow[]> {
  return ex
    .select()
    .from(clocks)
    .where(and(eq(clocks.countyCode, s.countyCode), eq(clocks.subjectType, s.type), eq(clocks.subjectId, s.id)))
    .orderBy(asc(clocks.startedAt));
}

/** Updates one clock. */
export async function update(tx: Executor, d: ClockRow, set: Partial<ClockRow>): Promise<void> {
  await tx.update(clocks).set(set).where(and(eq(clocks.countyCode, d.countyCode), eq(clocks.id, d.id)));
}

/** Clocks of these subject types that are due (warning or breach) at `now`, whatever their county. */
function dueWhere(now: Date, subjectTypes: string[]) {
  return and(
    isNull(clocks.pausedAt),
    inArray(clocks.subjectType, subjectTypes),
    or(and(eq(clocks.state, 'open'), lte(clocks.warnAt, now)), and(inArray(clocks.state, ['open', 'warned']), lte(clocks.dueAt, now))),
  );
}

/** The counties that have due clocks (a plain read across every shard: no row is locked here). */
export async function countiesWithDue(ex: Executor, now: Date, subjectTypes: string[]): Promise<string[]> {
  const rows = await ex.selectDistinct({ countyCode: clocks.countyCode }).from(clocks).where(dueWhere(now, subjectTypes));
  return rows.map((r) => r.countyCode).sort();
}

/**
 * One county's due clocks for the sweep, locked; rows another process holds are skipped, so none fires twice.
 * Filtered on county_code so that on Citus it is a single-shard (router) query, the only kind that may lock rows.
 */
export function claimDue(tx: Executor, now: Date, limit: number, subjectTypes: string[], countyCode: string): Promise<ClockRow[]> {
  return tx
    .select()
    .from(clocks)
    .where(and(eq(clocks.countyCode, countyCode), dueWhere(now, subjectTypes)))
    .orderBy(asc(clocks.warnAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}
