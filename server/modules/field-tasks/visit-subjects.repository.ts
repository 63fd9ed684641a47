/**
 * What the visit rules read, per county (or one subject): households at high or medium safety risk (the field
 * records' `household_risk_current`), active persons with active care records, and the registry's moves into a
 * grid (new arrivals). Reads only; the rows carry grid and village so a task can be placed.
 */
import { and, asc, eq, gt, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import { grids, households, personRecords, persons, petitioners, registryHistory, visitTriggerScans } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import { careKinds } from '../../../core/field/visit-rules.ts';

/** A subject's place. */
export interface Placed {
  id: string;
  gridCode: string;
  villageCode: string;
}


/** Active households of a county at a risk level that needs visits (or one household at any level). */
export async function householdsAtRisk(ex: Executor, countyCode: string, householdId?: string): Promise<(Placed & { level: string })[]> {
  const r = await ex.execute(sql`
    SELECT h.id, h.grid_code, h.village_code, c.level
    FROM households h
    JOIN household_risk_current c ON c.county_code = h.county_code AND c.household_id = h.id
    WHERE h.county_code = ${countyCode} AND h.status = 'active'
      AND ${householdId ? sql`h.id = ${householdId}` : sql`c.level IN ('high', 'medium')`}`);
  return (r as unknown as { rows: Record<string, unknown>[] }).rows.map((x) => ({ id: String(x.id), gridCode: String(x.grid_code), villageCode: String(x.village_code), level: String(x.level) }));
}

/** One household's place (active or not). */
export async function householdPlace(ex: Executor, countyCode: string, id: string): Promise<(Placed & { active: boolean }) | undefined> {
  const [h] = await ex.select({ id: households.id, gridCode: households.gridCode, villageCode: households.villageCode, status: households.status }).from(households).where(and(eq(households.countyCode, countyCode), eq(households.id, id)));
  return h && { id: h.id, gridCode: h.gridCode, villageCode: h.villageCode, active: h.status === 'active' };
}

/** Active persons of a county (or one person) with their active care records (categories still encrypted where sensitive). */
export async function personsUnderCare(ex: Executor, countyCode: string, personId?: string) {
  return ex
    .select({ person: { id: persons.id, gridCode: persons.gridCode, villageCode: persons.villageCode }, record: personRecords })
    .from(personRecords)
    .innerJoin(persons, and(eq(persons.countyCode, personRecords.countyCode), eq(persons.id, personRecords.personId)))
    .where(and(eq(personRecords.countyCode, countyCode), eq(personRecords.active, true), inArray(personRecords.kind, [...careKinds]), eq(persons.status, 'active'), personId ? eq(persons.id, personId) : undefined))
    .orderBy(asc(persons.id));
}

/**
 * Households moved into a grid since `since` that the generator has not taken up (new arrivals; reference
 * `rh:<id>`), oldest first, at most `limit`. A household's creation does not count: registering the existing
 * population (an import, the first survey) would flood the workers with visits, and the registry cannot tell a
 * newcomer's first registration from a census entry.
 */
export async function arrivalsUnscanned(ex: Executor, countyCode: string, since: Date, limit: number) {
  return ex
    .select({ id: registryHistory.id, objectId: registryHistory.objectId, at: registryHistory.at })
    .from(registryHistory)
    .where(and(
      eq(registryHistory.countyCode, countyCode),
      eq(registryHistory.objectType, 'household'),
      eq(registryHistory.event, 'moved'),
      gt(registryHistory.at, since),
      notExists(ex.select({ one: sql`1` }).from(visitTriggerScans).where(and(eq(visitTriggerScans.countyCode, registryHistory.countyCode), eq(visitTriggerScans.ref, sql`'rh:' || ${registryHistory.id}`)))),
    ))
    .orderBy(asc(registryHistory.at), asc(registryHistory.id))
    .limit(limit);
}

/**
 * Petitioners linked to a registry person (matched by ID number when the petition was registered) since `since`
 * that the generator has not taken up (reference `pt:<petition>:<person>`), oldest first, at most `limit`. Taken up
 * once: a petition merged into a visit that was open then does not come back as a new visit once that one is done.
 */
export async function petitionersUnscanned(ex: Executor, countyCode: string, since: Date, limit: number) {
  return ex
    .select({ petitionId: petitioners.petitionId, personId: petitioners.personId, at: petitioners.createdAt })
    .from(petitioners)
    .where(and(
      eq(petitioners.countyCode, countyCode),
      isNotNull(petitioners.personId),
      gt(petitioners.createdAt, since),
      notExists(ex.select({ one: sql`1` }).from(visitTriggerScans).where(and(eq(visitTriggerScans.countyCode, petitioners.countyCode), eq(visitTriggerScans.ref, sql`'pt:' || ${petitioners.petitionId} || ':' || ${petitioners.personId}`)))),
    ))
    .orderBy(asc(petitioners.createdAt), asc(petitioners.id))
    .limit(limit);
}

/** One person's place (active or not). */
export async function personPlace(ex: Executor, countyCode: string, id: string): Promise<(Placed & { active: boolean }) | undefined> {
  const [p] = await ex.select({ id: persons.id, gridCode: persons.gridCode, villageCode: persons.villageCode, status: persons.status }).from(persons).where(and(eq(persons.countyCode, countyCode), eq(persons.id, id)));
  return p && { id: p.id, gridCode: p.gridCode, villageCode: p.villageCode, active: p.status === 'active' };
}

/** Every county with grids (the generator's walk). */
export async function countiesWithGrids(ex: Executor): Promise<string[]> {
  const rows = await ex.selectDistinct({ county: grids.countyCode }).from(grids).orderBy(asc(grids.countyCode));
  return rows.map((r) => r.county);
}
