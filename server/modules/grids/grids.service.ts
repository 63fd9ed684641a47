/** Grids (C1): scoped reads, duty layers, staff, household groups, import, and point → grid lookup. */
import type { GridDetail, GridPage } from '../../../core/schemas/grids.response.ts';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { subtreePrefix, ancestorAt } from '../../../core/region-code.ts';
import { type GridDuty, type GridStaffRole } from '../../../core/roles.ts';
import type { Polygon } from '../../../core/geo.ts';
import type { Actor } from '../../lib/actor.ts';
import { foundOrMissing, inActorScope, requirePermission as need, scopePrefix } from '../../lib/access.ts';
import { announce } from '../../lib/change-feed.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as audit from '../audit/audit.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as repo from './grids.repository.ts';
import { planGridImport } from './grids.import.ts';

async function gridInScope(ctx: AppContext, actor: Actor, code: string) {
  const g = foundOrMissing(await repo.findInScope(ctx.db, code, scopePrefix(actor)));
  return g;
}

/** The grid if it exists inside the actor's scope, for a record placed in it. @throws VALIDATION_FAILED naming `path` */
export async function gridFor(ex: Executor, actor: Actor, gridCode: string, path = 'body.gridCode') {
  const g = await repo.findInScope(ex, gridCode, scopePrefix(actor));
  if (!g) throw new AppError('VALIDATION_FAILED', [{ path, code: 'unknown_grid', message: `网格 ${gridCode} 不存在或不在您的范围内` }]);
  return g;
}

/** Code, county and village of every grid under a region prefix (imports check each row's grid against it). */
export function gridCodesUnder(ex: Executor, prefix: string) {
  return repo.codesUnder(ex, prefix);
}

/** Rebuilds the in-memory spatial index from the database. */
export async function rebuildIndex(ctx: AppContext): Promise<number> {
  const rows = await repo.allPolygons(ctx.db);
  ctx.gridIndex.rebuild(rows.map((r) => ({ code: r.code, polygon: r.geometry as Polygon })));
  return rows.length;
}

/** A page of grids under a region (default: the actor's scope). @throws NOT_FOUND for a region out of scope */
export async function listGrids(ctx: AppContext, actor: Actor, q: { region?: string; q?: string; page: number; pageSize: number }): Promise<GridPage> {
  need(actor, 'grid:read');
  const region = q.region ?? actor.scopeCode;
  await regions.getRegion(ctx, actor, region);
  const { rows, total } = await repo.listUnder(ctx.db, subtreePrefix(region), q.q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows, total, page: q.page, pageSize: q.pageSize };
}

/** Grid polygons under a region as a GeoJSON FeatureCollection for the map (at most 20,000). */
export async function gridGeoJson(ctx: AppContext, actor: Actor, region?: string) {
  need(actor, 'grid:read');
  const r = region ?? actor.scopeCode;
  await regions.getRegion(ctx, actor, r);
  const rows = await repo.geometriesUnder(ctx.db, subtreePrefix(r), 20_000);
  // Village names label the map (a map without tiles shows outlines and these names only).
  const villages = await regions.namesOf(ctx.db, [...new Set(rows.map((g) => ancestorAt(g.code, 'village')))]);
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((g) => ({ type: 'Feature' as const, properties: { code: g.code, name: g.name, villageName: villages.get(ancestorAt(g.code, 'village')) ?? '' }, geometry: g.geometry as Polygon })),
  };
}

/** One grid with its staff, household groups and region names. @throws NOT_FOUND */
export async function getGrid(ctx: AppContext, actor: Actor, code: string): Promise<GridDetail> {
  need(actor, 'grid:read');
  const g = await gridInScope(ctx, actor, code);
  const [staff, groups, names] = await Promise.all([
    repo.staffOf(ctx.db, code),
    repo.groupsOf(ctx.db, code),
    regions.namesOf(ctx.db, [g.villageCode, ancestorAt(g.villageCode, 'township'), ancestorAt(g.villageCode, 'county')]),
  ]);
  return {
    code: g.code,
    name: g.name,
    villageCode: g.villageCode,
    villageName: names.get(g.villageCode) ?? '',
    townshipName: names.get(ancestorAt(g.villageCode, 'township')) ?? '',
    countyName: names.get(ancestorAt(g.villageCode, 'county')) ?? '',
    geometry: g.geometry as Polygon,
    duties: g.duties,
    staff: staff.map((s) => ({ id: s.id, role: s.role, name: s.name })),
    householdGroups: groups.map((h) => ({ id: h.id, name: h.name, kind: h.kind, leaderName: h.leaderName, memberCount: h.memberCount })),
  };
}

/** One household group. @throws NOT_FOUND */
export async function getHouseholdGroup(ctx: AppContext, actor: Actor, id: string) {
  need(actor, 'grid:read');
  const h = foundOrMissing(await repo.findGroupInScope(ctx.db, id, scopePrefix(actor)));
  return { id: h.id, gridCode: h.gridCode, name: h.name, kind: h.kind, leaderName: h.leaderName, memberCount: h.memberCount };
}

/** Sets the duty layers a grid carries (多网合一). @throws FORBIDDEN, NOT_FOUND */
export async function setDuties(ctx: AppContext, actor: Actor, code: string, duties: GridDuty[]) {
  need(actor, 'grid:write');
  await gridInScope(ctx, actor, code);
  await ctx.db.transaction(async (tx) => {
    await repo.setDuties(tx, code, [...new Set(duties)], ctx.clock.now());
    await audit.record(tx, ctx, actor, { action: 'grid.setDuties', objectType: 'grid', objectId: code, countyCode: code.slice(0, 6), detail: { duties } });
  });
  return getGrid(ctx, actor, code);
}

/** Assigns a person to a grid in a staff role. @throws FORBIDDEN, NOT_FOUND */
export async function addStaff(ctx: AppContext, actor: Actor, code: string, input: { role: GridStaffRole; name: string }) {
  need(actor, 'grid:write');
  const g = await gridInScope(ctx, actor, code);
  const row = { id: randomUUID(), gridCode: code, countyCode: g.countyCode, role: input.role, name: input.name, userId: null, createdAt: ctx.clock.now() };
  await ctx.db.transaction(async (tx) => {
    await repo.insertStaff(tx, [row]);
    await audit.record(tx, ctx, actor, { action: 'grid.addStaff', objectType: 'gridStaff', objectId: row.id, countyCode: g.countyCode, detail: { grid: code, role: input.role } });
  });
  return { id: row.id, role: row.role, name: row.name };
}

/** Removes a staff assignment. @throws FORBIDDEN, NOT_FOUND */
export async function removeStaff(ctx: AppContext, actor: Actor, code: string, staffId: string): Promise<void> {
  need(actor, 'grid:write');
  const g = await gridInScope(ctx, actor, code);
  const s = foundOrMissing(await repo.findStaff(ctx.db, code, staffId));
  await ctx.db.transaction(async (tx) => {
    await repo.deleteStaff(tx, g.countyCode, staffId);
    await audit.record(tx, ctx, actor, { action: 'grid.removeStaff', objectType: 'gridStaff', objectId: staffId, countyCode: g.countyCode, detail: { grid: code, role: s.role } });
  });
}

/** The grid, village, township and county at a point inside the actor's scope. @throws LOCATION_OUTSIDE_GRIDS */
export async function locate(ctx: AppContext, actor: Actor, lng: number, lat: number) {
  need(actor, 'locate:use');
  const code = ctx.gridIndex.locate(lng, lat);
  // A grid outside the actor's scope answers like no grid at all.
  if (!code || !inActorScope(actor, code)) throw new AppError('LOCATION_OUTSIDE_GRIDS');
  const g = await repo.findInScope(ctx.db, code, scopePrefix(actor));
  if (!g) throw new AppError('LOCATION_OUTSIDE_GRIDS');
  const v = g.villageCode, t = ancestorAt(v, 'township'), c = ancestorAt(v, 'county');
  const names = await regions.namesOf(ctx.db, [v, t, c]);
  const named = (k: string) => (names.has(k) ? { code: k, name: names.get(k)! } : null);
  return { grid: { code: g.code, name: g.name }, village: { code: v, name: names.get(v) ?? '' }, township: named(t), county: named(c) };
}

/** Imports a grid GeoJSON all-or-nothing and rebuilds the index. @throws FORBIDDEN, IMPORT_INVALID */
export async function importGrids(ctx: AppContext, actor: Actor, text: string): Promise<{ imported: number }> {
  need(actor, 'grid:write');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('IMPORT_INVALID', [{ path: 'file', code: 'bad_json', message: `不是有效的 JSON: ${(e as Error).message}` }]);
  }
  const villages = await regions.levelsByCode(ctx);
  const { rows, issues } = planGridImport(json, villages);
  const outside = actor.kind === 'system' ? [] : rows.filter((r) => !inActorScope(actor, r.code));
  if (issues.length || outside.length) {
    throw new AppError('IMPORT_INVALID', [...issues, ...outside.map((r) => ({ path: r.code, code: 'out_of_scope', message: `${r.code} 超出管辖范围` }))]);
  }
  await ctx.db.transaction(async (tx) => {
    await repo.upsertMany(tx, rows, ctx.clock.now());
    await audit.record(tx, ctx, actor, { action: 'grid.import', objectType: 'grid', detail: { rows: rows.length } });
    await announce(ctx, tx, 'grids'); // the other servers rebuild their point → grid index on commit
  });
  await rebuildIndex(ctx);
  return { imported: rows.length };
}

/** Adds household groups and staff in bulk (demo seeding and imports). @throws FORBIDDEN */
export async function addGroupsAndStaff(
  ctx: AppContext,
  actor: Actor,
  groups: { gridCode: string; name: string; kind: string; leaderName: string | null; memberCount: number }[],
  staff: { gridCode: string; role: GridStaffRole; name: string }[],
): Promise<void> {
  need(actor, 'grid:write');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.insertGroups(tx, groups.map((g) => ({ ...g, id: randomUUID(), countyCode: g.gridCode.slice(0, 6), createdAt: now })));
    await repo.insertStaff(tx, staff.map((s) => ({ ...s, id: randomUUID(), countyCode: s.gridCode.slice(0, 6), userId: null, createdAt: now })));
    await audit.record(tx, ctx, actor, { action: 'grid.bulkStaff', objectType: 'grid', detail: { groups: groups.length, staff: staff.length } });
  });
}

/** Grid codes that already have household groups (so re-seeding does not add them twice). */
export async function gridsWithGroups(ctx: AppContext): Promise<Set<string>> {
  return new Set(await repo.gridCodesWithGroups(ctx.db));
}

/** Accounts of a grid's staff in one role (unscoped: for notifications about a case already placed there). */
export function staffUserIds(ex: Executor, gridCode: string, role: GridStaffRole): Promise<string[]> {
  return repo.staffUserIds(ex, gridCode, role);
}

/** Grid outlines around a point for the resident's map (public: grid names and shapes are not personal). */
export async function gridsAround(ctx: AppContext, lng: number, lat: number) {
  const d = 0.03; // about 3 km
  const rows = await repo.geometriesInBox(ctx.db, [lng - d, lat - d, lng + d, lat + d], 300);
  return { type: 'FeatureCollection' as const, features: rows.map((g) => ({ type: 'Feature' as const, properties: { code: g.code, name: g.name }, geometry: g.geometry as Polygon })) };
}
