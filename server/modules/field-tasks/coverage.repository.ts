/**
 * The reads of the coverage report (无人脱管、无人漏管) under a region prefix: persons under care and households at
 * risk, their open visit tasks, which grids have a linked grid worker, explicit care assignments, and the names of
 * grids and regions. Live queries: a county's people under care number in the hundreds or low thousands.
 */
import { and, eq, inArray, isNotNull, like, sql } from 'drizzle-orm';
import { careAssignments, grids, gridStaff, personRecords, persons, regions, users, visitTasks } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import { careKinds } from '../../../core/field/visit-rules.ts';

/** The county filter of a prefix of a county or below (one shard), none for a wider scope. */
const countyOf = (prefix: string) => (prefix.length >= 6 ? prefix.slice(0, 6) : undefined);

/** Active persons with an active care record under the prefix, with the kinds of their records. */
export async function personsUnderCare(ex: Executor, prefix: string): Promise<{ countyCode: string; id: string; gridCode: string; label: string; kinds: string[] }[]> {
  const county = countyOf(prefix);
  const rows = await ex
    .select({ countyCode: persons.countyCode, id: persons.id, gridCode: persons.gridCode, label: persons.nameMask, kinds: sql<string[]>`array_agg(DISTINCT ${personRecords.kind})` })
    .from(persons)
    .innerJoin(personRecords, and(eq(personRecords.countyCode, persons.countyCode), eq(personRecords.personId, persons.id)))
    .where(and(county ? eq(persons.countyCode, county) : undefined, like(persons.gridCode, `${prefix}%`), eq(persons.status, 'active'), eq(personRecords.active, true), inArray(personRecords.kind, [...careKinds])))
    .groupBy(persons.countyCode, persons.id, persons.gridCode, persons.nameMask);
  return rows;
}

/** Active households at high or medium risk under the prefix (the field records' current level). */
export async function householdsAtRisk(ex: Executor, prefix: string): Promise<{ countyCode: string; id: string; gridCode: string; label: string; level: string }[]> {
  const county = countyOf(prefix);
  const r = await ex.execute(sql`
    SELECT h.county_code, h.id, h.grid_code, h.address, c.level
    FROM households h JOIN household_risk_current c ON c.county_code = h.county_code AND c.household_id = h.id
    WHERE ${county ? sql`h.county_code = ${county} AND ` : sql``}h.grid_code LIKE ${prefix + '%'} AND h.status = 'active' AND c.level IN ('high', 'medium')`);
  return (r as unknown as { rows: Record<string, string>[] }).rows.map((x) => ({ countyCode: x.county_code!, id: x.id!, gridCode: x.grid_code!, label: x.address!, level: x.level! }));
}

/** Open visit tasks under the prefix: per subject, the earliest due day and its assignee. */
export async function openTasks(ex: Executor, prefix: string): Promise<{ subjectType: string; subjectId: string; dueOn: string; assigneeId: string | null }[]> {
  const county = countyOf(prefix);
  return ex
    .select({ subjectType: visitTasks.subjectType, subjectId: visitTasks.subjectId, dueOn: visitTasks.dueOn, assigneeId: visitTasks.assigneeId })
    .from(visitTasks)
    .where(and(county ? eq(visitTasks.countyCode, county) : undefined, like(visitTasks.gridCode, `${prefix}%`), eq(visitTasks.status, 'open')));
}

/** Grids under the prefix with a grid worker linked to an enabled account. */
export async function gridsWithWorker(ex: Executor, prefix: string): Promise<Set<string>> {
  const county = countyOf(prefix);
  const rows = await ex
    .selectDistinct({ grid: gridStaff.gridCode })
    .from(gridStaff)
    .innerJoin(users, eq(users.id, gridStaff.userId))
    .where(and(county ? eq(gridStaff.countyCode, county) : undefined, like(gridStaff.gridCode, `${prefix}%`), eq(gridStaff.role, 'gridWorker'), isNotNull(gridStaff.userId), eq(users.disabled, false)));
  return new Set(rows.map((r) => r.grid));
}

/** Persons under the prefix with an explicit care assignment to an enabled account. */
export async function assignedPersons(ex: Executor, prefix: string): Promise<Set<string>> {
  const county = countyOf(prefix);
  const rows = await ex
    .select({ id: careAssignments.personId })
    .from(careAssignments)
    .innerJoin(users, eq(users.id, careAssignments.userId))
    .innerJoin(persons, and(eq(persons.countyCode, careAssignments.countyCode), eq(persons.id, careAssignments.personId)))
    .where(and(county ? eq(careAssignments.countyCode, county) : undefined, like(persons.gridCode, `${prefix}%`), eq(users.disabled, false)));
  return new Set(rows.map((r) => r.id));
}

/** Names of grids and regions by code. */
export async function placeNames(ex: Executor, gridCodes: string[], regionCodes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (gridCodes.length) for (const g of await ex.select({ code: grids.code, name: grids.name }).from(grids).where(inArray(grids.code, gridCodes))) out.set(g.code, g.name);
  if (regionCodes.length) for (const r of await ex.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, regionCodes))) out.set(r.code, r.name);
  return out;
}
