/**
 * I/O of the responsible worker (责任人) of a person under care, and of the subjects a trigger names: the person or
 * household under a scope prefix, the accounts that may be assigned, the assignment row itself. Nothing else.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { careAssignments, households, persons, users } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

/** A household or person as a task needs it (its place and whether it is still active). */
export interface SubjectPlace {
  countyCode: string;
  id: string;
  gridCode: string;
  villageCode: string;
  active: boolean;
}

/**
 * A person or household whose grid lies under `prefix` (county in the WHERE when the prefix names one). Not locked:
 * a wider scope has no county to put in a row lock (Citus); the open-task index and the tasks' own locks serialise.
 */
export async function subjectUnder(ex: Executor, type: 'household' | 'person', id: string, prefix: string, lock = false): Promise<SubjectPlace | undefined> {
  const t = type === 'person' ? persons : households;
  const pick = { countyCode: t.countyCode, id: t.id, gridCode: t.gridCode, villageCode: t.villageCode, status: t.status };
  const county = prefix.length >= 6 ? eq(t.countyCode, prefix.slice(0, 6)) : undefined;
  let [row] = await ex.select(pick).from(t).where(and(county, eq(t.id, id), sql`${t.gridCode} LIKE ${prefix + '%'}`));
  // Locked (by its county, as every row lock is) so a move of the subject waits or is seen: an assignment or a
  // trigger made on the grid it is leaving would put its task back there.
  if (row && lock) [row] = await ex.select(pick).from(t).where(and(eq(t.countyCode, row.countyCode), eq(t.id, id), sql`${t.gridCode} LIKE ${prefix + '%'}`)).for('update');
  return row && { countyCode: row.countyCode, id: row.id, gridCode: row.gridCode, villageCode: row.villageCode, active: row.status === 'active' };
}

/** Enabled accounts of these roles placed at one of these region codes (the nodes whose subtree holds a grid), by name. */
export async function accountsAt(ex: Executor, roles: readonly string[], scopeCodes: string[]): Promise<{ id: string; name: string; role: string; scopeCode: string }[]> {
  return ex
    .select({ id: users.id, name: users.displayName, role: users.role, scopeCode: users.scopeCode })
    .from(users)
    .where(and(eq(users.disabled, false), inArray(users.role, [...roles]), inArray(users.scopeCode, scopeCodes)))
    .orderBy(asc(users.displayName), asc(users.id));
}

/** A person's explicit care assignment (any account state). */
export async function careOf(ex: Executor, countyCode: string, personId: string): Promise<{ userId: string } | undefined> {
  const [row] = await ex.select({ userId: careAssignments.userId }).from(careAssignments).where(and(eq(careAssignments.countyCode, countyCode), eq(careAssignments.personId, personId)));
  return row;
}

/** Names a person's responsible worker (replacing any earlier one). */
export async function upsertCare(tx: Executor, row: typeof careAssignments.$inferInsert): Promise<void> {
  await tx.insert(careAssignments).values(row).onConflictDoUpdate({ target: [careAssignments.countyCode, careAssignments.personId], set: { userId: row.userId, assignedBy: row.assignedBy, assignedAt: row.assignedAt } });
}

/** Ends a person's care assignment; true when there was one. */
export async function deleteCare(tx: Executor, countyCode: string, personId: string): Promise<boolean> {
  const rows = await tx.delete(careAssignments).where(and(eq(careAssignments.countyCode, countyCode), eq(careAssignments.personId, personId))).returning({ id: careAssignments.personId });
  return rows.length > 0;
}

/** Care assignments of these persons whose account is placed at none of `scopeCodes` (they no longer cover the person). */
export async function careOutside(ex: Executor, countyCode: string, personIds: string[], scopeCodes: string[]): Promise<string[]> {
  if (!personIds.length) return [];
  const rows = await ex
    .select({ personId: careAssignments.personId })
    .from(careAssignments)
    .innerJoin(users, eq(users.id, careAssignments.userId))
    .where(and(eq(careAssignments.countyCode, countyCode), inArray(careAssignments.personId, personIds), sql`${users.scopeCode} NOT IN (${sql.join(scopeCodes.map((c) => sql`${c}`), sql`, `)})`));
  return rows.map((r) => r.personId);
}
