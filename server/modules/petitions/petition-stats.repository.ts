/** The petition statistics rollup (migration 0029): bumped in the transaction that changes a petition, read by the dashboard. */
import { and, eq, gte, like, lte, sql, type SQL } from 'drizzle-orm';
import { petitionCounters, type PetitionCounter, type PetitionDeltas } from '../../../core/petitions/stats.ts';
import { petitionStatsDaily as t } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

const column = (k: PetitionCounter) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Adds deltas to one row (county, place, body, day): an upsert. */
export async function bump(tx: Executor, key: { countyCode: string; regionCode: string; bodyKey: string; day: string }, d: PetitionDeltas): Promise<void> {
  const entries = Object.entries(d).filter(([, v]) => v) as [PetitionCounter, number][];
  if (!entries.length) return;
  const cols = entries.map(([k]) => sql.raw(column(k)));
  const sets = entries.map(([k]) => sql.raw(`${column(k)} = petition_stats_daily.${column(k)} + excluded.${column(k)}`));
  await tx.execute(sql`INSERT INTO petition_stats_daily (county_code, region_code, body_key, day, ${sql.join(cols, sql`, `)})
    VALUES (${key.countyCode}, ${key.regionCode}, ${key.bodyKey}, ${key.day}, ${sql.join(entries.map(([, v]) => sql`${v}`), sql`, `)})
    ON CONFLICT (county_code, region_code, body_key, day) DO UPDATE SET ${sql.join(sets, sql`, `)}`);
}

/** Every counter summed (the select list shared by the reads below). */
const sums = Object.fromEntries(petitionCounters.map((k) => [k, sql<number>`coalesce(sum(${t[k]}), 0)::int`])) as Record<PetitionCounter, SQL<number>>;

/** Rows under a region prefix between two days; a county or narrower prefix also names the county (the index's first column). */
function window(prefix: string, fromDay: string, toDay: string) {
  return and(like(t.regionCode, `${prefix}%`), gte(t.day, fromDay), lte(t.day, toDay), ...(prefix.length >= 6 ? [eq(t.countyCode, prefix.slice(0, 6))] : []));
}

/** The window's totals. */
export async function totals(ex: Executor, prefix: string, fromDay: string, toDay: string): Promise<Record<PetitionCounter, number>> {
  const [row] = await ex.select(sums).from(t).where(window(prefix, fromDay, toDay));
  return row!;
}

/** Registrations per day. */
export function daily(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  return ex.select({ day: t.day, registered: sums.registered }).from(t).where(window(prefix, fromDay, toDay)).groupBy(t.day).orderBy(t.day);
}

/** The window's totals per child region (prefix of the child's length). */
export function byChild(ex: Executor, prefix: string, childLen: number, fromDay: string, toDay: string) {
  // The length is inlined (an integer from a fixed table): GROUP BY must see the same expression as SELECT.
  const child = sql<string>`substr(${t.regionCode}, 1, ${sql.raw(String(Math.trunc(childLen)))})`;
  return ex.select({ prefix: child, ...sums }).from(t).where(window(prefix, fromDay, toDay)).groupBy(child);
}

/** The window's totals per body (rows of registrations, which have no body yet, left out). */
export function byBody(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  return ex.select({ key: t.bodyKey, ...sums }).from(t).where(and(window(prefix, fromDay, toDay), sql`${t.bodyKey} <> ''`)).groupBy(t.bodyKey);
}
