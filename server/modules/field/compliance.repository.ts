/** Reads behind 一日一巡 compliance: the daily rollup, the grids and the names to show. */
import { and, eq, gte, inArray, like, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { grids, patrolStatsDaily as s, regions, users } from '../../db/schema.ts';

const inCounty = (col: typeof s.countyCode | typeof grids.countyCode, prefix: string) => (prefix.length >= 6 ? eq(col, prefix.slice(0, 6)) : like(col, `${prefix}%`));

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
