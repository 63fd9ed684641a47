/**
 * Monthly KPI rollups: a finished month's daily rows (case_stats_daily, case_first_response_hist) folded into one
 * row per village, and the reads the dashboard makes of them. Which months are folded is case_kpi_months.
 */
import { and, type AnyColumn, eq, gte, inArray, like, lte, min, sql } from 'drizzle-orm';
import { caseFirstResponseHist, caseFirstResponseHistMonthly, caseKpiMonths, caseStatsDaily, caseStatsMonthly } from '../../db/schema.ts';
import type { Executor, Tx } from '../../db/client.ts';

/** Held by the transaction that folds, so two servers running the job never fold at once (the second skips). */
const FOLD_LOCK = 7263025;

const counters = ['received', 'closed', 'closed_on_time', 'resolved', 'resolved_village', 'resolved_township', 'rated', 'satisfied', 'first_responses'];

/** The folded months (first days) between two months, both included. */
export async function foldedMonths(ex: Executor, fromMonth: string, toMonth: string): Promise<string[]> {
  const rows = await ex.select({ month: caseKpiMonths.month }).from(caseKpiMonths).where(and(gte(caseKpiMonths.month, fromMonth), lte(caseKpiMonths.month, toMonth)));
  return rows.map((r) => r.month);
}

/** The first day with a daily row in either rollup (null when there is none). */
export async function firstDailyDay(ex: Executor): Promise<string | null> {
  const [a] = await ex.select({ d: min(caseStatsDaily.day) }).from(caseStatsDaily);
  const [b] = await ex.select({ d: min(caseFirstResponseHist.day) }).from(caseFirstResponseHist);
  const days = [a?.d, b?.d].filter((d): d is string => !!d);
  return days.length ? days.sort()[0]! : null;
}

/** Takes the fold lock for this transaction; false when another server holds it. */
export async function tryFoldLock(tx: Tx): Promise<boolean> {
  const r = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${FOLD_LOCK}) AS ok`);
  return (r as unknown as { rows: { ok: boolean }[] }).rows[0]?.ok === true;
}

/**
 * Replaces one month's monthly rows (every county) by the sums of its daily rows and lists the month as folded.
 * Run again, it writes the same rows: a month whose daily rows were corrected is folded again the same way.
 */
export async function foldMonth(tx: Tx, month: string, next: string, now: Date): Promise<void> {
  // The reference table first: Citus wants it written before the multi-shard statements of the transaction.
  await tx.execute(sql`INSERT INTO case_kpi_months (month, folded_at) VALUES (${month}, ${now}) ON CONFLICT (month) DO UPDATE SET folded_at = excluded.folded_at`);
  await tx.execute(sql`DELETE FROM case_stats_monthly WHERE month = ${month}`);
  await tx.execute(sql`DELETE FROM case_first_response_hist_monthly WHERE month = ${month}`);
  const cols = sql.raw(counters.join(', '));
  const sums = sql.raw(counters.map((c) => `sum(${c})`).join(', '));
  await tx.execute(sql`INSERT INTO case_stats_monthly (county_code, village_code, month, ${cols})
    SELECT county_code, village_code, ${month}::date, ${sums} FROM case_stats_daily
    WHERE day >= ${month} AND day < ${next} GROUP BY county_code, village_code`);
  await tx.execute(sql`INSERT INTO case_first_response_hist_monthly (county_code, village_code, month, bucket, n)
    SELECT county_code, village_code, ${month}::date, bucket, sum(n) FROM case_first_response_hist
    WHERE day >= ${month} AND day < ${next} GROUP BY county_code, village_code, bucket`);
}

/** For a county or narrower prefix, the county equality that lets the (county_code, month) index serve. */
const countyOf = (prefix: string) => (prefix.length >= 6 ? [eq(caseStatsMonthly.countyCode, prefix.slice(0, 6))] : []);
const inMonths = (prefix: string, months: string[]) => and(like(caseStatsMonthly.villageCode, `${prefix}%`), inArray(caseStatsMonthly.month, months), ...countyOf(prefix));

/** Sums of the monthly counters under a region prefix over whole folded months. */
export async function sumsOfMonths(ex: Executor, prefix: string, months: string[]) {
  const s = (c: AnyColumn) => sql<number>`coalesce(sum(${c}), 0)::int`;
  const m = caseStatsMonthly;
  const [row] = await ex
    .select({ received: s(m.received), closed: s(m.closed), closedOnTime: s(m.closedOnTime), resolved: s(m.resolved), resolvedVillage: s(m.resolvedVillage), resolvedTownship: s(m.resolvedTownship), rated: s(m.rated), satisfied: s(m.satisfied), firstResponses: s(m.firstResponses) })
    .from(m)
    .where(inMonths(prefix, months));
  return row!;
}

/** Per-child-region counts over whole folded months (the child's prefix length given). */
export function byChildOfMonths(ex: Executor, prefix: string, childLen: number, months: string[]) {
  // The length is inlined (an integer from a fixed table): GROUP BY must see the same expression as SELECT.
  const child = sql<string>`substr(${caseStatsMonthly.villageCode}, 1, ${sql.raw(String(Math.trunc(childLen)))})`;
  const m = caseStatsMonthly;
  return ex
    .select({ prefix: child, received: sql<number>`sum(${m.received})::int`, closed: sql<number>`sum(${m.closed})::int`, satisfied: sql<number>`sum(${m.satisfied})::int`, rated: sql<number>`sum(${m.rated})::int` })
    .from(m)
    .where(inMonths(prefix, months))
    .groupBy(child);
}

/** The first-response histogram under a prefix over whole folded months. */
export function firstResponseHistOfMonths(ex: Executor, prefix: string, months: string[]) {
  const h = caseFirstResponseHistMonthly;
  const county = prefix.length >= 6 ? [eq(h.countyCode, prefix.slice(0, 6))] : [];
  return ex
    .select({ bucket: h.bucket, n: sql<number>`sum(${h.n})::int` })
    .from(h)
    .where(and(like(h.villageCode, `${prefix}%`), inArray(h.month, months), ...county))
    .groupBy(h.bucket)
    .orderBy(h.bucket);
}
