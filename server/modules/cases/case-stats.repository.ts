/** KPI rollups: counters per county, village and day, bumped in the transaction that changes a case. */
import { and, eq, gte, like, lte, sql } from 'drizzle-orm';
import { caseStatsDaily } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type StatDeltas = Partial<Record<'received' | 'closed' | 'closedOnTime' | 'resolved' | 'resolvedVillage' | 'resolvedTownship' | 'rated' | 'satisfied' | 'firstResponses', number>>;

const columns = { received: 'received', closed: 'closed', closedOnTime: 'closed_on_time', resolved: 'resolved', resolvedVillage: 'resolved_village', resolvedTownship: 'resolved_township', rated: 'rated', satisfied: 'satisfied', firstResponses: 'first_responses' } as const;

/** Adds deltas to one day's row (an upsert: one row per county, village and day). */
export async function bump(tx: Executor, countyCode: string, villageCode: string, day: string, d: StatDeltas): Promise<void> {
  const entries = Object.entries(d).filter(([, v]) => v) as [keyof typeof columns, number][];
  if (!entries.length) return;
  const cols = entries.map(([k]) => sql.raw(columns[k]));
  const vals = entries.map(([, v]) => sql`${v}`);
  const sets = entries.map(([k]) => sql.raw(`${columns[k]} = case_stats_daily.${columns[k]} + excluded.${columns[k]}`));
  await tx.execute(sql`INSERT INTO case_stats_daily (county_code, village_code, day, ${sql.join(cols, sql`, `)})
    VALUES (${countyCode}, ${villageCode}, ${day}, ${sql.join(vals, sql`, `)})
    ON CONFLICT (county_code, village_code, day) DO UPDATE SET ${sql.join(sets, sql`, `)}`);
}

/** Adds received reports to many days' rows in one upsert, in key order so concurrent batches lock rows alike. */
export async function addReceived(tx: Executor, rows: { countyCode: string; villageCode: string; day: string; n: number }[]): Promise<void> {
  const sorted = [...rows].sort((a, b) => (a.countyCode + a.villageCode + a.day < b.countyCode + b.villageCode + b.day ? -1 : 1));
  if (!sorted.length) return;
  await tx.execute(sql`INSERT INTO case_stats_daily (county_code, village_code, day, received)
    VALUES ${sql.join(sorted.map((r) => sql`(${r.countyCode}, ${r.villageCode}, ${r.day}, ${r.n})`), sql`, `)}
    ON CONFLICT (county_code, village_code, day) DO UPDATE SET received = case_stats_daily.received + excluded.received`);
}

/** Adds one first response to its minute bucket. */
export async function bumpFirstResponse(tx: Executor, countyCode: string, villageCode: string, day: string, bucket: number): Promise<void> {
  await tx.execute(sql`INSERT INTO case_first_response_hist (county_code, village_code, day, bucket, n) VALUES (${countyCode}, ${villageCode}, ${day}, ${bucket}, 1)
    ON CONFLICT (county_code, village_code, day, bucket) DO UPDATE SET n = case_first_response_hist.n + 1`);
}

/** Moves the open-overdue counter of a village. */
export async function bumpOverdue(tx: Executor, countyCode: string, villageCode: string, delta: number): Promise<void> {
  await tx.execute(sql`INSERT INTO case_overdue_now (county_code, village_code, n) VALUES (${countyCode}, ${villageCode}, ${delta})
    ON CONFLICT (county_code, village_code) DO UPDATE SET n = case_overdue_now.n + excluded.n`);
}

/** For a county or narrower prefix, the county equality that lets the (county_code, day) index serve. */
const countyOf = (prefix: string) => (prefix.length >= 6 ? [eq(caseStatsDaily.countyCode, prefix.slice(0, 6))] : []);

/** Sums of the daily counters under a region prefix and between two days. */
export async function sums(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  const where = and(like(caseStatsDaily.villageCode, `${prefix}%`), gte(caseStatsDaily.day, fromDay), lte(caseStatsDaily.day, toDay), ...countyOf(prefix));
  const [row] = await ex
    .select({
      received: sql<number>`coalesce(sum(${caseStatsDaily.received}), 0)::int`,
      closed: sql<number>`coalesce(sum(${caseStatsDaily.closed}), 0)::int`,
      closedOnTime: sql<number>`coalesce(sum(${caseStatsDaily.closedOnTime}), 0)::int`,
      resolved: sql<number>`coalesce(sum(${caseStatsDaily.resolved}), 0)::int`,
      resolvedVillage: sql<number>`coalesce(sum(${caseStatsDaily.resolvedVillage}), 0)::int`,
      resolvedTownship: sql<number>`coalesce(sum(${caseStatsDaily.resolvedTownship}), 0)::int`,
      rated: sql<number>`coalesce(sum(${caseStatsDaily.rated}), 0)::int`,
      satisfied: sql<number>`coalesce(sum(${caseStatsDaily.satisfied}), 0)::int`,
      firstResponses: sql<number>`coalesce(sum(${caseStatsDaily.firstResponses}), 0)::int`,
    })
    .from(caseStatsDaily)
    .where(where);
  return row!;
}

/** Daily received and closed counts under a prefix (trend chart). */
export function daily(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  return ex
    .select({ day: caseStatsDaily.day, received: sql<number>`sum(${caseStatsDaily.received})::int`, closed: sql<number>`sum(${caseStatsDaily.closed})::int` })
    .from(caseStatsDaily)
    .where(and(like(caseStatsDaily.villageCode, `${prefix}%`), gte(caseStatsDaily.day, fromDay), lte(caseStatsDaily.day, toDay), ...countyOf(prefix)))
    .groupBy(caseStatsDaily.day)
    .orderBy(caseStatsDaily.day);
}

/** Per-child-region received and closed counts (the child's prefix length given). */
export async function byChild(ex: Executor, prefix: string, childLen: number, fromDay: string, toDay: string) {
  // The length is inlined (an integer from a fixed table): GROUP BY must see the same expression as SELECT.
  const child = sql<string>`substr(${caseStatsDaily.villageCode}, 1, ${sql.raw(String(Math.trunc(childLen)))})`;
  return ex
    .select({ prefix: child, received: sql<number>`sum(${caseStatsDaily.received})::int`, closed: sql<number>`sum(${caseStatsDaily.closed})::int`, satisfied: sql<number>`sum(${caseStatsDaily.satisfied})::int`, rated: sql<number>`sum(${caseStatsDaily.rated})::int` })
    .from(caseStatsDaily)
    .where(and(like(caseStatsDaily.villageCode, `${prefix}%`), gte(caseStatsDaily.day, fromDay), lte(caseStatsDaily.day, toDay), ...countyOf(prefix)))
    .groupBy(child);
}

/** First-response histogram under a prefix. */
export async function firstResponseHist(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  const county = prefix.length >= 6 ? sql`AND county_code = ${prefix.slice(0, 6)}` : sql``;
  const r = await ex.execute(sql`SELECT bucket, sum(n)::int AS n FROM case_first_response_hist
    WHERE village_code LIKE ${prefix + '%'} ${county} AND day BETWEEN ${fromDay} AND ${toDay} GROUP BY bucket ORDER BY bucket`);
  return (r as unknown as { rows: { bucket: number; n: number }[] }).rows;
}

/** Open overdue cases under a prefix now. */
export async function overdueNow(ex: Executor, prefix: string): Promise<number> {
  const r = await ex.execute(sql`SELECT coalesce(sum(n), 0)::int AS n FROM case_overdue_now WHERE village_code LIKE ${prefix + '%'}`);
  return (r as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
