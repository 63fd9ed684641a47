/** Dwellings of buildings, rental registrations and tenancies. */
import { and, asc, desc, eq, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { rowInScope } from './in-scope.repository.ts';
import { buildings, dwellings, persons, tenancies } from '../../db/schema.ts';

export type DwellingRow = typeof dwellings.$inferSelect;
export type TenancyRow = typeof tenancies.$inferSelect;

/** A building under a region prefix, or undefined (outside the scope reads as missing). */
export async function buildingInScope(ex: Executor, id: string, prefix: string) {
  const [row] = await ex.select().from(buildings).where(and(eq(buildings.id, id), like(buildings.gridCode, `${prefix}%`)));
  return row;
}

/** Inserts a dwelling. */
export async function insertDwelling(ex: Executor, row: DwellingRow): Promise<void> {
  await ex.insert(dwellings).values(row);
}

/** A dwelling under a region prefix, or undefined; `lock` holds it for the transaction. */
export async function dwellingInScope(ex: Executor, id: string, prefix: string, lock = false): Promise<DwellingRow | undefined> {
  return rowInScope(ex, dwellings, id, prefix, lock);
}

/** A building's dwellings by label. */
export function dwellingsOfBuilding(ex: Executor, countyCode: string, buildingId: string): Promise<DwellingRow[]> {
  return ex.select().from(dwellings).where(and(eq(dwellings.countyCode, countyCode), eq(dwellings.buildingId, buildingId))).orderBy(asc(dwellings.label));
}

/** A grid's rental dwellings with their building's name and the number of current tenants. */
export function rentalsOfGrid(ex: Executor, gridCode: string) {
  return ex
    .select({ d: dwellings, buildingName: buildings.name, tenants: sql<number>`(SELECT count(*)::int FROM tenancies t WHERE t.county_code = ${dwellings.countyCode} AND t.dwelling_id = ${dwellings.id} AND t.ended_at IS NULL)` })
    .from(dwellings)
    .leftJoin(buildings, and(eq(buildings.countyCode, dwellings.countyCode), eq(buildings.id, dwellings.buildingId)))
    .where(and(eq(dwellings.gridCode, gridCode), eq(dwellings.isRental, true)))
    .orderBy(asc(buildings.name), asc(dwellings.label));
}

/** Writes a dwelling's rental registration (optimistic: the version read must still be current). */
export async function setRental(ex: Executor, d: DwellingRow, set: Pick<DwellingRow, 'isRental' | 'rentalUse' | 'rentalRegisteredOn' | 'landlordPersonId' | 'landlordEnc' | 'landlordNameMask' | 'landlordPhoneMask' | 'landlordIdHash'>, now: Date): Promise<boolean> {
  const r = await ex.update(dwellings).set({ ...set, updatedAt: now, version: d.version + 1 }).where(and(eq(dwellings.countyCode, d.countyCode), eq(dwellings.id, d.id), eq(dwellings.version, d.version))).returning({ id: dwellings.id });
  return r.length === 1;
}

/** Inserts a tenancy. */
export async function insertTenancy(ex: Executor, row: TenancyRow): Promise<void> {
  await ex.insert(tenancies).values(row);
}

/** A person's current tenancy, if any. */
export async function currentTenancy(ex: Executor, countyCode: string, personId: string): Promise<TenancyRow | undefined> {
  const [row] = await ex.select().from(tenancies).where(and(eq(tenancies.countyCode, countyCode), eq(tenancies.personId, personId), isNull(tenancies.endedAt)));
  return row;
}

/** Ends a tenancy. */
export async function endTenancy(ex: Executor, t: TenancyRow, until: string, now: Date): Promise<void> {
  await ex.update(tenancies).set({ until, endedAt: now }).where(and(eq(tenancies.countyCode, t.countyCode), eq(tenancies.id, t.id)));
}

/** The tenancies of some dwellings (current first, then the latest ended), each with its person. */
export function tenanciesOf(ex: Executor, countyCode: string, dwellingIds: string[]) {
  if (!dwellingIds.length) return Promise.resolve([]);
  return ex
    .select({ t: tenancies, p: persons })
    .from(tenancies)
    .innerJoin(persons, and(eq(persons.countyCode, tenancies.countyCode), eq(persons.id, tenancies.personId)))
    .where(and(eq(tenancies.countyCode, countyCode), sql`${tenancies.dwellingId} = ANY(${sql.param(dwellingIds)}::uuid[])`))
    .orderBy(sql`${tenancies.endedAt} IS NOT NULL`, desc(tenancies.since));
}

/** Sets or clears the dwelling a person lives in. */
export async function setPersonDwelling(ex: Executor, countyCode: string, personId: string, dwellingId: string | null, move: { gridCode: string } | undefined, now: Date): Promise<void> {
  await ex
    .update(persons)
    .set({ dwellingId, ...(move ? { gridCode: move.gridCode, villageCode: move.gridCode.slice(0, 12) } : {}), updatedAt: now, version: sql`${persons.version} + 1` })
    .where(and(eq(persons.countyCode, countyCode), eq(persons.id, personId)));
}

/** Clears the copied masks and lookup hash of a purged landlord from the dwellings they let. */
export async function forgetLandlord(ex: Executor, countyCode: string, personId: string, now: Date): Promise<void> {
  await ex.update(dwellings).set({ landlordNameMask: '*', landlordPhoneMask: null, landlordIdHash: null, updatedAt: now, version: sql`${dwellings.version} + 1` }).where(and(eq(dwellings.countyCode, countyCode), eq(dwellings.landlordPersonId, personId)));
}
