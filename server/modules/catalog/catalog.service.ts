/**
 * The case catalog as data: categories (with the public/private flag and tier keywords), departments and
 * the categories they own per county, routing rules per county, deadline policies, and the holiday calendar.
 */
import type { Category, Department } from '../../../core/schemas/catalog.response.ts';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { EVERY_COUNTY, SHARED_OWNER, appliesAt, mayChangeOwned, ownerOfCounty } from '../../../core/reference-owner.ts';
import { defaultRouting, type HandlingLevel, type Tier, type CategoryRule } from '../../../core/cases/triage.ts';
import { parseCalendarCsv, type ClockMode, type WorkCalendar } from '../../../core/calendar.ts';
import { parseCsv } from '../../../core/csv.ts';
import type { CalendarDaySetSchema, CategoryCreateSchema, CategoryUpdateSchema, DeadlinePolicySchema, DepartmentCreateSchema, DepartmentUpdateSchema, RoutingRulesSchema } from '../../../core/schemas/catalog.schema.ts';
import { codeFromPrefix } from '../../../core/region-code.ts';
import * as regions from '../regions/regions.service.ts';
import type { Actor } from '../../lib/actor.ts';
import { countyPrefix as countyPrefixOf, foundOrMissing, inActorScope, requirePermission } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './catalog.repository.ts';
import { announce } from '../../lib/change-feed.ts';

const manage = (actor: Actor) => requirePermission(actor, 'catalog:manage');
function assertCounty(actor: Actor, countyCode: string): void {
  if (!inActorScope(actor, countyCode + '000000') && !(actor.kind === 'system')) {
    throw new AppError('INVALID_SCOPE', [{ path: 'countyCode', code: 'invalid_scope', message: countyCode }]);
  }
}

/**
 * Refuses a change to reference data owned above the actor's scope (read-only for them).
 * @throws INVALID_SCOPE naming the field and the owner
 */
function assertOwner(actor: Actor, ownerCode: string, path: string): void {
  if (actor.kind !== 'system' && !mayChangeOwned(actor.scopeCode, ownerCode)) throw new AppError('INVALID_SCOPE', [{ path, code: 'owned_above', message: ownerCode }]);
}

/**
 * Changes reference data in one transaction that tells the other servers (they drop their cached copies on
 * commit), then drops this server's cached copies: after the commit, so no reader re-caches the old rows.
 */
async function writeReference<T>(ctx: AppContext, write: (tx: Executor) => Promise<T>): Promise<T> {
  const out = await ctx.db.transaction(async (tx) => {
    const result = await write(tx);
    await announce(ctx, tx, 'reference');
    return result;
  });
  ctx.cache.clear();
  return out;
}

/** A category as the API shows it (`ownerCode`: whose administrators may change it; '000000000000' = shared). */
export const presentCategory = (c: repo.CategoryRow): Category => ({ id: c.id, parentId: c.parentId, name: c.name, nameEn: c.nameEn, nameZhTw: c.nameZhTw ?? null, isPublic: c.isPublic, defaultTier: c.defaultTier, keywords: c.keywords, sort: c.sort, active: c.active, ownerCode: c.ownerCode });

/**
 * Ids of every private category, active or not (need-to-know reads them). Pass the open transaction when
 * inside one: it is then read directly, never through the cache, whose shared load on ctx.db could wait
 * for that very transaction (PGlite has a single connection).
 */
export async function privateCategoryIds(ctx: AppContext, tx?: Executor): Promise<ReadonlySet<string>> {
  const load = async (ex: Executor) => new Set((await repo.allCategories(ex)).filter((c) => !c.isPublic).map((c) => c.id));
  return tx ? load(tx) : ctx.cache.get('categories:private', () => load(ctx.db));
}

/** True when a category may be used for a case placed at `villageCode` (a county's own category only there). */
export function categoryAppliesAt(c: { ownerCode: string }, villageCode: string): boolean {
  return appliesAt(c.ownerCode, villageCode);
}

/** Categories; `publicOnly` for residents and Open311 (private ones never leave). */
export async function listCategories(ctx: AppContext, publicOnly: boolean): Promise<Category[]> {
  const rows = await repo.allCategories(ctx.db);
  return rows.filter((c) => c.active && (!publicOnly || c.isPublic)).map(presentCategory);
}

/**
 * One category, or null (unscoped reference data). Pass the open transaction when inside one: PGlite has a
 * single connection, so a read on ctx.db would wait for that transaction forever.
 */
export function findCategory(ctx: AppContext, ex: Executor, id: string): Promise<(repo.CategoryRow & CategoryRule) | null> {
  return ctx.cache.get(`category:${id}`, async () => {
    const c = await repo.category(ex, id);
    return c ? { ...c, defaultTier: c.defaultTier as Tier } : null;
  });
}

/** Adds a category. @throws FORBIDDEN, CONFLICT, VALIDATION_FAILED */
export async function createCategory(ctx: AppContext, actor: Actor, input: z.infer<typeof CategoryCreateSchema>) {
  manage(actor);
  if (await repo.category(ctx.db, input.id)) throw new AppError('CONFLICT', [{ path: 'id', code: 'taken', message: input.id }]);
  // What an administrator adds is theirs and applies only inside their scope (the CLI's is shared).
  const ownerCode = actor.kind === 'system' ? SHARED_OWNER : actor.scopeCode;
  const parent = input.parentId ? await repo.category(ctx.db, input.parentId) : undefined;
  // A child lies inside its parent's area: a county's category may sit under a shared one, not the reverse.
  if (input.parentId && (!parent || !appliesAt(parent.ownerCode, ownerCode))) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'parentId', code: 'unknown', message: input.parentId }]);
  }
  const row = { ...input, parentId: input.parentId ?? null, nameZhTw: input.nameZhTw ?? null, active: true, ownerCode };
  await writeReference(ctx, async (tx) => {
    await repo.insertCategory(tx, row);
    await audit.record(tx, ctx, actor, { action: 'category.create', objectType: 'category', objectId: row.id });
  });
  return presentCategory(row);
}

/** Changes a category (name, tier, keywords, public flag, active). @throws FORBIDDEN, NOT_FOUND */
export async function updateCategory(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof CategoryUpdateSchema>) {
  manage(actor);
  const c = foundOrMissing(await repo.category(ctx.db, id));
  // A category shared above the administrator's scope (its privacy above all) is read-only for them.
  assertOwner(actor, c.ownerCode, 'id');
  if (patch.parentId !== undefined && patch.parentId !== c.parentId) {
    const parent = patch.parentId ? await repo.category(ctx.db, patch.parentId) : undefined;
    if (patch.parentId && (!parent || !appliesAt(parent.ownerCode, c.ownerCode))) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'parentId', code: 'unknown', message: patch.parentId }]);
    }
  }
  await writeReference(ctx, async (tx) => {
    await repo.updateCategory(tx, id, patch);
    await audit.record(tx, ctx, actor, { action: 'category.update', objectType: 'category', objectId: id, detail: { fields: Object.keys(patch) } });
  });
  return presentCategory({ ...c, ...patch } as repo.CategoryRow);
}

/** Departments of the counties under the actor's scope, with the categories each owns. */
export async function listDepartments(ctx: AppContext, actor: Actor): Promise<Department[]> {
  const prefix = countyPrefixOf(actor);
  const [rows, owned] = await Promise.all([repo.departmentsUnder(ctx.db, prefix), repo.ownership(ctx.db, prefix)]);
  const counties = await countyNames(ctx.db, rows.map((d) => d.countyCode));
  return rows.map((d) => ({ id: d.id, countyCode: d.countyCode, countyName: counties.get(d.countyCode) ?? null, name: d.name, active: d.active, categoryIds: owned.filter((o) => o.departmentId === d.id).map((o) => o.categoryId) }));
}

/** Names of 6-digit county keys ('000000', every county, has none): lists say 门源回族自治县, not 632221. */
async function countyNames(ex: Executor, counties: string[]): Promise<Map<string, string>> {
  const keys = [...new Set(counties)].filter((c) => c !== EVERY_COUNTY);
  const names = await regions.namesOf(ex, keys.map(codeFromPrefix));
  return new Map(keys.flatMap((c) => (names.has(codeFromPrefix(c)) ? [[c, names.get(codeFromPrefix(c))!] as const] : [])));
}

/**
 * Changes a department of the actor's counties: its name, the categories it owns there (exactly these from now
 * on), or whether it is active. @throws FORBIDDEN, NOT_FOUND, INVALID_SCOPE, CONFLICT, VALIDATION_FAILED
 */
export async function updateDepartment(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof DepartmentUpdateSchema>): Promise<Department> {
  manage(actor);
  const d = foundOrMissing(await repo.departmentUnder(ctx.db, id, countyPrefixOf(actor)));
  assertCounty(actor, d.countyCode);
  if (patch.name !== undefined && patch.name !== d.name && (await repo.departmentsUnder(ctx.db, d.countyCode)).some((x) => x.name === patch.name)) {
    throw new AppError('CONFLICT', [{ path: 'name', code: 'taken', message: patch.name }]);
  }
  if (patch.categoryIds) {
    const known = new Set((await repo.allCategories(ctx.db)).map((c) => c.id));
    const unknown = patch.categoryIds.find((c) => !known.has(c));
    if (unknown) throw new AppError('VALIDATION_FAILED', [{ path: 'categoryIds', code: 'unknown', message: unknown }]);
  }
  await writeReference(ctx, async (tx) => {
    await repo.updateDepartment(tx, id, { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}) });
    if (patch.categoryIds) await repo.replaceOwnership(tx, d.countyCode, id, patch.categoryIds);
    await audit.record(tx, ctx, actor, { action: 'department.update', objectType: 'department', objectId: id, countyCode: d.countyCode, detail: { fields: Object.keys(patch), ...(patch.categoryIds ? { categories: patch.categoryIds } : {}) } });
  });
  const now = await listDepartments(ctx, actor);
  return now.find((x) => x.id === id)!;
}

/** One department under the actor's scope. @throws NOT_FOUND */
export async function getDepartment(ctx: AppContext, actor: Actor, id: string) {
  const d = foundOrMissing(await repo.departmentUnder(ctx.db, id, countyPrefixOf(actor)));
  return d;
}

/** A department's name, unscoped (for case views already scoped). */
export async function departmentName(ex: Executor, id: string): Promise<string | null> {
  return (await repo.departmentUnder(ex, id, ''))?.name ?? null;
}

/** The names of these departments, by id (unknown ids left out). */
export async function departmentNames(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  return new Map((await repo.departmentsByIds(ex, ids)).map((d) => [d.id, d.name]));
}

/** Adds a department owning some categories in its county. @throws FORBIDDEN, INVALID_SCOPE, CONFLICT */
export async function createDepartment(ctx: AppContext, actor: Actor, input: z.infer<typeof DepartmentCreateSchema>) {
  manage(actor);
  assertCounty(actor, input.countyCode);
  const existing = await repo.departmentsUnder(ctx.db, input.countyCode);
  if (existing.some((d) => d.name === input.name)) throw new AppError('CONFLICT', [{ path: 'name', code: 'taken', message: input.name }]);
  const row = { id: randomUUID(), countyCode: input.countyCode, name: input.name, active: true, createdAt: ctx.clock.now() };
  await ctx.db.transaction(async (tx) => {
    await repo.insertDepartment(tx, row, input.categoryIds);
    await audit.record(tx, ctx, actor, { action: 'department.create', objectType: 'department', objectId: row.id, countyCode: row.countyCode, detail: { categories: input.categoryIds } });
    await announce(ctx, tx, 'reference'); // the other servers drop their cached copies on commit
  });
  return { ...row, createdAt: row.createdAt.toISOString(), categoryIds: input.categoryIds };
}

/** The department that owns a category in a county, or null (then the place comes first). */
export function departmentOwning(ex: Executor, countyCode: string, categoryId: string): Promise<string | null> {
  return repo.ownerOf(ex, countyCode, categoryId);
}

/** Tier → handling level for a county (its own rules over the defaults). */
export async function routingRules(ex: Executor, countyCode: string): Promise<Record<Tier, HandlingLevel>> {
  const rows = await repo.routingRows(ex, countyCode);
  const out = { ...defaultRouting };
  for (const r of rows.filter((x) => x.countyCode === '000000')) out[r.tier as Tier] = r.level as HandlingLevel;
  for (const r of rows.filter((x) => x.countyCode === countyCode)) out[r.tier as Tier] = r.level as HandlingLevel;
  return out;
}

/** Sets a county's routing rules. @throws FORBIDDEN, INVALID_SCOPE */
export async function setRoutingRules(ctx: AppContext, actor: Actor, countyCode: string, rules: z.infer<typeof RoutingRulesSchema>) {
  manage(actor);
  assertOwner(actor, ownerOfCounty(countyCode), 'countyCode');
  await ctx.db.transaction(async (tx) => {
    await repo.setRouting(tx, countyCode, rules);
    await audit.record(tx, ctx, actor, { action: 'routing.set', objectType: 'county', objectId: countyCode, countyCode, detail: rules });
    await announce(ctx, tx, 'reference'); // the other servers drop their cached copies on commit
  });
  return routingRules(ctx.db, countyCode);
}

export interface DeadlinePolicy {
  firstResponseMinutes: number;
  stageMinutes: number;
  totalMinutes: number;
  mode: ClockMode;
}

/** The most specific policy: county+category, county, default+category, default. */
export function deadlinePolicy(ctx: AppContext, ex: Executor, countyCode: string, categoryId: string, tier: string): Promise<DeadlinePolicy> {
  return ctx.cache.get(`policy:${countyCode}:${categoryId}:${tier}`, () => choosePolicy(ex, countyCode, categoryId, tier));
}

async function choosePolicy(ex: Executor, countyCode: string, categoryId: string, tier: string): Promise<DeadlinePolicy> {
  const rows = await repo.policyCandidates(ex, countyCode, categoryId, tier);
  const rank = (r: repo.PolicyRow) => (r.countyCode === countyCode ? 0 : 2) + (r.categoryId === categoryId ? 0 : 1);
  const best = rows.sort((a, b) => rank(a) - rank(b))[0];
  if (!best) return { firstResponseMinutes: 60, stageMinutes: 1440, totalMinutes: 7 * 1440, mode: 'working' };
  return { firstResponseMinutes: best.firstResponseMinutes, stageMinutes: best.stageMinutes, totalMinutes: best.totalMinutes, mode: best.mode as ClockMode };
}

/** Deadline policies visible to the actor (defaults and its counties), each with its county's name. */
export async function listPolicies(ctx: AppContext, actor: Actor) {
  const rows = await repo.policiesUnder(ctx.db, countyPrefixOf(actor));
  const names = await countyNames(ctx.db, rows.map((r) => r.countyCode));
  return rows.map((r) => ({ ...r, countyName: names.get(r.countyCode) ?? null }));
}

/** Sets one policy row. @throws FORBIDDEN, INVALID_SCOPE */
export async function setPolicy(ctx: AppContext, actor: Actor, p: z.infer<typeof DeadlinePolicySchema>) {
  manage(actor);
  assertOwner(actor, ownerOfCounty(p.countyCode), 'countyCode');
  await writeReference(ctx, async (tx) => {
    await repo.upsertPolicy(tx, p);
    await audit.record(tx, ctx, actor, { action: 'deadlinePolicy.set', objectType: 'deadlinePolicy', objectId: `${p.countyCode}/${p.categoryId}/${p.tier}`, detail: p });
  });
  return p;
}

/**
 * A county's working calendar for the deadline maths: the shared days, with the county's own days
 * overriding them on the same date (another county's days never apply).
 */
export function workCalendar(ctx: AppContext, ex: Executor, countyCode: string): Promise<WorkCalendar> {
  return ctx.cache.get(`calendar:${countyCode}`, async () => {
    const byDay = new Map<string, string>();
    const rows = await repo.calendarOf(ex, [EVERY_COUNTY, countyCode]);
    for (const r of rows.filter((x) => x.countyCode === EVERY_COUNTY)) byDay.set(r.day, r.kind);
    for (const r of rows.filter((x) => x.countyCode !== EVERY_COUNTY)) byDay.set(r.day, r.kind);
    const days = [...byDay];
    return { holidays: new Set(days.filter(([, k]) => k === 'holiday').map(([d]) => d)), workdays: new Set(days.filter(([, k]) => k === 'workday').map(([d]) => d)) };
  });
}

/** The calendar rows for the admin screen: the shared days and those of the actor's counties, with county names. */
export async function listCalendar(ctx: AppContext, actor: Actor) {
  const rows = await repo.calendarUnder(ctx.db, countyPrefixOf(actor));
  const names = await countyNames(ctx.db, rows.map((r) => r.countyCode));
  return rows.map((r) => ({ ...r, countyName: names.get(r.countyCode) ?? null }));
}

/**
 * Sets one day of a county's calendar (or every county's, '000000': prefecture-level administrators only) as a
 * holiday, a 调休 workday, or back to normal (the row removed). @throws FORBIDDEN, INVALID_SCOPE
 */
export async function setCalendarDay(ctx: AppContext, actor: Actor, input: z.infer<typeof CalendarDaySetSchema>) {
  manage(actor);
  assertOwner(actor, ownerOfCounty(input.countyCode), 'countyCode');
  await writeReference(ctx, async (tx) => {
    if (input.kind === 'normal') await repo.deleteCalendarDay(tx, input.countyCode, input.day);
    else await repo.upsertCalendar(tx, input.countyCode, [{ day: input.day, kind: input.kind, name: input.name }]);
    await audit.record(tx, ctx, actor, { action: 'calendar.setDay', objectType: 'calendar', objectId: `${input.countyCode}/${input.day}`, ...(input.countyCode !== EVERY_COUNTY ? { countyCode: input.countyCode } : {}), detail: { day: input.day, kind: input.kind } });
  });
  return { countyCode: input.countyCode, day: input.day, kind: input.kind, name: input.kind === 'normal' ? '' : input.name };
}

/**
 * Imports holidays and 调休 workdays (`date,kind,name`) for one county, or for every county ('000000',
 * prefecture-level administrators only), all or nothing. @throws FORBIDDEN, INVALID_SCOPE, IMPORT_INVALID
 */
export async function importCalendar(ctx: AppContext, actor: Actor, csvText: string, countyCode: string = EVERY_COUNTY): Promise<{ imported: number; countyCode: string }> {
  manage(actor);
  assertOwner(actor, ownerOfCounty(countyCode), 'countyCode');
  const table = parseCsv(csvText);
  if ((table[0] ?? []).map((h) => h.trim()).slice(0, 2).join(',') !== 'date,kind') throw new AppError('IMPORT_INVALID', [{ path: 'row 1', code: 'bad_header', message: '表头应为 date,kind,name' }]);
  const { entries, errors } = parseCalendarCsv(table);
  if (errors.length) throw new AppError('IMPORT_INVALID', errors.map((e) => ({ path: e.split(':')[0]!, code: 'bad_row', message: e })));
  await writeReference(ctx, async (tx) => {
    await repo.upsertCalendar(tx, countyCode, entries.map((e) => ({ day: e.date, kind: e.kind, name: e.name })));
    await audit.record(tx, ctx, actor, { action: 'calendar.import', objectType: 'calendar', objectId: countyCode, ...(countyCode !== EVERY_COUNTY ? { countyCode } : {}), detail: { rows: entries.length } });
  });
  return { imported: entries.length, countyCode };
}

/** The county a department serves, or null. */
export async function departmentCountyOf(ex: Executor, id: string): Promise<string | null> {
  return (await repo.departmentUnder(ex, id, ''))?.countyCode ?? null;
}
