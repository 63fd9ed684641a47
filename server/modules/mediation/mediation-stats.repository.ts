/** The mediation statistics rollups (migration 0032): bumped in the transaction of a dispute's event, read by the dashboard, the subsidies and the ranking. */
import { and, eq, gte, inArray, like, lte, sql, type SQL } from 'drizzle-orm';
import { disputeCounters, mediatorCounters, type DisputeCounter, type DisputeDeltas, type MediatorCounter, type MediatorDeltas } from '../../../core/mediation/stats.ts';
import { disputeMediatorStatsDaily as m, disputeStatsDaily as t, mediationCommittees as committees, mediationRooms as rooms, mediationSubsidyRates as rates, mediators as mediatorsT } from '../../db/schema.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';

/** The key of one row of dispute_stats_daily. */
export interface DisputeStatKey { countyCode: string; regionCode: string; committeeId: string; roomKey: string; category: string; day: string }

/** Adds to one row of a rollup: an upsert. Counter names are fixed identifiers of core/mediation/stats.ts. */
async function upsert(tx: Executor, table: string, keys: Record<string, string>, d: Record<string, number | undefined>): Promise<void> {
  const entries = Object.entries(d).filter(([, v]) => v) as [string, number][];
  if (!entries.length) return;
  const keyCols = Object.keys(keys);
  const cols = [...keyCols, ...entries.map(([k]) => k)].map((c) => sql.raw(c));
  const values = [...keyCols.map((k) => sql`${keys[k]}`), ...entries.map(([, v]) => sql`${v}`)];
  const sets = entries.map(([k]) => sql.raw(`${k} = ${table}.${k} + excluded.${k}`));
  await tx.execute(sql`INSERT INTO ${sql.raw(table)} (${sql.join(cols, sql`, `)}) VALUES (${sql.join(values, sql`, `)})
    ON CONFLICT (${sql.raw(keyCols.join(', '))}) DO UPDATE SET ${sql.join(sets, sql`, `)}`);
}

/** Adds deltas to one row of dispute_stats_daily. */
export function bump(tx: Executor, k: DisputeStatKey, d: DisputeDeltas): Promise<void> {
  return upsert(tx, 'dispute_stats_daily', { county_code: k.countyCode, region_code: k.regionCode, committee_id: k.committeeId, room_key: k.roomKey, category: k.category, day: k.day }, d);
}

/** Adds deltas to one mediator's row of dispute_mediator_stats_daily. */
export function bumpMediator(tx: Executor, k: { countyCode: string; regionCode: string; mediatorId: string; category: string; day: string }, d: MediatorDeltas): Promise<void> {
  return upsert(tx, 'dispute_mediator_stats_daily', { county_code: k.countyCode, region_code: k.regionCode, mediator_id: k.mediatorId, category: k.category, day: k.day }, d);
}

const sums = Object.fromEntries(disputeCounters.map((k) => [k, sql<number>`coalesce(sum(${t[k]}), 0)::int`])) as Record<DisputeCounter, SQL<number>>;
const mSums = Object.fromEntries(mediatorCounters.map((k) => [k, sql<number>`coalesce(sum(${m[k]}), 0)::int`])) as Record<MediatorCounter, SQL<number>>;

/** A region prefix (a county or narrower names the county, the indexes' first column) and an optional day window. */
function where(tbl: typeof t | typeof m, prefix: string, fromDay: string | null, toDay: string) {
  return and(like(tbl.regionCode, `${prefix}%`), ...(fromDay ? [gte(tbl.day, fromDay)] : []), lte(tbl.day, toDay), ...(prefix.length >= 6 ? [eq(tbl.countyCode, prefix.slice(0, 6))] : []));
}

/** The window's totals. */
export async function totals(ex: Executor, prefix: string, fromDay: string, toDay: string): Promise<Record<DisputeCounter, number>> {
  const [row] = await ex.select(sums).from(t).where(where(t, prefix, fromDay, toDay));
  return row!;
}

/** Disputes registered by the last day and not yet ended (all history up to it). */
export async function inProgress(ex: Executor, prefix: string, toDay: string): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`coalesce(sum(${t.registered} - ${t.concluded}), 0)::int` }).from(t).where(where(t, prefix, null, toDay));
  return row!.n;
}

/** The window's totals per committee, room and category (the service groups them into its views). */
export function byCommitteeRoomCategory(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  return ex.select({ committeeId: t.committeeId, roomKey: t.roomKey, category: t.category, ...sums }).from(t).where(where(t, prefix, fromDay, toDay)).groupBy(t.committeeId, t.roomKey, t.category);
}

/** Per day: registered, mediated, agreed. */
export function daily(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  return ex.select({ day: t.day, registered: sums.registered, mediated: sums.mediated, agreed: sums.agreed }).from(t).where(where(t, prefix, fromDay, toDay)).groupBy(t.day).orderBy(t.day);
}

/** The window's counts per mediator and category. */
export function byMediatorCategory(ex: Executor, prefix: string, fromDay: string, toDay: string) {
  return ex.select({ mediatorId: m.mediatorId, category: m.category, ...mSums }).from(m).where(where(m, prefix, fromDay, toDay)).groupBy(m.mediatorId, m.category);
}

/** A county's subsidy rates. */
export function ratesOf(ex: Executor, countyCode: string) {
  return ex.select().from(rates).where(eq(rates.countyCode, countyCode)).orderBy(rates.category, rates.outcome);
}

/** Replaces a county's subsidy rates with these. */
export async function replaceRates(tx: Executor, countyCode: string, rows: (typeof rates.$inferInsert)[]): Promise<void> {
  await tx.delete(rates).where(eq(rates.countyCode, countyCode));
  if (rows.length) await tx.insert(rates).values(rows);
}

/** Committees, rooms and mediators named in the rollups (by id; in one county when the prefix names one). */
export async function namesOf(ex: Executor, countyCode: string | null, ids: { committees: string[]; rooms: string[]; mediators: string[] }) {
  const county = (col: AnyPgColumn) => (countyCode ? [eq(col, countyCode)] : []);
  const [cs, rs, ms] = await Promise.all([
    ids.committees.length ? ex.select().from(committees).where(and(...county(committees.countyCode), inArray(committees.id, ids.committees))) : [],
    ids.rooms.length ? ex.select().from(rooms).where(and(...county(rooms.countyCode), inArray(rooms.id, ids.rooms))) : [],
    ids.mediators.length ? ex.select().from(mediatorsT).where(and(...county(mediatorsT.countyCode), inArray(mediatorsT.id, ids.mediators))) : [],
  ]);
  // A mediator's committee may not be among the rollup's committees (a county mediator chosen for a village dispute).
  const more = ms.map((x) => x.committeeId).filter((id) => !cs.some((c) => c.id === id));
  const extra = more.length ? await ex.select().from(committees).where(and(...county(committees.countyCode), inArray(committees.id, [...new Set(more)]))) : [];
  return { committees: new Map([...cs, ...extra].map((c) => [c.id, c])), rooms: new Map(rs.map((r) => [r.id, r])), mediators: new Map(ms.map((x) => [x.id, x])) };
}
