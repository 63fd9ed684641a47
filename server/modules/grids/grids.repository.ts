/** I/O for grids, household groups and grid staff. Reads that serve users take the scope prefix. */
import { and, asc, count, eq, gte, ilike, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { grids, gridStaff, householdGroups } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type GridRow = typeof grids.$inferSelect;
export type GroupRow = typeof householdGroups.$inferSelect;
export type StaffRow = typeof gridStaff.$inferSelect;

const brief = { code: grids.code, name: grids.name, villageCode: grids.villageCode, duties: grids.duties };

function underPrefix(prefix: string, q?: string): SQL {
  const where: SQL[] = [like(grids.code, `${prefix}%`)];
  if (q) where.push(or(ilike(grids.name, `%${q}%`), like(grids.code, `%${q}%`))!);
  return and(...where)!;
}

/** A page of grids under a prefix. */
export async function listUnder(ex: Executor, prefix: string, q: string | undefined, limit: number, offset: number) {
  const where = underPrefix(prefix, q);
  const rows = await ex.select(brief).from(grids).where(where).orderBy(asc(grids.code)).limit(limit).offset(offset);
  const [total] = await ex.select({ n: count() }).from(grids).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Geometry of every grid under a prefix (map), capped. */
export async function geometriesUnder(ex: Executor, prefix: string, cap: number) {
  return ex.select({ code: grids.code, name: grids.name, geometry: grids.geometry }).from(grids).where(like(grids.code, `${prefix}%`)).orderBy(asc(grids.code)).limit(cap);
}

/** One grid if it lies under `scopePrefix`. */
export async function findInScope(ex: Executor, code: string, scopePrefix: string): Promise<GridRow | undefined> {
  const [row] = await ex.select().from(grids).where(and(eq(grids.code, code), like(grids.code, `${scopePrefix}%`)));
  return row;
}

/** All codes and polygons (to build the spatial index). */
export async function allPolygons(ex: Executor) {
  return ex.select({ code: grids.code, geometry: grids.geometry }).from(grids);
}

/** Inserts or replaces grids (imports). */
export async function upsertMany(ex: Executor, rows: Omit<GridRow, 'createdAt' | 'updatedAt'>[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await ex
      .insert(grids)
      .values(rows.slice(i, i + 200).map((r) => ({ ...r, createdAt: now, updatedAt: now })))
      .onConflictDoUpdate({
        target: [grids.countyCode, grids.code],
        set: {
          name: sql`excluded.name`,
          geometry: sql`excluded.geometry`,
          minLng: sql`excluded.min_lng`,
          minLat: sql`excluded.min_lat`,
          maxLng: sql`excluded.max_lng`,
          maxLat: sql`excluded.max_lat`,
          updatedAt: now,
        },
      });
  }
}

/** Sets the duty layers of one grid. */
export async function setDuties(ex: Executor, code: string, duties: string[], now: Date): Promise<void> {
  await ex.update(grids).set({ duties, updatedAt: now }).where(eq(grids.code, code));
}

/** Household groups of one grid. */
export async function groupsOf(ex: Executor, gridCode: string): Promise<GroupRow[]> {
  return ex.select().from(householdGroups).where(eq(householdGroups.gridCode, gridCode)).orderBy(asc(householdGroups.name));
}

/** Inserts household groups. */
export async function insertGroups(ex: Executor, rows: GroupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await ex.insert(householdGroups).values(rows.slice(i, i + 500));
}

/** Staff of one grid. */
export async function staffOf(ex: Executor, gridCode: string): Promise<StaffRow[]> {
  return ex.select().from(gridStaff).where(eq(gridStaff.gridCode, gridCode)).orderBy(asc(gridStaff.role), asc(gridStaff.name));
}

/** Inserts staff assignments. */
export async function insertStaff(ex: Executor, rows: StaffRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await ex.insert(gridStaff).values(rows.slice(i, i + 500));
}

/** One staff assignment of one grid. */
export async function findStaff(ex: Executor, gridCode: string, id: string): Promise<StaffRow | undefined> {
  const [row] = await ex.select().from(gridStaff).where(and(eq(gridStaff.gridCode, gridCode), eq(gridStaff.id, id)));
  return row;
}

/** Removes one staff assignment. */
export async function deleteStaff(ex: Executor, id: string): Promise<void> {
  await ex.delete(gridStaff).where(eq(gridStaff.id, id));
}

/** One household group if its grid lies under `scopePrefix`. */
export async function findGroupInScope(ex: Executor, id: string, scopePrefix: string): Promise<GroupRow | undefined> {
  const [row] = await ex.select().from(householdGroups).where(and(eq(householdGroups.id, id), like(householdGroups.gridCode, `${scopePrefix}%`)));
  return row;
}

/** Codes of grids that have at least one household group. */
export async function gridCodesWithGroups(ex: Executor): Promise<string[]> {
  const rows = await ex.selectDistinct({ code: householdGroups.gridCode }).from(householdGroups);
  return rows.map((r) => r.code);
}

/** Accounts linked to a grid's staff in one role (e.g. the village police officer). */
export async function staffUserIds(ex: Executor, gridCode: string, role: string): Promise<string[]> {
  const rows = await ex.select({ id: gridStaff.userId }).from(gridStaff).where(and(eq(gridStaff.gridCode, gridCode), eq(gridStaff.role, role)));
  return rows.map((r) => r.id).filter((x): x is string => !!x);
}

/** Grids whose bounding box meets a box (the resident map's surroundings), capped. */
export function geometriesInBox(ex: Executor, box: [number, number, number, number], cap: number) {
  return ex
    .select({ code: grids.code, name: grids.name, geometry: grids.geometry })
    .from(grids)
    .where(and(lte(grids.minLng, box[2]), gte(grids.maxLng, box[0]), lte(grids.minLat, box[3]), gte(grids.maxLat, box[1])))
    .limit(cap);
}

/** Every grid code under a prefix, with its county and village (for checking imported rows in bulk). */
export function codesUnder(ex: Executor, prefix: string) {
  return ex.select({ code: grids.code, countyCode: grids.countyCode, villageCode: grids.villageCode }).from(grids).where(like(grids.code, `${prefix}%`));
}
