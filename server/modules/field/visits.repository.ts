/** Visits, household assessments and the current risk level (migration 0033). */
import { and, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { householdAssessments, householdRiskCurrent, visitRecords } from '../../db/schema.ts';

export type VisitRow = typeof visitRecords.$inferSelect;
export type AssessmentRow = typeof householdAssessments.$inferSelect;

/** Inserts a visit unless its id is taken or the record it supersedes is already superseded; true when made. */
export async function insertVisit(tx: Executor, row: VisitRow): Promise<boolean> {
  return (await tx.insert(visitRecords).values(row).onConflictDoNothing().returning({ id: visitRecords.id })).length > 0;
}

/** A visit by county and id. */
export async function visitById(ex: Executor, countyCode: string, id: string): Promise<VisitRow | undefined> {
  const [row] = await ex.select().from(visitRecords).where(and(eq(visitRecords.countyCode, countyCode), eq(visitRecords.id, id)));
  return row;
}

/** Inserts an assessment unless its id is taken or the one it supersedes is already superseded; true when made. */
export async function insertAssessment(tx: Executor, row: AssessmentRow): Promise<boolean> {
  return (await tx.insert(householdAssessments).values(row).onConflictDoNothing().returning({ id: householdAssessments.id })).length > 0;
}

/** An assessment by county and id. */
export async function assessmentById(ex: Executor, countyCode: string, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await ex.select().from(householdAssessments).where(and(eq(householdAssessments.countyCode, countyCode), eq(householdAssessments.id, id)));
  return row;
}

/**
 * Makes the assessment the household's current level when it is the newest by device time, or corrects the
 * current one. Returns true when the current row changed.
 */
export async function upsertRiskCurrent(tx: Executor, a: AssessmentRow, now: Date): Promise<boolean> {
  const cur = householdRiskCurrent;
  const made = await tx
    .insert(cur)
    .values({ countyCode: a.countyCode, householdId: a.householdId, level: a.level, score: a.score, assessmentId: a.id, assessedAt: a.assessedAt, updatedAt: now })
    .onConflictDoUpdate({
      target: [cur.countyCode, cur.householdId],
      set: { level: sql`excluded.level`, score: sql`excluded.score`, assessmentId: sql`excluded.assessment_id`, assessedAt: sql`excluded.assessed_at`, updatedAt: sql`excluded.updated_at` },
      setWhere: or(sql`${cur.assessedAt} <= excluded.assessed_at`, a.supersedesId ? eq(cur.assessmentId, a.supersedesId) : sql`false`),
    })
    .returning({ id: cur.assessmentId });
  return made.length > 0;
}

/** A household's current risk level, if assessed. */
export async function riskCurrent(ex: Executor, countyCode: string, householdId: string) {
  const [row] = await ex.select().from(householdRiskCurrent).where(and(eq(householdRiskCurrent.countyCode, countyCode), eq(householdRiskCurrent.householdId, householdId)));
  return row;
}
