/** Persons, households and their grid history. */
import { and, asc, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { rowInScope } from './in-scope.repository.ts';
import { grids, households, livingIdNumbers, personRecords, persons, registryHistory } from '../../db/schema.ts';

export type PersonRow = typeof persons.$inferSelect;
export type HouseholdRow = typeof households.$inferSelect;
export type HistoryRow = typeof registryHistory.$inferInsert;

/**
 * Inserts a person, first claiming their ID number's living registration (national, in living_id_numbers): returns
 * false, writing nothing, when another living registration holds it (a concurrent claim waits for the other to end).
 */
export async function insertPerson(ex: Executor, row: PersonRow): Promise<boolean> {
  if (row.idNumberHash && row.status === 'active') {
    const claimed = await ex.insert(livingIdNumbers).values({ idNumberHash: row.idNumberHash, countyCode: row.countyCode, personId: row.id }).onConflictDoNothing().returning({ h: livingIdNumbers.idNumberHash });
    if (!claimed.length) return false;
  }
  await ex.insert(persons).values(row);
  return true;
}

/** A person under a region prefix, or undefined (outside the scope reads as missing); `lock` holds the row. */
export async function personInScope(ex: Executor, id: string, prefix: string, lock = false): Promise<PersonRow | undefined> {
  return rowInScope(ex, persons, id, prefix, lock);
}

/** Changes a person's fields (the caller holds the row). */
export async function updatePerson(ex: Executor, p: PersonRow, set: Partial<PersonRow>, now: Date): Promise<void> {
  await ex.update(persons).set({ ...set, updatedAt: now, version: p.version + 1 }).where(and(eq(persons.countyCode, p.countyCode), eq(persons.id, p.id)));
}

/** The living registration with this ID-number hash, anywhere (ID numbers are unique nationally). */
export async function activeByIdHash(ex: Executor, hash: string): Promise<PersonRow | undefined> {
  // Two keyed reads (the hash's one row, then the person by county and id) rather than a search of every county.
  const [owner] = await ex.select().from(livingIdNumbers).where(eq(livingIdNumbers.idNumberHash, hash));
  if (!owner) return undefined;
  const [row] = await ex.select().from(persons).where(and(eq(persons.countyCode, owner.countyCode), eq(persons.id, owner.personId), eq(persons.status, 'active')));
  return row;
}

export interface PersonFilter {
  prefix: string;
  nameHash?: string;
  idNumberHash?: string;
  phoneHash?: string;
}

const personsWhere = (f: PersonFilter) => and(eq(persons.status, 'active'), like(persons.gridCode, `${f.prefix}%`), f.nameHash ? eq(persons.nameHash, f.nameHash) : undefined, f.idNumberHash ? eq(persons.idNumberHash, f.idNumberHash) : undefined, f.phoneHash ? eq(persons.phoneHash, f.phoneHash) : undefined);

/** A page of active persons under a prefix, each with their grid's name and their household's number and address. */
export async function listPersonsPlaced(ex: Executor, f: PersonFilter, limit: number, offset: number) {
  const where = personsWhere(f);
  const [rows, [count]] = await Promise.all([
    ex
      .select({ p: persons, gridName: grids.name, household: { id: households.id, number: households.number, address: households.address } })
      .from(persons)
      .leftJoin(households, and(eq(households.countyCode, persons.countyCode), eq(households.id, persons.householdId)))
      .leftJoin(grids, and(eq(grids.countyCode, persons.countyCode), eq(grids.code, persons.gridCode)))
      .where(where)
      .orderBy(asc(persons.gridCode), asc(persons.nameMask), asc(persons.id))
      .limit(limit)
      .offset(offset),
    ex.select({ n: sql<number>`count(*)::int` }).from(persons).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The members of a household. */
export function membersOf(ex: Executor, countyCode: string, householdId: string): Promise<PersonRow[]> {
  return ex.select().from(persons).where(and(eq(persons.countyCode, countyCode), eq(persons.householdId, householdId), eq(persons.status, 'active'))).orderBy(asc(persons.relation), asc(persons.birthDate));
}

/** Sets a person's household and relation. */
export async function setMembership(ex: Executor, p: PersonRow, householdId: string | null, relation: string | null, now: Date): Promise<void> {
  await ex.update(persons).set({ householdId, relation, updatedAt: now, version: p.version + 1 }).where(and(eq(persons.countyCode, p.countyCode), eq(persons.id, p.id)));
}

/** Moves every active member of a household to a grid (and address). */
export async function moveMembers(ex: Executor, countyCode: string, householdId: string, gridCode: string, address: string | undefined, now: Date): Promise<void> {
  await ex
    .update(persons)
    .set({ gridCode, villageCode: gridCode.slice(0, 12), ...(address ? { address } : {}), updatedAt: now, version: sql`${persons.version} + 1` })
    .where(and(eq(persons.countyCode, countyCode), eq(persons.householdId, householdId), eq(persons.status, 'active')));
}

/** Inserts a household. */
export async function insertHousehold(ex: Executor, row: HouseholdRow): Promise<void> {
  await ex.insert(households).values(row);
}

/** A household under a region prefix, locked for update when asked. */
export async function householdInScope(ex: Executor, id: string, prefix: string, lock = false): Promise<HouseholdRow | undefined> {
  return rowInScope(ex, households, id, prefix, lock);
}

/** Changes a household. */
export async function updateHousehold(ex: Executor, h: HouseholdRow, set: Partial<HouseholdRow>): Promise<void> {
  await ex.update(households).set({ ...set, version: h.version + 1 }).where(and(eq(households.countyCode, h.countyCode), eq(households.id, h.id)));
}

/**
 * A page of active households under a prefix (a grid, village, township or the scope), with their member counts
 * and their grid's name. The count names its outer table in full: an unqualified column inside the subquery would
 * bind to `persons` itself and count nothing.
 */
export async function householdsUnder(ex: Executor, prefix: string, limit: number, offset: number) {
  const where = and(like(households.gridCode, `${prefix}%`), eq(households.status, 'active'));
  const [rows, [count]] = await Promise.all([
    ex
      .select({ h: households, gridName: grids.name, members: sql<number>`(SELECT count(*)::int FROM persons p WHERE p.county_code = "households"."county_code" AND p.household_id = "households"."id" AND p.status = 'active')` })
      .from(households)
      .leftJoin(grids, and(eq(grids.countyCode, households.countyCode), eq(grids.code, households.gridCode)))
      .where(where)
      .orderBy(asc(households.gridCode), asc(households.address), asc(households.id))
      .limit(limit)
      .offset(offset),
    ex.select({ n: sql<number>`count(*)::int` }).from(households).where(where),
  ]);
  return { rows, total: count?.n ?? 0 };
}

/** The names of these grids (code → name). */
export async function gridNames(ex: Executor, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await ex.select({ code: grids.code, name: grids.name }).from(grids).where(inArray(grids.code, unique));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Appends history rows (one statement, one array parameter per column). */
export async function addHistory(ex: Executor, rows: HistoryRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T,>(f: (r: HistoryRow) => T) => sql.param(rows.map(f));
  await ex.execute(sql`INSERT INTO registry_history (county_code, object_type, object_id, event, from_grid, to_grid, data, actor_id, actor_name, at)
    SELECT * FROM unnest(${col((r) => r.countyCode)}::text[], ${col((r) => r.objectType)}::text[], ${col((r) => r.objectId)}::uuid[], ${col((r) => r.event)}::text[],
      ${col((r) => r.fromGrid ?? null)}::text[], ${col((r) => r.toGrid ?? null)}::text[], ${col((r) => (r.data === null || r.data === undefined ? null : JSON.stringify(r.data)))}::jsonb[],
      ${col((r) => r.actorId ?? null)}::text[], ${col((r) => r.actorName ?? null)}::text[], ${col((r) => r.at.toISOString())}::timestamptz[])`);
}

/** The history of one record, newest first. */
export function historyOf(ex: Executor, objectType: string, objectId: string) {
  return ex.select().from(registryHistory).where(and(eq(registryHistory.objectType, objectType), eq(registryHistory.objectId, objectId))).orderBy(desc(registryHistory.at), desc(registryHistory.id));
}

/** Moves into and out of a grid, newest first. */
export function gridHistory(ex: Executor, gridCode: string, limit: number) {
  return ex.select().from(registryHistory).where(or(eq(registryHistory.toGrid, gridCode), eq(registryHistory.fromGrid, gridCode))).orderBy(desc(registryHistory.at), desc(registryHistory.id)).limit(limit);
}

/** Column name, SQL array type and value of each persons column, for bulk inserts. */
const personColumns: [string, string, (r: PersonRow) => unknown][] = [
  ['county_code', 'text', (r) => r.countyCode], ['id', 'uuid', (r) => r.id], ['grid_code', 'text', (r) => r.gridCode], ['village_code', 'text', (r) => r.villageCode],
  ['person_type', 'text', (r) => r.personType], ['name_enc', 'text', (r) => r.nameEnc], ['name_hash', 'text', (r) => r.nameHash], ['name_mask', 'text', (r) => r.nameMask],
  ['id_number_enc', 'text', (r) => r.idNumberEnc], ['id_number_hash', 'text', (r) => r.idNumberHash], ['id_number_mask', 'text', (r) => r.idNumberMask], ['sex', 'text', (r) => r.sex],
  ['birth_date', 'date', (r) => r.birthDate], ['ethnicity', 'text', (r) => r.ethnicity], ['phone_enc', 'text', (r) => r.phoneEnc], ['phone_hash', 'text', (r) => r.phoneHash],
  ['phone_mask', 'text', (r) => r.phoneMask], ['address', 'text', (r) => r.address], ['household_id', 'uuid', (r) => r.householdId], ['relation', 'text', (r) => r.relation], ['dwelling_id', 'uuid', (r) => r.dwellingId],
  ['status', 'text', (r) => r.status], ['legal_hold', 'boolean', (r) => r.legalHold],
  ['created_at', 'timestamptz', (r) => r.createdAt.toISOString()], ['updated_at', 'timestamptz', (r) => r.updatedAt.toISOString()], ['version', 'integer', (r) => r.version],
];

/**
 * `SELECT * FROM unnest(…)` over the rows: one array parameter per column, so the statement does not grow with
 * the rows (Drizzle's multi-row builder costs ~100 µs a row). A JSON document per batch was tried instead: 10 %
 * slower, PostgreSQL parses JSON more slowly than it saves in JavaScript.
 */
function unnestRows(rows: PersonRow[]) {
  const arrays = sql.join(personColumns.map(([, type, get]) => sql`${sql.param(rows.map(get))}::${sql.raw(type)}[]`), sql`, `);
  return sql`SELECT * FROM unnest(${arrays})`;
}
const personColumnNames = sql.raw(personColumns.map(([c]) => c).join(', '));

/** Inserts many new persons in one statement, with their ID numbers' living registrations (a taken one fails it). */
export async function insertPersons(ex: Executor, rows: PersonRow[]): Promise<void> {
  if (!rows.length) return;
  await claimIdNumbers(ex, rows, false);
  await ex.execute(sql`INSERT INTO persons (${personColumnNames}) ${unnestRows(rows)}`);
}

/** Registers the ID numbers of active rows in living_id_numbers; returns the hashes claimed (`skipTaken`: others are left out, else they fail). */
async function claimIdNumbers(ex: Executor, rows: PersonRow[], skipTaken: boolean): Promise<Set<string>> {
  const owned = rows.filter((r) => r.idNumberHash && r.status === 'active');
  if (!owned.length) return new Set();
  const res = await ex.execute(sql`
    INSERT INTO living_id_numbers (id_number_hash, county_code, person_id)
    SELECT * FROM unnest(${sql.param(owned.map((r) => r.idNumberHash))}::text[], ${sql.param(owned.map((r) => r.countyCode))}::char(6)[], ${sql.param(owned.map((r) => r.id))}::uuid[])
    ${skipTaken ? sql`ON CONFLICT (id_number_hash) DO NOTHING` : sql``}
    RETURNING id_number_hash`);
  return new Set((res as unknown as { rows: { id_number_hash: string }[] }).rows.map((r) => r.id_number_hash));
}

/** A living registration an imported row collided with, as the importer may see it. */
export interface KnownPerson {
  hash: string;
  /** False when the record lies outside the importer's scope (or could not be read): nothing else is told. */
  inScope: boolean;
  countyCode?: string;
  id?: string;
  gridCode?: string;
  version?: number;
  householdId?: string | null;
  nameHash?: string;
  phoneHash?: string | null;
  address?: string | null;
  personType?: string;
  ethnicity?: string | null;
}

/**
 * Inserts persons, except those whose ID number already has a living registration: the claims in
 * living_id_numbers decide (a claim made by a concurrent import waits for it to end, so both cannot insert one).
 * Then answers, for each skipped ID-number hash, whether the living record lies under `prefix` (the importer's
 * scope) and, only when it does, what the update path needs: a record outside the scope is never returned, so it
 * cannot be touched or leaked.
 */
export async function insertUnregistered(ex: Executor, rows: PersonRow[], prefix: string): Promise<KnownPerson[]> {
  if (!rows.length) return [];
  const claimed = await claimIdNumbers(ex, rows, true);
  const fresh = rows.filter((r) => !r.idNumberHash || claimed.has(r.idNumberHash));
  if (fresh.length) await ex.execute(sql`INSERT INTO persons (${personColumnNames}) ${unnestRows(fresh)}`);
  const skipped = [...new Set(rows.flatMap((r) => (r.idNumberHash && !claimed.has(r.idNumberHash) ? [r.idNumberHash] : [])))];
  if (!skipped.length) return [];
  // The holders are read through their claims (county and id), and only when they lie under the importer's scope.
  // Two statements: the claims are split by ID-number hash, the persons by county (a join across the two could not
  // stay on one shard on Citus).
  const owners = new Map((await ex.select().from(livingIdNumbers).where(inArray(livingIdNumbers.idNumberHash, skipped))).map((o) => [o.idNumberHash, o]));
  const res = await ex.execute(sql`
    SELECT s.h, p.county_code, p.id, p.grid_code, p.version, p.household_id, p.name_hash, p.phone_hash, p.address, p.person_type, p.ethnicity
    FROM unnest(${sql.param(skipped)}::text[], ${sql.param(skipped.map((h) => owners.get(h)?.countyCode ?? null))}::char(6)[], ${sql.param(skipped.map((h) => owners.get(h)?.personId ?? null))}::uuid[]) AS s(h, county_code, person_id)
    LEFT JOIN persons p ON p.county_code = s.county_code AND p.id = s.person_id AND p.status = 'active' AND p.grid_code LIKE ${prefix + '%'}`);
  type Raw = { h: string; county_code: string | null; id: string | null; grid_code: string | null; version: number | null; household_id: string | null; name_hash: string; phone_hash: string | null; address: string | null; person_type: string; ethnicity: string | null };
  return (res as unknown as { rows: Raw[] }).rows.map((r) =>
    r.id === null
      ? { hash: r.h, inScope: false }
      : { hash: r.h, inScope: true, countyCode: r.county_code!, id: r.id, gridCode: r.grid_code!, version: r.version!, householdId: r.household_id, nameHash: r.name_hash, phoneHash: r.phone_hash, address: r.address, personType: r.person_type, ethnicity: r.ethnicity },
  );
}

/**
 * Overwrites an imported person's fields, keeping id, household and history; only while the record is still
 * active, at the version read and under `prefix` (the importer's scope), so it never touches a record the importer
 * could not read. Returns whether it changed the row.
 */
export async function updateImported(ex: Executor, known: { countyCode: string; id: string; version: number }, r: PersonRow, prefix: string): Promise<boolean> {
  const { countyCode: _c, id: _i, householdId: _h, relation: _r, dwellingId: _d, sensitiveEnc: _s, status: _st, createdAt: _ca, version: _v, leftOn: _l, purgeAfter: _p, legalHold: _lh, purgedAt: _pa, ...set } = r;
  const done = await ex
    .update(persons)
    .set({ ...set, version: known.version + 1 })
    .where(and(eq(persons.countyCode, known.countyCode), eq(persons.id, known.id), eq(persons.version, known.version), eq(persons.status, 'active'), like(persons.gridCode, `${prefix}%`)))
    .returning({ id: persons.id });
  return done.length === 1;
}

/** Marks a person moved away or deceased, out of their household, with the purge date. */
export async function archivePerson(ex: Executor, p: PersonRow, status: 'moved_away' | 'deceased', on: string, purgeAfter: string, now: Date): Promise<void> {
  await ex.update(persons).set({ status, leftOn: on, purgeAfter, householdId: null, relation: null, updatedAt: now, version: p.version + 1 }).where(and(eq(persons.countyCode, p.countyCode), eq(persons.id, p.id)));
  // The ID number is free again for a new living registration (in the county they move to).
  if (p.idNumberHash) await ex.delete(livingIdNumbers).where(and(eq(livingIdNumbers.idNumberHash, p.idNumberHash), eq(livingIdNumbers.personId, p.id)));
  if (p.householdId) await ex.update(households).set({ headPersonId: null, updatedAt: now }).where(and(eq(households.countyCode, p.countyCode), eq(households.id, p.householdId), eq(households.headPersonId, p.id)));
}

/** Sets or clears the legal hold. */
export async function setLegalHold(ex: Executor, p: PersonRow, hold: boolean, now: Date): Promise<void> {
  await ex.update(persons).set({ legalHold: hold, updatedAt: now, version: p.version + 1 }).where(and(eq(persons.countyCode, p.countyCode), eq(persons.id, p.id)));
}

/** Archived records whose purge date has come, not on hold and not yet purged. */
export function purgeDue(ex: Executor, today: string, limit: number): Promise<PersonRow[]> {
  return ex.select().from(persons).where(and(sql`${persons.purgeAfter} <= ${today}::date`, sql`${persons.purgedAt} IS NULL`, eq(persons.legalHold, false), sql`${persons.status} <> 'active'`)).limit(limit);
}

/** Removes the personal data of a record, keeping what statistics need (grid, kind, sex, birth year). */
export async function purgePerson(ex: Executor, p: PersonRow, placeholderEnc: string, now: Date): Promise<void> {
  await ex
    .update(persons)
    .set({ nameEnc: placeholderEnc, nameHash: 'purged', nameMask: '*', idNumberEnc: null, idNumberHash: null, idNumberMask: null, phoneEnc: null, phoneHash: null, phoneMask: null, address: null, sensitiveEnc: null, ethnicity: null, birthDate: p.birthDate ? `${p.birthDate.slice(0, 4)}-01-01` : null, purgedAt: now, updatedAt: now, version: p.version + 1 })
    .where(and(eq(persons.countyCode, p.countyCode), eq(persons.id, p.id)));
  // The extension records keep their kind and counting token only: their fields, encrypted parts and category go.
  await ex.update(personRecords).set({ data: null, dataEnc: null, categoryEnc: null, active: false, updatedAt: now }).where(and(eq(personRecords.countyCode, p.countyCode), eq(personRecords.personId, p.id)));
}

export type PersonRecordRow = typeof personRecords.$inferSelect;

/** Inserts an extension record. */
export async function insertRecord(ex: Executor, row: PersonRecordRow): Promise<void> {
  await ex.insert(personRecords).values(row);
}

/** A person's records, newest first. */
export function recordsOf(ex: Executor, countyCode: string, personId: string): Promise<PersonRecordRow[]> {
  return ex.select().from(personRecords).where(and(eq(personRecords.countyCode, countyCode), eq(personRecords.personId, personId))).orderBy(desc(personRecords.createdAt));
}

/** Active persons with an active record, by kind and category, under a prefix. */
export function recordCounts(ex: Executor, prefix: string) {
  return ex
    .select({ kind: personRecords.kind, category: personRecords.category, token: personRecords.categoryToken, n: sql<number>`count(DISTINCT ${persons.id})::int` })
    .from(personRecords)
    .innerJoin(persons, and(eq(persons.countyCode, personRecords.countyCode), eq(persons.id, personRecords.personId)))
    .where(and(eq(personRecords.active, true), eq(persons.status, 'active'), like(persons.gridCode, `${prefix}%`)))
    .groupBy(personRecords.kind, personRecords.category, personRecords.categoryToken)
    .orderBy(asc(personRecords.kind), asc(personRecords.category));
}

/** Active persons under a prefix. */
export async function activeCount(ex: Executor, prefix: string): Promise<number> {
  const [r] = await ex.select({ n: sql<number>`count(*)::int` }).from(persons).where(and(eq(persons.status, 'active'), like(persons.gridCode, `${prefix}%`)));
  return r?.n ?? 0;
}

/**
 * Active records whose expiry field (a permit, a visa) falls on or before `lastDay`, with their person, under a
 * prefix, soonest first. Dates are compared as YYYY-MM-DD text, so a malformed old value cannot fail the query.
 */
export function expiringRecords(ex: Executor, prefix: string, fields: [kind: string, field: string][], lastDay: string, limit: number) {
  const expiry = sql`CASE ${sql.join(fields.map(([kind, field]) => sql`WHEN ${personRecords.kind} = ${kind} THEN ${personRecords.data}->>${field}`), sql` `)} END`;
  return ex
    .select({ r: personRecords, p: persons, expiresOn: sql<string>`${expiry}` })
    .from(personRecords)
    .innerJoin(persons, and(eq(persons.countyCode, personRecords.countyCode), eq(persons.id, personRecords.personId)))
    .where(and(eq(personRecords.active, true), eq(persons.status, 'active'), like(persons.gridCode, `${prefix}%`), sql`${expiry} <= ${lastDay}`))
    .orderBy(sql`${expiry}`)
    .limit(limit);
}

/**
 * Records whose category is sensitive and still stored in clear (the rule of core/people/record-sensitivity.ts, as
 * the partial index of migration 0011 spells it, so this query reads only that index).
 */
export function recordsWithClearCategory(ex: Executor, limit: number): Promise<PersonRecordRow[]> {
  return ex.select().from(personRecords).where(sql`${personRecords.category} IS NOT NULL AND (${personRecords.kind} IN ('special_group', 'youth') OR (${personRecords.kind} = 'care' AND ${personRecords.category} = '06'))`).limit(limit);
}

/** Replaces a record's clear category and grade by their ciphertext and token. */
export async function protectRecordCategory(ex: Executor, r: PersonRecordRow, categoryEnc: string, categoryToken: string): Promise<void> {
  await ex.update(personRecords).set({ category: null, riskLevel: null, categoryEnc, categoryToken }).where(and(eq(personRecords.countyCode, r.countyCode), eq(personRecords.id, r.id)));
}


/** Whether a household or person row with this id exists in the county (a client UUID already used). */
export async function idTaken(ex: Executor, table: 'household' | 'person', countyCode: string, id: string): Promise<boolean> {
  const t = table === 'household' ? households : persons;
  return (await ex.select({ id: t.id }).from(t).where(and(eq(t.countyCode, countyCode), eq(t.id, id)))).length > 0;
}
