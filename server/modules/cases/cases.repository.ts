/** I/O for cases, their events and their attachments (the links to the uploads they claimed). */
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, like, lte, ne, not, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { caseAttachments, caseEvents, caseMeToo, cases } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import type { CaseView } from './case-visibility.ts';
import type { CaseEventType } from '../../../core/workflow/case-workflow.ts';
import { ownCasesOnly } from '../../../core/cases/need-to-know.ts';
import { insertRows } from '../../db/fast-insert.ts';

export type CaseRow = typeof cases.$inferSelect;
export type EventRow = typeof caseEvents.$inferSelect;
/** A new event of a case's timeline; its type is one of the declared case event types. */
export type NewEvent = Omit<typeof caseEvents.$inferInsert, 'id' | 'type'> & { type: CaseEventType };
export type AttachmentRow = typeof caseAttachments.$inferSelect;

const county = (code: string) => code.slice(0, 6);

/** Inserts a new case. */
export async function insertCase(ex: Executor, row: CaseRow): Promise<void> {
  await ex.insert(cases).values(row);
}

/** Inserts new cases in one statement (group commit). */
export async function insertCases(ex: Executor, rows: CaseRow[]): Promise<void> {
  await insertRows(ex, cases, rows);
}

/** Appends events in one statement (group commit). */
export async function insertEvents(tx: Executor, events: NewEvent[]): Promise<void> {
  await insertRows(tx, caseEvents, events);
}

/** A case by its tracking code, locked for the rest of the transaction. */
export async function lockByCode(tx: Executor, code: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(and(eq(cases.countyCode, county(code)), eq(cases.code, code))).for('update');
  return row;
}

/**
 * The SQL form of a reader's view (case-visibility.ts): placed in their scope, their own for the roles that
 * read only their own, and either not private or in their handling chain (core/cases/need-to-know.ts). Every staff read of cases adds it.
 */
export function visibleTo(v: CaseView): SQL {
  const w: SQL[] = [like(cases.villageCode, `${v.scopePrefix}%`)];
  // A county-or-narrower prefix names the shard key too, so a distributed database reads one county.
  if (v.scopePrefix.length >= 6) w.push(eq(cases.countyCode, v.scopePrefix.slice(0, 6)));
  if (v.access === 'scope') return and(...w)!;
  const own = ownCasesOnly[v.reader.role];
  if (own) w.push(or(eq(cases.reporterUserId, v.reader.id), eq(cases.handlerUserId, v.reader.id), ...own.categoryPrefixes.map((p) => like(cases.categoryId, `${p}%`)))!);
  const ids = [...v.privateCategoryIds];
  const isPrivate = or(and(eq(cases.isPublic, false), ne(cases.channel, 'alarm')), ...(ids.length ? [inArray(cases.categoryId, ids)] : []))!;
  const dept = v.reader.departmentId;
  const chain: SQL | undefined =
    v.access === 'owningUnit'
      ? like(cases.unitCode, `${v.scopePrefix}%`)
      : v.access === 'assigned'
        ? or(eq(cases.handlerUserId, v.reader.id), ...(dept ? [eq(cases.handlerDepartmentId, dept), sql`${cases.assisting} @> ${JSON.stringify([{ id: dept }])}::jsonb`] : []))
        : undefined;
  w.push(chain ? or(not(isPrivate), chain)! : not(isPrivate));
  return and(...w)!;
}

/** A case by code if the view may read it (the public tracking page passes none: the code is its capability). */
export async function findByCode(ex: Executor, code: string, view: CaseView | null): Promise<CaseRow | undefined> {
  const [row] = await ex.select().from(cases).where(and(eq(cases.countyCode, county(code)), eq(cases.code, code), ...(view ? [visibleTo(view)] : [])));
  return row;
}

/** A case by id (merges point at ids). */
export async function findById(ex: Executor, countyCode: string, id: string): Promise<CaseRow | undefined> {
  const [row] = await ex.select().from(cases).where(and(eq(cases.countyCode, countyCode), eq(cases.id, id)));
  return row;
}

/** Writes the changed columns of a case and bumps its version. */
export async function updateCase(tx: Executor, c: CaseRow, set: Partial<CaseRow>): Promise<void> {
  await tx
    .update(cases)
    .set({ ...set, version: c.version + 1 })
    .where(and(eq(cases.countyCode, c.countyCode), eq(cases.id, c.id)));
}

/** Appends an event; returns its id. */
export async function insertEvent(tx: Executor, e: NewEvent): Promise<number> {
  const [row] = await tx.insert(caseEvents).values(e).returning({ id: caseEvents.id });
  return row!.id;
}

/** A case's events in order. */
export function eventsOf(ex: Executor, c: { countyCode: string; id: string }): Promise<EventRow[]> {
  return ex.select().from(caseEvents).where(and(eq(caseEvents.countyCode, c.countyCode), eq(caseEvents.caseId, c.id))).orderBy(asc(caseEvents.id));
}

/** The county a filter confines a list to (its region, else the reader's scope, when a county or below), if any. */
const countyOf = (f: CaseFilter): string | undefined => [f.regionPrefix, f.view.scopePrefix].find((p) => p && p.length >= 6)?.slice(0, 6);

/**
 * The nearest due time of a case's running clocks (first response, stage, total; a breached one not yet settled
 * counts, so the most overdue come first), or null when none runs (ended, or paused). Written with the outer table
 * named: Drizzle renders a single-table select's columns unqualified, which inside the subquery would bind to the
 * clock's own columns. Inside a county the sub-select also names that county as a value: Citus does not carry the
 * outer query's county into a correlated sub-select, and without it a county's list reads every shard.
 */
const nextDueOf = (county: string | undefined) => sql<Date | string | null>`(SELECT min(k.due_at) FROM clocks k WHERE k.county_code = cases.county_code${county ? sql` AND k.county_code = ${county}` : sql``} AND k.subject_type = 'case' AND k.subject_id = cases.id AND k.closed_at IS NULL AND k.paused_at IS NULL)`;

export interface CaseFilter {
  view: CaseView;
  regionPrefix?: string;
  categoryIds?: string[];
  tier?: string;
  statuses?: string[];
  excludeStatuses?: string[];
  channel?: string;
  from?: Date;
  to?: Date;
  unitCodePrefix?: string;
  unitCodes?: string[];
  handlerUserId?: string;
  handlerDepartmentId?: string;
  overdue?: boolean;
  publicOnly?: boolean;
  q?: string;
  dueFrom?: Date;
  dueTo?: Date;
}

function where(f: CaseFilter): SQL {
  const w: SQL[] = [visibleTo(f.view)];
  if (f.regionPrefix) w.push(like(cases.villageCode, `${f.regionPrefix}%`));
  // A region of a county or below names the county: on Citus the list then reads that county's shard only.
  const county = countyOf(f);
  if (county) w.push(eq(cases.countyCode, county));
  if (f.categoryIds?.length) w.push(inArray(cases.categoryId, f.categoryIds));
  if (f.tier) w.push(eq(cases.tier, f.tier));
  if (f.statuses?.length) w.push(inArray(cases.status, f.statuses));
  if (f.excludeStatuses?.length) w.push(notInArray(cases.status, f.excludeStatuses));
  if (f.channel) w.push(eq(cases.channel, f.channel));
  if (f.from) w.push(gte(cases.createdAt, f.from));
  if (f.to) w.push(lte(cases.createdAt, f.to));
  if (f.unitCodes?.length) w.push(inArray(cases.unitCode, f.unitCodes));
  if (f.unitCodePrefix !== undefined) w.push(like(cases.unitCode, `${f.unitCodePrefix}%`));
  if (f.handlerUserId || f.handlerDepartmentId) {
    const h: SQL[] = [];
    if (f.handlerUserId) h.push(eq(cases.handlerUserId, f.handlerUserId));
    if (f.handlerDepartmentId) h.push(eq(cases.handlerDepartmentId, f.handlerDepartmentId));
    w.push(or(...h)!);
  }
  if (f.overdue) w.push(eq(cases.isOverdue, true));
  if (f.publicOnly) w.push(eq(cases.isPublic, true));
  if (f.dueFrom) w.push(sql`${nextDueOf(county)} >= ${f.dueFrom.toISOString()}::timestamptz`);
  if (f.dueTo) w.push(sql`${nextDueOf(county)} <= ${f.dueTo.toISOString()}::timestamptz`);
  if (f.q) w.push(or(like(cases.description, `%${f.q}%`), like(cases.code, `%${f.q}%`), like(cases.address, `%${f.q}%`))!);
  return and(...w)!;
}

/** How a list is ordered: newest first, or by the nearest due time (overdue first, then the soonest due). */
export type CaseSort = 'newest' | 'due';

/** A page of cases with each one's nearest due time, and the total. */
export async function list(ex: Executor, f: CaseFilter, limit: number, offset: number, sort: CaseSort = 'newest') {
  const w = where(f);
  const order = sort === 'due' ? [sql`next_due ASC NULLS LAST`, desc(cases.createdAt), desc(cases.code)] : [desc(cases.createdAt), desc(cases.code)];
  const found = await ex.select({ ...getTableColumns(cases), nextDueAt: nextDueOf(countyOf(f)).as('next_due') }).from(cases).where(w).orderBy(...order).limit(limit).offset(offset);
  const rows = found.map(({ nextDueAt, ...c }) => ({ row: c as CaseRow, nextDueAt: nextDueAt === null ? null : new Date(nextDueAt) }));
  return { rows, total: await countCases(ex, f) };
}

/** How many cases match a filter. */
export async function countCases(ex: Executor, f: CaseFilter): Promise<number> {
  const [total] = await ex.select({ n: count() }).from(cases).where(where(f));
  return Number(total?.n ?? 0);
}

/** Open cases of a county and category since a time, inside a box, that the view may read (duplicate candidates). */
/** What a duplicate search reads of a nearby case. */
export interface NearCase {
  id: string;
  code: string;
  status: string;
  isPublic: boolean;
  lng: number;
  lat: number;
  description: string;
}

/** One place a duplicate search looks: a category, since when, and a box [minLng, minLat, maxLng, maxLat]. */
export interface NearProbe {
  categoryId: string;
  since: Date;
  box: [number, number, number, number];
}

/**
 * Open cases of one county near each probe, newest first, at most 50 a probe, that the view may read: one
 * statement for all probes (a LATERAL search per probe), so a batch of reports asks once. Answers in probe order.
 */
export async function openNearMany(ex: Executor, view: CaseView, countyCode: string, probes: NearProbe[], terminal: readonly string[]): Promise<NearCase[][]> {
  if (!probes.length) return [];
  const values = sql.join(
    probes.map((p, i) => sql`(${i}::int, ${p.categoryId}::text, ${p.since.toISOString()}::timestamptz, ${p.box[0]}::float8, ${p.box[1]}::float8, ${p.box[2]}::float8, ${p.box[3]}::float8)`),
    sql`, `,
  );
  const rows = (await ex.execute(sql`SELECT b.i, n.id, n.code, n.status, n.is_public, n.lng, n.lat, n.description
    FROM (VALUES ${values}) AS b (i, category_id, since, x0, y0, x1, y1)
    CROSS JOIN LATERAL (
      SELECT ${cases.id}::text AS id, ${cases.code} AS code, ${cases.status} AS status, ${cases.isPublic} AS is_public, ${cases.lng} AS lng, ${cases.lat} AS lat, ${cases.description} AS description
      FROM ${cases}
      WHERE ${visibleTo(view)} AND ${cases.countyCode} = ${countyCode} AND ${cases.categoryId} = b.category_id AND ${cases.createdAt} >= b.since
        -- Written out literally so the planner can use the partial index over open cases (0004).
        AND ${sql.raw(`status NOT IN (${terminal.map((t) => `'${t.replace(/'/g, '')}'`).join(', ')})`)}
        AND ${cases.lat} IS NOT NULL AND ${cases.lng} >= b.x0 AND ${cases.lat} >= b.y0 AND ${cases.lng} <= b.x1 AND ${cases.lat} <= b.y1
      ORDER BY ${cases.createdAt} DESC LIMIT 50
    ) AS n`)) as unknown as { rows: { i: number; id: string; code: string; status: string; is_public: boolean; lng: number; lat: number; description: string }[] };
  const out: NearCase[][] = probes.map(() => []);
  for (const r of rows.rows) out[r.i]!.push({ id: r.id, code: r.code, status: r.status, isPublic: r.is_public, lng: Number(r.lng), lat: Number(r.lat), description: r.description });
  return out;
}

/** Adds attachments to a case. */
export async function insertAttachments(tx: Executor, rows: AttachmentRow[]): Promise<void> {
  if (rows.length) await tx.insert(caseAttachments).values(rows);
}

/** A case's attachments. */
export function attachmentsOf(ex: Executor, c: { countyCode: string; id: string }): Promise<AttachmentRow[]> {
  return ex.select().from(caseAttachments).where(and(eq(caseAttachments.countyCode, c.countyCode), eq(caseAttachments.caseId, c.id))).orderBy(asc(caseAttachments.createdAt));
}

/** One attachment of a case. */
export async function attachment(ex: Executor, c: { countyCode: string; id: string }, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await ex.select().from(caseAttachments).where(and(eq(caseAttachments.countyCode, c.countyCode), eq(caseAttachments.caseId, c.id), eq(caseAttachments.id, id)));
  return row;
}

/** Records one "me too" voter (a keyed hash) for a case; false when that voter was already counted. */
export async function addMeTooVoter(tx: Executor, c: { countyCode: string; id: string }, voterHash: string, at: Date): Promise<boolean> {
  const rows = await tx.insert(caseMeToo).values({ countyCode: c.countyCode, caseId: c.id, voterHash, createdAt: at }).onConflictDoNothing().returning({ h: caseMeToo.voterHash });
  return rows.length > 0;
}

/** A case by id, locked, or skipped when another transaction holds it (the sweep must never wait on users). */
export async function lockByIdSkipLocked(tx: Executor, countyCode: string, id: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(and(eq(cases.countyCode, countyCode), eq(cases.id, id))).for('update', { skipLocked: true });
  return row;
}

/** True when no case exists at all (the demo seeds cases only into an empty table). */
export async function noCases(ex: Executor): Promise<boolean> {
  const rows = await ex.select({ one: sql<number>`1` }).from(cases).limit(1);
  return rows.length === 0;
}
