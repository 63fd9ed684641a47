/** Reads behind 一日一巡 compliance: the daily rollup, the grids and the names to show. */
import { and, eq, gt, gte, inArray, like, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { grids, householdRiskCurrent, households, patrolStatsDaily as s, regions, users } from '../../db/schema.ts';

const inCounty = (col: typeof s.countyCode | typeof grids.countyCode | typeof householdRiskCurrent.countyCode, prefix: string) => (prefix.length >= 6 ? eq(col, prefix.slice(0, 6)) : like(col, `${prefix}%`));

/** The rollup rows of grids under the prefix between two China days (inclusive). */
export function patrolDays(ex: Executor, prefix: string, from: string, to: string) {
  return ex.select({ gridCode: s.gridCode, userId: s.userId, day: s.day, patrols: s.patrols, ended: s.ended, minutes: s.minutes, distanceM: s.distanceM, findings: s.findings }).from(s).where(and(inCounty(s.countyCode, prefix), like(s.gridCode, `${prefix}%`), gte(s.day, from), lte(s.day, to)));
}

/** The grids under the prefix, with their names. */
export function gridsUnder(ex: Executor, prefix: string) {
  return ex.select({ code: grids.code, name: grids.name }).from(grids).where(and(inCounty(grids.countyCode, prefix), like(grids.code, `${prefix}%`))).orderBy(grids.code);
}

/** Display names of accounts. */
export async function userNames(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  return new Map((await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))).map((u) => [u.id, u.name]));
}

/** Names of regions. */
export async function regionNames(ex: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  return new Map((await ex.select({ code: regions.code, name: regions.name }).from(regions).where(inArray(regions.code, codes))).map((r) => [r.code, r.name]));
}

/** The window's patrol totals under the prefix. */
export async function patrolTotals(ex: Executor, prefix: string, from: string, to: string) {
  const [row] = await ex
    .select({ patrols: sql<number>`coalesce(sum(${s.patrols}), 0)::int`, ended: sql<number>`coalesce(sum(${s.ended}), 0)::int`, minutes: sql<number>`coalesce(sum(${s.minutes}), 0)::int`, distanceM: sql<number>`coalesce(sum(${s.distanceM}), 0)::bigint`, findings: sql<number>`coalesce(sum(${s.findings}), 0)::int` })
    .from(s)
    .where(and(inCounty(s.countyCode, prefix), like(s.gridCode, `${prefix}%`), gte(s.day, from), lte(s.day, to)));
  return { ...row!, distanceM: Number(row!.distanceM) };
}

/** Grid-days with an ended patrol, and grids, per child region of the prefix (`childLength` digits of the grid code). */
export async function gridDaysByChild(ex: Executor, prefix: string, childLength: number, from: string, to: string) {
  // The length goes into the text (an integer of ours, checked), so SELECT and GROUP BY hold the same expression.
  if (!Number.isInteger(childLength) || childLength < 1 || childLength > 15) throw new Error(`bad child length ${childLength}`);
  const len = sql.raw(String(childLength));
  const child = sql<string>`substr(${s.gridCode}, 1, ${len})`;
  const patrolled = await ex
    .select({ child, gridDays: sql<number>`count(DISTINCT ${s.gridCode} || ${s.day}::text)::int` })
    .from(s)
    .where(and(inCounty(s.countyCode, prefix), like(s.gridCode, `${prefix}%`), gte(s.day, from), lte(s.day, to), gt(s.ended, 0)))
    .groupBy(child);
  const gChild = sql<string>`substr(${grids.code}, 1, ${len})`;
  const gridCounts = await ex.select({ child: gChild, grids: sql<number>`count(*)::int` }).from(grids).where(and(inCounty(grids.countyCode, prefix), like(grids.code, `${prefix}%`))).groupBy(gChild);
  return { patrolled, gridCounts };
}

/** Assessed households under the prefix by current risk level. */
export async function riskLevels(ex: Executor, prefix: string) {
  return ex
    .select({ level: householdRiskCurrent.level, n: sql<number>`count(*)::int` })
    .from(householdRiskCurrent)
    .innerJoin(households, and(eq(households.countyCode, householdRiskCurrent.countyCode), eq(households.id, householdRiskCurrent.householdId)))
    .where(and(inCounty(householdRiskCurrent.countyCode, prefix), like(households.gridCode, `${prefix}%`)))
    .groupBy(householdRiskCurrent.level);
}
