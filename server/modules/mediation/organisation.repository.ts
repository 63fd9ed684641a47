/** I/O for the mediation organisation: committees, rooms, mediators and their load; nothing else. */
import { and, asc, count, eq, inArray, like, or, type SQL } from 'drizzle-orm';
import { disputeMediators, disputes, mediationCommittees, mediationRooms, mediators } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import { openStatuses } from './mediation.repository.ts';

export type CommitteeRow = typeof mediationCommittees.$inferSelect;
export type RoomRow = typeof mediationRooms.$inferSelect;
export type MediatorRow = typeof mediators.$inferSelect;

/** Where an organisation list looks: one county (or all), and the region codes it may show. */
export interface OrgScope {
  county: string | null;
  /** Regions under this prefix… */
  prefix: string;
  /** …and these exact regions (the reader's township and county above a village). */
  above: string[];
}

const regionWhere = (s: OrgScope): SQL => and(...(s.county ? [eq(mediationCommittees.countyCode, s.county)] : []), or(like(mediationCommittees.regionCode, `${s.prefix}%`), ...(s.above.length ? [inArray(mediationCommittees.regionCode, s.above)] : [])))!;

/** Committees a reader may see. */
export function committeesIn(ex: Executor, s: OrgScope): Promise<CommitteeRow[]> {
  return ex.select().from(mediationCommittees).where(regionWhere(s)).orderBy(asc(mediationCommittees.regionCode), asc(mediationCommittees.name)).limit(1000);
}

/** A committee by id, in one county when known (ids are unique, so a lookup without county is a fan-out read). */
export async function committeeById(ex: Executor, id: string, countyCode?: string): Promise<CommitteeRow | undefined> {
  const [row] = await ex.select().from(mediationCommittees).where(and(...(countyCode ? [eq(mediationCommittees.countyCode, countyCode)] : []), eq(mediationCommittees.id, id)));
  return row;
}

/** The active committees serving exactly this region (a village's, a township's). */
export function committeesAt(ex: Executor, countyCode: string, regionCode: string): Promise<CommitteeRow[]> {
  return ex.select().from(mediationCommittees).where(and(eq(mediationCommittees.countyCode, countyCode), eq(mediationCommittees.regionCode, regionCode), eq(mediationCommittees.active, true))).orderBy(asc(mediationCommittees.name));
}

export async function insertCommittee(tx: Executor, row: CommitteeRow): Promise<void> {
  await tx.insert(mediationCommittees).values(row);
}

export async function updateCommittee(tx: Executor, c: CommitteeRow, set: Partial<CommitteeRow>): Promise<void> {
  await tx.update(mediationCommittees).set({ ...set, version: c.version + 1 }).where(and(eq(mediationCommittees.countyCode, c.countyCode), eq(mediationCommittees.id, c.id)));
}

/** Rooms of these committees. */
export function roomsOf(ex: Executor, committeeIds: string[]): Promise<RoomRow[]> {
  if (!committeeIds.length) return Promise.resolve([]);
  return ex.select().from(mediationRooms).where(inArray(mediationRooms.committeeId, committeeIds)).orderBy(asc(mediationRooms.name));
}

export async function roomById(ex: Executor, id: string, countyCode?: string): Promise<RoomRow | undefined> {
  const [row] = await ex.select().from(mediationRooms).where(and(...(countyCode ? [eq(mediationRooms.countyCode, countyCode)] : []), eq(mediationRooms.id, id)));
  return row;
}

export async function insertRoom(tx: Executor, row: RoomRow): Promise<void> {
  await tx.insert(mediationRooms).values(row);
}

export async function updateRoom(tx: Executor, r: RoomRow, set: Partial<RoomRow>): Promise<void> {
  await tx.update(mediationRooms).set(set).where(and(eq(mediationRooms.countyCode, r.countyCode), eq(mediationRooms.id, r.id)));
}

/** Mediators of these committees. */
export function mediatorsOf(ex: Executor, committeeIds: string[]): Promise<MediatorRow[]> {
  if (!committeeIds.length) return Promise.resolve([]);
  return ex.select().from(mediators).where(inArray(mediators.committeeId, committeeIds)).orderBy(asc(mediators.name));
}

export async function mediatorById(ex: Executor, id: string, countyCode?: string): Promise<MediatorRow | undefined> {
  const [row] = await ex.select().from(mediators).where(and(...(countyCode ? [eq(mediators.countyCode, countyCode)] : []), eq(mediators.id, id)));
  return row;
}

/** Mediators by id within one county. */
export function mediatorsByIds(ex: Executor, countyCode: string, ids: string[]): Promise<MediatorRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return ex.select().from(mediators).where(and(eq(mediators.countyCode, countyCode), inArray(mediators.id, ids)));
}

/** The mediator records an account is linked to (any county: a fan-out read, never a lock). */
export function mediatorsOfUser(ex: Executor, userId: string): Promise<MediatorRow[]> {
  return mediatorsOfUsers(ex, [userId]);
}

/** The active mediator records linked to any of these accounts (any county: one fan-out read), by account id. */
export async function mediatorsOfUsers(ex: Executor, userIds: string[]): Promise<MediatorRow[]> {
  if (!userIds.length) return [];
  return ex.select().from(mediators).where(and(inArray(mediators.userId, userIds), eq(mediators.active, true)));
}

export async function insertMediator(tx: Executor, row: MediatorRow): Promise<void> {
  await tx.insert(mediators).values(row);
}

export async function updateMediator(tx: Executor, m: MediatorRow, set: Partial<MediatorRow>): Promise<void> {
  await tx.update(mediators).set(set).where(and(eq(mediators.countyCode, m.countyCode), eq(mediators.id, m.id)));
}

/** Open disputes per mediator (current load), for these mediators of one county. */
export async function loadOf(ex: Executor, countyCode: string, mediatorIds: string[]): Promise<Map<string, number>> {
  if (!mediatorIds.length) return new Map();
  const rows = await ex
    .select({ id: disputeMediators.mediatorId, n: count() })
    .from(disputeMediators)
    .innerJoin(disputes, and(eq(disputes.countyCode, disputeMediators.countyCode), eq(disputes.id, disputeMediators.disputeId)))
    .where(and(eq(disputeMediators.countyCode, countyCode), inArray(disputeMediators.mediatorId, mediatorIds), inArray(disputes.status, openStatuses)))
    .groupBy(disputeMediators.mediatorId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** Account ids of the heads of a committee (notices). */
export async function headUserIds(ex: Executor, countyCode: string, committeeId: string): Promise<string[]> {
  const rows = await ex.select({ userId: mediators.userId }).from(mediators).where(and(eq(mediators.countyCode, countyCode), eq(mediators.committeeId, committeeId), eq(mediators.isHead, true), eq(mediators.active, true)));
  return rows.flatMap((r) => (r.userId ? [r.userId] : []));
}
