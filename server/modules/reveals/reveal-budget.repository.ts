/** I/O for the per-actor reveal budgets (core/reveal-budget.ts). */
import { eq } from 'drizzle-orm';
import { revealBudgets } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type BudgetRow = typeof revealBudgets.$inferSelect;

/** The actor's bucket, locked for update; created empty first so there is always a row to lock. */
export async function lockBucket(tx: Executor, actorId: string, now: Date): Promise<BudgetRow> {
  await tx.insert(revealBudgets).values({ actorId, level: 0, updatedAt: now, alertedAt: null }).onConflictDoNothing();
  const [row] = await tx.select().from(revealBudgets).where(eq(revealBudgets.actorId, actorId)).for('update');
  return row!;
}

/** Writes the bucket back. */
export async function saveBucket(tx: Executor, row: BudgetRow): Promise<void> {
  await tx.update(revealBudgets).set({ level: row.level, updatedAt: row.updatedAt, alertedAt: row.alertedAt }).where(eq(revealBudgets.actorId, row.actorId));
}
