/** I/O for petitions, their petitioners, events, attachments and case links; nothing else. */
import { and, asc, count, desc, eq, inArray, isNotNull, like, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { cases, clocks, livingIdNumbers, persons, petitionAttachments, petitionCaseLinks, petitionEvents, petitioners, petitions } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import type { PetitionEventType } from '../../../core/workflow/petition-workflow.ts';

export type PetitionRow = typeof petitions.$inferSelect;
export type PetitionerRow = typeof petitioners.$inferSelect;
export type PetitionEventRow = typeof petitionEvents.$inferSelect;
export type PetitionAttachmentRow = typeof petitionAttachments.$inferSelect;
/** A new timeline step; its type is one of the declared petition event types. */
export type NewPetitionEvent = Omit<typeof petitionEvents.$inferInsert, 'id' | 'type'> & { type: PetitionEventType };

const county = (code: string) => code.slice(0, 6);

/** Inserts a petition with its petitioners. */
export async function insertPetition(tx: Executor, row: PetitionRow, people: PetitionerRow[]): Promise<void> {
  await tx.insert(petitions).values(row);
  if (people.length) await tx.insert(petitioners).values(people);
}

/** Appends a timeline step. */
export async function insertEvent(tx: Executor, e: NewPetitionEvent): Promise<void> {
  await tx.insert(petitionEvents).values(e);
}

/** A petition by code, locked for the transaction (county in the WHERE: one shard). */
export async function lockByCode(tx: Executor, code: string): Promise<PetitionRow | undefined> {
  const [row] = await tx.select().from(petitions).where(and(eq(petitions.countyCode, county(code)), eq(petitions.code, code))).for('update');
  return row;
}

/** A petition by code (no lock). */
export async function findByCode(ex: Executor, code: string): Promise<PetitionRow | undefined> {
  const [row] = await ex.select().from(petitions).where(and(eq(petitions.countyCode, county(code)), eq(petitions.code, code)));
  return row;
}

/** A petition by id, locked (the sweep). */
export async function lockById(tx: Executor, countyCode: string, id: string): Promise<PetitionRow | undefined> {
  const [row] = await tx.select().from(petitions).where(and(eq(petitions.countyCode, countyCode), eq(petitions.id, id))).for('update');
  return row;
}

/** Writes changed columns and bumps the version. */
export async function updatePetition(tx: Executor, p: PetitionRow, set: Partial<PetitionRow>): Promise<void> {
  await tx.update(petitions).set({ ...set, version: p.version + 1 }).where(and(eq(petitions.countyCode, p.countyCode), eq(petitions.id, p.id)));
}

/** A petition's petitioners, in the order they were registered. */
export function petitionersOf(ex: Executor, p: { countyCode: string; id: string }): Promise<PetitionerRow[]> {
  return ex.select().from(petitioners).where(and(eq(petitioners.countyCode, p.countyCode), eq(petitioners.petitionId, p.id))).orderBy(asc(petitioners.position));
}

/** A petition's timeline, oldest first. */
export function eventsOf(ex: Executor, p: { countyCode: string; id: string }): Promise<PetitionEventRow[]> {
  return ex.select().from(petitionEvents).where(and(eq(petitionEvents.countyCode, p.countyCode), eq(petitionEvents.petitionId, p.id))).orderBy(asc(petitionEvents.at), asc(petitionEvents.id));
}

/** Links claimed uploads to a petition. */
export async function insertAttachments(tx: Executor, rows: PetitionAttachmentRow[]): Promise<void> {
  if (rows.length) await tx.insert(petitionAttachments).values(rows);
}

/** A petition's attachments. */
export function attachmentsOf(ex: Executor, p: { countyCode: string; id: string }): Promise<PetitionAttachmentRow[]> {
  return ex.select().from(petitionAttachments).where(and(eq(petitionAttachments.countyCode, p.countyCode), eq(petitionAttachments.petitionId, p.id))).orderBy(asc(petitionAttachments.createdAt));
}

/** Links a case (ignored when linked already). */
export async function linkCase(tx: Executor, row: typeof petitionCaseLinks.$inferInsert): Promise<void> {
  await tx.insert(petitionCaseLinks).values(row).onConflictDoNothing();
}

/** Ids of the cases linked to a petition. */
export async function caseIdsOf(ex: Executor, p: { countyCode: string; id: string }): Promise<string[]> {
  return (await ex.select({ id: petitionCaseLinks.caseId }).from(petitionCaseLinks).where(and(eq(petitionCaseLinks.countyCode, p.countyCode), eq(petitionCaseLinks.petitionId, p.id)))).map((r) => r.id);
}

/** The petitions a case is linked to (the case card lists those its reader may see). */
export async function petitionsOfCase(ex: Executor, countyCode: string, caseId: string): Promise<PetitionRow[]> {
  const rows = await ex
    .select({ p: petitions })
    .from(petitionCaseLinks)
    .innerJoin(petitions, and(eq(petitions.countyCode, petitionCaseLinks.countyCode), eq(petitions.id, petitionCaseLinks.petitionId)))
    .where(and(eq(petitionCaseLinks.countyCode, countyCode), eq(petitionCaseLinks.caseId, caseId)))
    .orderBy(asc(petitionCaseLinks.createdAt));
  return rows.map((r) => r.p);
}

/** Earlier petitions of a county whose petitioners carry one of these keyed hashes (ID number or phone). */
export async function byPersonHashes(ex: Executor, countyCode: string, idHashes: string[], phoneHashes: string[], excludeId?: string): Promise<PetitionRow[]> {
  const w: SQL[] = [];
  if (idHashes.length) w.push(inArray(petitioners.idNumberHash, idHashes));
  if (phoneHashes.length) w.push(inArray(petitioners.phoneHash, phoneHashes));
  if (!w.length) return [];
  const rows = await ex
    .selectDistinct({ p: petitions })
    .from(petitioners)
    .innerJoin(petitions, and(eq(petitions.countyCode, petitioners.countyCode), eq(petitions.id, petitioners.petitionId)))
    .where(and(eq(petitioners.countyCode, countyCode), or(...w), ...(excludeId ? [sql`${petitions.id} <> ${excludeId}`] : [])))
    .limit(50);
  return rows.map((r) => r.p);
}

/** Earlier petitions of a county at the same village or the same body (candidates for a same-matter repeat). */
export function nearMatter(ex: Executor, countyCode: string, villageCode: string | null, concerns: string | null, limit = 200): Promise<PetitionRow[]> {
  const w: SQL[] = [];
  if (villageCode) w.push(eq(petitions.villageCode, villageCode));
  if (concerns) w.push(eq(petitions.concerns, concerns));
  if (!w.length) return Promise.resolve([]);
  return ex.select().from(petitions).where(and(eq(petitions.countyCode, countyCode), or(...w))).orderBy(desc(petitions.createdAt)).limit(limit);
}

/** What a reader may see of the register (petitions.policy.ts builds it). */
export interface PetitionFilter {
  visible: SQL;
  status?: string[];
  kind?: string;
  channel?: string;
  region?: string;
  from?: Date;
  to?: Date;
  q?: string;
  /** new / toServe / overdue / dueToday (by the nearest running clock's due time). */
  box?: { kind: 'new' } | { kind: 'toServe' } | { kind: 'overdue'; now: Date } | { kind: 'due'; from: Date; to: Date } | { kind: 'inbox'; body: SQL };
}

// Table-qualified by hand: in a select list drizzle writes bare column names, which the subquery would bind to c.
const dueOf = sql<Date | null>`(SELECT min(c.due_at) FROM clocks c WHERE c.county_code = "petitions"."county_code" AND c.subject_type = 'petition' AND c.subject_id = "petitions"."id" AND c.closed_at IS NULL AND c.paused_at IS NULL AND c.kind NOT IN ('review_window', 're_review_window', 'objection_by'))`;

const warnOf = sql<Date | null>`(SELECT min(c.warn_at) FROM clocks c WHERE c.county_code = "petitions"."county_code" AND c.subject_type = 'petition' AND c.subject_id = "petitions"."id" AND c.closed_at IS NULL AND c.paused_at IS NULL AND c.kind NOT IN ('review_window', 're_review_window', 'objection_by'))`;

/** The petitioner's running 复查/复核 request window (their time, never a body's): when it lapses the petition closes. */
const windowOf = sql<Date | null>`(SELECT min(c.due_at) FROM clocks c WHERE c.county_code = "petitions"."county_code" AND c.subject_type = 'petition' AND c.subject_id = "petitions"."id" AND c.closed_at IS NULL AND c.kind IN ('review_window', 're_review_window'))`;

function where(f: PetitionFilter): SQL {
  const w: SQL[] = [f.visible];
  if (f.status?.length) w.push(inArray(petitions.status, f.status));
  if (f.kind) w.push(eq(petitions.kind, f.kind));
  if (f.channel) w.push(eq(petitions.channel, f.channel));
  if (f.region) w.push(like(petitions.villageCode, `${f.region.replace(/(00)+$/, '')}%`));
  if (f.from) w.push(sql`${petitions.createdAt} >= ${f.from}`);
  if (f.to) w.push(sql`${petitions.createdAt} < ${f.to}`);
  if (f.q) w.push(or(like(petitions.code, `%${f.q}%`), like(petitions.matter, `%${f.q}%`))!);
  const b = f.box;
  if (b?.kind === 'new') w.push(eq(petitions.status, 'registered'));
  if (b?.kind === 'toServe') w.push(isNotNull(petitions.unservedDocumentId));
  if (b?.kind === 'overdue') w.push(or(eq(petitions.isOverdue, true), sql`${dueOf} < ${b.now}`)!);
  if (b?.kind === 'due') w.push(sql`${dueOf} >= ${b.from} AND ${dueOf} < ${b.to}`);
  if (b?.kind === 'inbox') w.push(b.body, notInArray(petitions.status, ['closed', 'handed_over']));
  return and(...w)!;
}

/** A page of petitions with the nearest due time of a running clock. */
export function list(ex: Executor, f: PetitionFilter, limit: number, offset: number, sort: 'newest' | 'due') {
  return ex
    .select({ p: petitions, nextDueAt: dueOf, nextWarnAt: warnOf, windowDueAt: windowOf })
    .from(petitions)
    .where(where(f))
    .orderBy(sort === 'due' ? sql`${dueOf} ASC NULLS LAST` : desc(petitions.createdAt), desc(petitions.id))
    .limit(limit)
    .offset(offset);
}

/** How many petitions a filter holds. */
export async function countOf(ex: Executor, f: PetitionFilter): Promise<number> {
  const [r] = await ex.select({ n: count() }).from(petitions).where(where(f));
  return Number(r?.n ?? 0);
}

/** Who reads the register (petitions.policy.ts says which parts each role gets). */
export interface Reader {
  /** The actor's county when their scope is a county or below (the shard key). */
  county: string | null;
  departmentId: string | null;
  /** Region the reader acts for as a body (their own scope), if their role acts for townships. */
  bodyRegion: string | null;
  /** Scope prefix under which officers and leaders see petitions by office, body or place. */
  placePrefix: string | null;
}

/** The SQL form of the policy's canRead. */
export function visibleWhere(r: Reader): SQL {
  const parts: SQL[] = [];
  if (r.departmentId) parts.push(eq(petitions.bodyDepartmentId, r.departmentId));
  if (r.bodyRegion) parts.push(eq(petitions.bodyRegionCode, r.bodyRegion));
  if (r.placePrefix !== null) parts.push(like(petitions.officeRegion, `${r.placePrefix}%`), like(petitions.bodyRegionCode, `${r.placePrefix}%`), like(petitions.villageCode, `${r.placePrefix}%`));
  if (!parts.length) return sql`false`;
  return and(...(r.county ? [eq(petitions.countyCode, r.county)] : []), or(...parts))!;
}

/** The SQL of "sent to my body" (the receiving body's inbox). */
export function bodyWhere(r: Reader): SQL {
  const parts: SQL[] = [];
  if (r.departmentId) parts.push(eq(petitions.bodyDepartmentId, r.departmentId));
  if (r.bodyRegion) parts.push(eq(petitions.bodyRegionCode, r.bodyRegion));
  return parts.length ? or(...parts)! : sql`false`;
}

/** The living registry person with this ID-number hash, in this county (a petitioner is linked to them). */
export async function personIdByIdHash(ex: Executor, countyCode: string, hash: string): Promise<string | null> {
  const [owner] = await ex.select().from(livingIdNumbers).where(eq(livingIdNumbers.idNumberHash, hash));
  if (!owner || owner.countyCode !== countyCode) return null;
  const [row] = await ex.select({ id: persons.id }).from(persons).where(and(eq(persons.countyCode, owner.countyCode), eq(persons.id, owner.personId), eq(persons.status, 'active')));
  return row?.id ?? null;
}

/** A case of the county by code (links). */
export async function caseByCode(ex: Executor, countyCode: string, code: string) {
  const [row] = await ex.select().from(cases).where(and(eq(cases.countyCode, countyCode), eq(cases.code, code)));
  return row;
}

/** Codes of cases by id, in one county. */
export async function caseCodes(ex: Executor, countyCode: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await ex.select({ code: cases.code }).from(cases).where(and(eq(cases.countyCode, countyCode), inArray(cases.id, ids)))).map((r) => r.code);
}

export { clocks as clockTable };

/** Whether a county has any petition (the demo seeds once). */
export async function anyInCounty(ex: Executor, countyCode: string): Promise<boolean> {
  return (await ex.select({ id: petitions.id }).from(petitions).where(eq(petitions.countyCode, countyCode)).limit(1)).length > 0;
}
