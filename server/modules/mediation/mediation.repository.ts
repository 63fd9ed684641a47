/** I/O for disputes, their parties, mediators, events, sessions and links; nothing else. */
import { and, asc, count, desc, eq, inArray, isNull, like, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { cases, disputeEvents, disputeLinks, disputeMediators, disputeParties, disputes, mediationSessions, mediators } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import type { DisputeEventType } from '../../../core/workflow/dispute-workflow.ts';

export type DisputeRow = typeof disputes.$inferSelect;
export type PartyRow = typeof disputeParties.$inferSelect;
export type DisputeEventRow = typeof disputeEvents.$inferSelect;
export type SessionRow = typeof mediationSessions.$inferSelect;
export type DisputeMediatorRow = typeof disputeMediators.$inferSelect;
export type LinkRow = typeof disputeLinks.$inferSelect;
/** A new timeline step; its type is one of the declared dispute event types. */
export type NewDisputeEvent = Omit<typeof disputeEvents.$inferInsert, 'id' | 'type'> & { type: DisputeEventType };

const county = (code: string) => code.slice(0, 6);

/** Statuses in which a dispute still needs its mediators (their load). */
export const openStatuses = ['registered', 'assigned', 'mediating'];

/** Inserts a dispute with its parties. */
export async function insertDispute(tx: Executor, row: DisputeRow, people: PartyRow[]): Promise<void> {
  await tx.insert(disputes).values(row);
  if (people.length) await tx.insert(disputeParties).values(people);
}

/** Appends a timeline step. */
export async function insertEvent(tx: Executor, e: NewDisputeEvent): Promise<void> {
  await tx.insert(disputeEvents).values(e);
}

/** A dispute by code, locked for the transaction (county in the WHERE: one shard). */
export async function lockByCode(tx: Executor, code: string): Promise<DisputeRow | undefined> {
  const [row] = await tx.select().from(disputes).where(and(eq(disputes.countyCode, county(code)), eq(disputes.code, code))).for('update');
  return row;
}

/** A dispute by code (no lock). */
export async function findByCode(ex: Executor, code: string): Promise<DisputeRow | undefined> {
  const [row] = await ex.select().from(disputes).where(and(eq(disputes.countyCode, county(code)), eq(disputes.code, code)));
  return row;
}

/** A dispute by id, locked (the sweep); skipped when another transaction holds it. */
export async function lockByIdSkipLocked(tx: Executor, countyCode: string, id: string): Promise<DisputeRow | undefined> {
  const [row] = await tx.select().from(disputes).where(and(eq(disputes.countyCode, countyCode), eq(disputes.id, id))).for('update', { skipLocked: true });
  return row;
}

/** Writes changed columns and bumps the version. */
export async function updateDispute(tx: Executor, d: DisputeRow, set: Partial<DisputeRow>): Promise<void> {
  await tx.update(disputes).set({ ...set, version: d.version + 1 }).where(and(eq(disputes.countyCode, d.countyCode), eq(disputes.id, d.id)));
}

/** A dispute's parties, in the order they were registered. */
export function partiesOf(ex: Executor, d: { countyCode: string; id: string }): Promise<PartyRow[]> {
  return ex.select().from(disputeParties).where(and(eq(disputeParties.countyCode, d.countyCode), eq(disputeParties.disputeId, d.id))).orderBy(asc(disputeParties.position));
}

/** The first party's mask of each of these disputes (a list page), by dispute id; the county keeps the read on the disputes' shards. */
export async function firstPartyMasks(ex: Executor, records: { countyCode: string; id: string }[]): Promise<Map<string, string>> {
  if (!records.length) return new Map();
  const counties = [...new Set(records.map((r) => r.countyCode))];
  const rows = await ex.select({ id: disputeParties.disputeId, mask: disputeParties.nameMask }).from(disputeParties)
    .where(and(inArray(disputeParties.countyCode, counties), inArray(disputeParties.disputeId, records.map((r) => r.id)), eq(disputeParties.position, 0)));
  return new Map(rows.map((r) => [r.id, r.mask]));
}

/** The mediators' names of each listed dispute (lead first), for the workbench's 调解员 column. */
export async function mediatorNamesOf(ex: Executor, records: { countyCode: string; id: string }[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (!records.length) return names;
  const counties = [...new Set(records.map((r) => r.countyCode))];
  const ids = records.map((r) => r.id);
  const rows = await ex
    .select({ id: disputeMediators.disputeId, name: mediators.name })
    .from(disputeMediators)
    .innerJoin(mediators, and(eq(mediators.countyCode, disputeMediators.countyCode), eq(mediators.id, disputeMediators.mediatorId)))
    .where(and(inArray(disputeMediators.countyCode, counties), inArray(disputeMediators.disputeId, ids)))
    .orderBy(desc(disputeMediators.lead), asc(mediators.name));
  for (const r of rows) names.set(r.id, [...(names.get(r.id) ?? []), r.name]);
  return names;
}

/** A dispute's timeline, oldest first. */
export function eventsOf(ex: Executor, d: { countyCode: string; id: string }): Promise<DisputeEventRow[]> {
  return ex.select().from(disputeEvents).where(and(eq(disputeEvents.countyCode, d.countyCode), eq(disputeEvents.disputeId, d.id))).orderBy(asc(disputeEvents.at), asc(disputeEvents.id));
}

/** The mediators of a dispute (lead first). */
export function mediatorsOfDispute(ex: Executor, d: { countyCode: string; id: string }) {
  return ex
    .select({ link: disputeMediators, m: mediators })
    .from(disputeMediators)
    .innerJoin(mediators, and(eq(mediators.countyCode, disputeMediators.countyCode), eq(mediators.id, disputeMediators.mediatorId)))
    .where(and(eq(disputeMediators.countyCode, d.countyCode), eq(disputeMediators.disputeId, d.id)))
    .orderBy(desc(disputeMediators.lead), asc(mediators.name));
}

/** Replaces the mediators of a dispute. */
export async function setMediators(tx: Executor, d: { countyCode: string; id: string }, rows: DisputeMediatorRow[]): Promise<void> {
  await tx.delete(disputeMediators).where(and(eq(disputeMediators.countyCode, d.countyCode), eq(disputeMediators.disputeId, d.id)));
  if (rows.length) await tx.insert(disputeMediators).values(rows);
}

/** Ids of the disputes these mediators work on (in one county, or all when null). */
export async function disputeIdsOfMediators(ex: Executor, countyCode: string | null, mediatorIds: string[]): Promise<string[]> {
  if (!mediatorIds.length) return [];
  const rows = await ex.selectDistinct({ id: disputeMediators.disputeId }).from(disputeMediators).where(and(...(countyCode ? [eq(disputeMediators.countyCode, countyCode)] : []), inArray(disputeMediators.mediatorId, mediatorIds)));
  return rows.map((r) => r.id);
}

/** Inserts a session. */
export async function insertSession(tx: Executor, row: SessionRow): Promise<void> {
  await tx.insert(mediationSessions).values(row);
}

/** Updates a session. */
export async function updateSession(tx: Executor, s: SessionRow, set: Partial<SessionRow>): Promise<void> {
  await tx.update(mediationSessions).set(set).where(and(eq(mediationSessions.countyCode, s.countyCode), eq(mediationSessions.id, s.id)));
}

/** A dispute's sessions, by time. */
export function sessionsOf(ex: Executor, d: { countyCode: string; id: string }): Promise<SessionRow[]> {
  return ex.select().from(mediationSessions).where(and(eq(mediationSessions.countyCode, d.countyCode), eq(mediationSessions.disputeId, d.id))).orderBy(asc(mediationSessions.scheduledAt));
}

/** Ids of a county's disputes with a session scheduled in [from, to) and not yet held. */
export async function disputesWithSessionsBetween(ex: Executor, countyCode: string | null, from: Date, to: Date): Promise<string[]> {
  const rows = await ex
    .selectDistinct({ id: mediationSessions.disputeId })
    .from(mediationSessions)
    .where(and(...(countyCode ? [eq(mediationSessions.countyCode, countyCode)] : []), isNull(mediationSessions.heldAt), sql`${mediationSessions.scheduledAt} >= ${from} AND ${mediationSessions.scheduledAt} < ${to}`));
  return rows.map((r) => r.id);
}

/** Links a dispute to the case or petition it came from. @returns false when that record already has a dispute */
export async function insertLink(tx: Executor, row: LinkRow): Promise<boolean> {
  const done = await tx.insert(disputeLinks).values(row).onConflictDoNothing().returning({ id: disputeLinks.disputeId });
  return done.length > 0;
}

/** The disputes a case or petition became (its card shows them). */
export async function disputesLinkedTo(ex: Executor, countyCode: string, subjectType: string, subjectId: string): Promise<DisputeRow[]> {
  const rows = await ex
    .select({ d: disputes })
    .from(disputeLinks)
    .innerJoin(disputes, and(eq(disputes.countyCode, disputeLinks.countyCode), eq(disputes.id, disputeLinks.disputeId)))
    .where(and(eq(disputeLinks.countyCode, countyCode), eq(disputeLinks.subjectType, subjectType), eq(disputeLinks.subjectId, subjectId)));
  return rows.map((r) => r.d);
}

/** Codes of the disputes a case or petition became. */
export async function disputeCodesOf(ex: Executor, countyCode: string, subjectType: string, subjectId: string): Promise<string[]> {
  return (await disputesLinkedTo(ex, countyCode, subjectType, subjectId)).map((d) => d.code);
}

/** The links of a dispute. */
export function linksOf(ex: Executor, d: { countyCode: string; id: string }): Promise<LinkRow[]> {
  return ex.select().from(disputeLinks).where(and(eq(disputeLinks.countyCode, d.countyCode), eq(disputeLinks.disputeId, d.id)));
}

/** A case of the county by code (a case becomes a dispute). */
export async function caseByCode(ex: Executor, code: string) {
  const [row] = await ex.select().from(cases).where(and(eq(cases.countyCode, county(code)), eq(cases.code, code)));
  return row;
}

/** What a reader may see of the register (mediation.policy.ts builds it). */
export interface DisputeFilter {
  visible: SQL;
  status?: string[];
  category?: string;
  committeeId?: string;
  region?: string;
  q?: string;
  /** Restrict to these ids (my disputes, today's sessions); an empty list matches nothing. */
  ids?: string[];
  box?: 'new' | 'overdue' | 'urgent';
  now: Date;
}

// Table-qualified by hand: in a select list drizzle writes bare column names, which the subquery would bind to c.
const dueOf = sql<Date | null>`(SELECT min(c.due_at) FROM clocks c WHERE c.county_code = "disputes"."county_code" AND c.subject_type = 'dispute' AND c.subject_id = "disputes"."id" AND c.closed_at IS NULL AND c.paused_at IS NULL AND c.kind IN ('mediate_by', 'referral_answer'))`;

function where(f: DisputeFilter): SQL {
  const w: SQL[] = [f.visible];
  if (f.status?.length) w.push(inArray(disputes.status, f.status));
  if (f.category) w.push(eq(disputes.category, f.category));
  if (f.committeeId) w.push(eq(disputes.committeeId, f.committeeId));
  if (f.region) w.push(like(disputes.villageCode, `${f.region.replace(/(000)+$/, '')}%`));
  if (f.q) w.push(or(like(disputes.code, `%${f.q}%`), like(disputes.facts, `%${f.q}%`))!);
  if (f.ids) w.push(f.ids.length ? inArray(disputes.id, f.ids) : sql`false`);
  if (f.box === 'new') w.push(eq(disputes.status, 'registered'));
  if (f.box === 'urgent') w.push(eq(disputes.urgent, true), notInArray(disputes.status, ['closed']));
  if (f.box === 'overdue') w.push(or(eq(disputes.isOverdue, true), sql`${dueOf} < ${f.now}`)!, notInArray(disputes.status, ['closed']));
  return and(...w)!;
}

/** A page of disputes with the nearest due time of a running clock. */
export function list(ex: Executor, f: DisputeFilter, limit: number, offset: number) {
  return ex.select({ d: disputes, nextDueAt: dueOf }).from(disputes).where(where(f)).orderBy(desc(disputes.urgent), desc(disputes.createdAt), desc(disputes.id)).limit(limit).offset(offset);
}

/** How many disputes a filter holds. */
export async function countOf(ex: Executor, f: DisputeFilter): Promise<number> {
  const [r] = await ex.select({ n: count() }).from(disputes).where(where(f));
  return Number(r?.n ?? 0);
}

/** Who reads the register (mediation.policy.ts says which parts each role gets). */
export interface Reader {
  /** The reader's county when their scope is a county or below (the shard key). */
  county: string | null;
  id: string;
  /** Scope prefix under which the committee or the place opens a dispute; null: only own registrations and own mediations. */
  placePrefix: string | null;
  /** Disputes the reader mediates. */
  mediating: string[];
}

/** The SQL form of the policy's canRead. */
export function visibleWhere(r: Reader): SQL {
  const parts: SQL[] = [eq(disputes.registeredBy, r.id)];
  if (r.mediating.length) parts.push(inArray(disputes.id, r.mediating));
  if (r.placePrefix !== null) parts.push(like(disputes.committeeRegion, `${r.placePrefix}%`), like(disputes.villageCode, `${r.placePrefix}%`));
  return and(...(r.county ? [eq(disputes.countyCode, r.county)] : []), or(...parts))!;
}

/** Whether a county has any dispute (the demo seeds once). */
export async function anyInCounty(ex: Executor, countyCode: string): Promise<boolean> {
  return (await ex.select({ id: disputes.id }).from(disputes).where(eq(disputes.countyCode, countyCode)).limit(1)).length > 0;
}
