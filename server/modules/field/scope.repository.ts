/**
 * One row by id under a region prefix, for the field records and the registry rows they name: a row outside the
 * prefix is not found, exactly like a missing one. A prefix of a county or below names the county, so the read
 * stays on one shard; a wider scope (a prefecture's leader) reads the matching counties. Never a lock: a writer
 * locks again by (county, id).
 */
import { and, eq, like } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { householdAssessments, households, patrols, persons, visitRecords } from '../../db/schema.ts';

type Placed = PgTable & { countyCode: PgColumn; id: PgColumn; gridCode: PgColumn };

async function under<T extends Placed>(ex: Executor, table: T, id: string, prefix: string): Promise<T['$inferSelect'] | undefined> {
  const county = prefix.length >= 6 ? eq(table.countyCode, prefix.slice(0, 6)) : undefined;
  const [row] = await ex.select().from(table as PgTable).where(and(county, eq(table.id, id), like(table.gridCode, `${prefix}%`)));
  return row as T['$inferSelect'] | undefined;
}

/** A patrol under the prefix. */
export const patrolUnder = (ex: Executor, id: string, prefix: string) => under(ex, patrols, id, prefix);
/** A visit under the prefix. */
export const visitUnder = (ex: Executor, id: string, prefix: string) => under(ex, visitRecords, id, prefix);
/** An assessment under the prefix. */
export const assessmentUnder = (ex: Executor, id: string, prefix: string) => under(ex, householdAssessments, id, prefix);
/** A household of the registry under the prefix. */
export const householdUnder = (ex: Executor, id: string, prefix: string) => under(ex, households, id, prefix);
/** A person of the registry under the prefix. */
export const personUnder = (ex: Executor, id: string, prefix: string) => under(ex, persons, id, prefix);
