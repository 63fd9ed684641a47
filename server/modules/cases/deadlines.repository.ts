/** I/O for case deadlines (rows, not timers: a restart loses nothing). */
import { and, asc, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { caseDeadlines } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type DeadlineRow = typeof caseDeadlines.$inferSelect;

/** Adds deadlines. */
export async function insert(tx: Executor, rows: DeadlineRow[]): Promise<void> {
  if (rows.length) await tx.insert(caseDeadlines).values(rows);
}

/** A case's deadlines. */
export function ofCase(ex: Executor, c: { countyCode: string; id: string }): Promise<DeadlineRow[]> {
  return ex.select().from(caseDeadlines).where(and(eq(caseDeadlines.countyCode, c.countyCode), eq(caseDeadlines.caseId, c.id))).orderBy(asc(caseDeadlines.startedAt));
}

/** Updates one deadline. */
export async function update(tx: Executor, d: DeadlineRow, set: Partial<DeadlineRow>): Promise<void> {
  await tx.update(caseDeadlines).set(set).where(and(eq(caseDeadlines.countyCode, d.countyCode), eq(caseDeadlines.id, d.id)));
}

/** Due rows for the sweep, locked; rows another process holds are skipped, so none fires twice. */
export function claimDue(tx: Executor, now: Date, limit: number): Promise<DeadlineRow[]> {
  return tx
    .select()
    .from(caseDeadlines)
    .where(
      and(
        isNull(caseDeadlines.pausedAt),
        or(and(eq(caseDeadlines.state, 'open'), lte(caseDeadlines.warnAt, now)), and(inArray(caseDeadlines.state, ['open', 'warned']), lte(caseDeadlines.dueAt, now))),
      ),
    )
    .orderBy(asc(caseDeadlines.warnAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}
