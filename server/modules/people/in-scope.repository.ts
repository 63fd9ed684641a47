/**
 * Reading one registry row by id under a scope prefix, optionally locked. On Citus a row lock must name the
 * county (a lock over every shard is refused), so the county is taken from a prefix of a county or below, or read
 * first for a wider scope (a prefecture's); naming it also keeps a plain read on one shard.
 */
import { and, eq, like } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { countyOf } from '../../../core/region-code.ts';

/** A registry table keyed by (county_code, id) with a grid code. */
type ScopedTable = PgTable & { countyCode: PgColumn; id: PgColumn; gridCode: PgColumn };

/** The row `id` of `table` under `prefix`, or undefined (outside the scope reads as missing); `lock` holds it. */
export async function rowInScope<T extends ScopedTable>(ex: Executor, table: T, id: string, prefix: string, lock: boolean): Promise<T['$inferSelect'] | undefined> {
  const under = and(eq(table.id, id), like(table.gridCode, `${prefix}%`));
  let county = prefix.length >= 6 ? countyOf(prefix) : undefined;
  if (!county && lock) {
    const [found] = await ex.select({ county: table.countyCode }).from(table as PgTable).where(under);
    if (!found) return undefined;
    county = found.county as string;
  }
  const q = ex.select().from(table as PgTable).where(and(county ? eq(table.countyCode, county) : undefined, under));
  const [row] = lock ? await q.for('update') : await q;
  return row as T['$inferSelect'] | undefined;
}
