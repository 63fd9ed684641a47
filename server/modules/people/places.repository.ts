/** Buildings and places of the registry. */
import { and, asc, eq, like } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { rowInScope } from './in-scope.repository.ts';
import { buildings, places } from '../../db/schema.ts';

export type BuildingRow = typeof buildings.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;

/** Inserts a building. */
export async function insertBuilding(ex: Executor, row: BuildingRow): Promise<void> {
  await ex.insert(buildings).values(row);
}

/** A grid's buildings by name. */
export function buildingsOf(ex: Executor, gridCode: string): Promise<BuildingRow[]> {
  return ex.select().from(buildings).where(eq(buildings.gridCode, gridCode)).orderBy(asc(buildings.name));
}

/** Inserts a place. */
export async function insertPlace(ex: Executor, row: PlaceRow): Promise<void> {
  await ex.insert(places).values(row);
}

/** The places under a prefix (a grid, village, township or scope), of one kind if given; at most 1,000. */
export function placesOf(ex: Executor, prefix: string, kind?: string): Promise<PlaceRow[]> {
  return ex.select().from(places).where(and(like(places.gridCode, `${prefix}%`), kind ? eq(places.kind, kind) : undefined)).orderBy(asc(places.gridCode), asc(places.kind), asc(places.name)).limit(1000);
}

/** A place under a region prefix, or undefined. */
export async function placeInScope(ex: Executor, id: string, prefix: string): Promise<PlaceRow | undefined> {
  return rowInScope(ex, places, id, prefix, false);
}

/** A building under a region prefix, held for the transaction. */
export async function buildingForUpdate(ex: Executor, id: string, prefix: string): Promise<BuildingRow | undefined> {
  return rowInScope(ex, buildings, id, prefix, true);
}

/** A place under a region prefix, held for the transaction. */
export async function placeForUpdate(ex: Executor, id: string, prefix: string): Promise<PlaceRow | undefined> {
  return rowInScope(ex, places, id, prefix, true);
}

/** Writes a building's fields. */
export async function updateBuilding(ex: Executor, { countyCode, id, ...set }: BuildingRow): Promise<void> {
  await ex.update(buildings).set(set).where(and(eq(buildings.countyCode, countyCode), eq(buildings.id, id)));
}

/** Writes a place's fields. */
export async function updatePlace(ex: Executor, { countyCode, id, ...set }: PlaceRow): Promise<void> {
  await ex.update(places).set(set).where(and(eq(places.countyCode, countyCode), eq(places.id, id)));
}
