/**
 * Buildings (shown on the grid map) and places and organisations of a grid (schools, hospitals, places of worship,
 * scenic spots, businesses with their unified social credit code, social organisations). A point given for a
 * building or place must lie in its grid; a contact person's name and phone are stored encrypted and listed masked.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, staleVersion, type FieldIssue } from '../../../core/errors.ts';
import { maskPhone, mobileIssue, normaliseMobile } from '../../../core/contact.ts';
import { maskName } from '../../../core/people/masks.ts';
import { parseCreditCode } from '../../../core/people/credit-code.ts';
import type { BuildingCreateSchema, BuildingUpdateSchema, GridItemsQuery, PlaceCreateSchema, PlaceListQuery, PlaceUpdateSchema } from '../../../core/schemas/people.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './places.repository.ts';
import * as peopleRepo from './people.repository.ts';
import { foundOrMissing, requirePermission, scopePrefix } from '../../lib/access.ts';
import { gridFor } from '../grids/grids.service.ts';
import { listPrefix } from './list-scope.ts';
import { codeProblems } from '../codes/codes.service.ts';

function pointIssues(ctx: AppContext, gridCode: string, lat?: number, lng?: number): FieldIssue[] {
  if ((lat === undefined) !== (lng === undefined)) return [{ path: 'body.lat', code: 'incomplete_point', message: '经纬度须同时提供' }];
  if (lat === undefined || lng === undefined) return [];
  return ctx.gridIndex.locate(lng, lat) === gridCode ? [] : [{ path: 'body.lat', code: 'outside_grid', message: `该位置不在网格 ${gridCode} 内` }];
}

/** Adds a building to a grid. @throws FORBIDDEN, VALIDATION_FAILED */
export async function createBuilding(ctx: AppContext, actor: Actor, input: z.infer<typeof BuildingCreateSchema>) {
  requirePermission(actor, 'person:write');
  const grid = await gridFor(ctx.db, actor, input.gridCode);
  const issues = pointIssues(ctx, grid.code, input.lat, input.lng);
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const now = ctx.clock.now();
  const row: repo.BuildingRow = { countyCode: grid.countyCode, id: randomUUID(), gridCode: grid.code, villageCode: grid.villageCode, name: input.name, address: input.address ?? null, lat: input.lat ?? null, lng: input.lng ?? null, floors: input.floors ?? null, kind: input.kind ?? null, createdAt: now, updatedAt: now, version: 0 };
  await ctx.db.transaction(async (tx) => {
    await repo.insertBuilding(tx, row);
    await audit.record(tx, ctx, actor, { action: 'building.create', objectType: 'building', objectId: row.id, countyCode: row.countyCode });
  });
  return presentBuilding(row);
}

/** A grid's buildings (with points, for the map). @throws FORBIDDEN, VALIDATION_FAILED */
export async function listBuildings(ctx: AppContext, actor: Actor, q: z.infer<typeof GridItemsQuery>) {
  requirePermission(actor, 'person:read');
  const grid = await gridFor(ctx.db, actor, q.grid, 'query.grid');
  return (await repo.buildingsOf(ctx.db, grid.code)).map(presentBuilding);
}

const presentBuilding = (b: repo.BuildingRow) => ({ id: b.id, gridCode: b.gridCode, name: b.name, address: b.address, lat: b.lat, lng: b.lng, floors: b.floors, kind: b.kind, version: b.version });

/** Adds a place or organisation. @throws FORBIDDEN, VALIDATION_FAILED (kind, credit code, phone, point) */
export async function createPlace(ctx: AppContext, actor: Actor, input: z.infer<typeof PlaceCreateSchema>) {
  requirePermission(actor, 'person:write');
  const { issues, creditCode, phone } = await placeProblems(ctx, input);
  const grid = await gridFor(ctx.db, actor, input.gridCode);
  issues.push(...pointIssues(ctx, grid.code, input.lat, input.lng));
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const now = ctx.clock.now();
  const contact = input.contactName || phone ? ctx.crypto.encrypt(JSON.stringify({ name: input.contactName ?? null, phone })) : null;
  const row: repo.PlaceRow = { countyCode: grid.countyCode, id: randomUUID(), gridCode: grid.code, villageCode: grid.villageCode, kind: input.kind, name: input.name, creditCode, address: input.address ?? null, lat: input.lat ?? null, lng: input.lng ?? null, contactNameMask: input.contactName ? maskName(input.contactName) : null, contactEnc: contact, contactPhoneMask: phone ? maskPhone(phone) : null, staffCount: input.staffCount ?? null, createdAt: now, updatedAt: now, version: 0 };
  await ctx.db.transaction(async (tx) => {
    await repo.insertPlace(tx, row);
    await audit.record(tx, ctx, actor, { action: 'place.create', objectType: 'place', objectId: row.id, countyCode: row.countyCode });
  });
  return presentPlace(row);
}

/** Problems with a place's kind, credit code and contact phone, and those values checked. */
async function placeProblems(ctx: AppContext, input: { kind?: string; creditCode?: string; contactPhone?: string }) {
  const issues = await codeProblems(ctx, ctx.db, [['body.kind', 'place_kind', input.kind]]);
  const creditCode = input.creditCode ? parseCreditCode(input.creditCode) : null;
  if (input.creditCode && !creditCode) issues.push({ path: 'body.creditCode', code: 'bad_credit_code', message: '统一社会信用代码无效（18位，校验码不符）' });
  const phone = input.contactPhone ? normaliseMobile(input.contactPhone) : null;
  if (input.contactPhone && !phone) issues.push(mobileIssue('body.contactPhone'));
  return { issues, creditCode, phone };
}

/** The places of a grid, village, township or the whole scope, of one kind if asked, with their grid's name. @throws FORBIDDEN, VALIDATION_FAILED */
export async function listPlaces(ctx: AppContext, actor: Actor, q: z.infer<typeof PlaceListQuery>) {
  requirePermission(actor, 'person:read');
  const rows = await repo.placesOf(ctx.db, await listPrefix(ctx, actor, q), q.kind);
  const names = await peopleRepo.gridNames(ctx.db, rows.map((p) => p.gridCode));
  return rows.map((p) => ({ ...presentPlace(p), gridName: names.get(p.gridCode) ?? null }));
}

/** One place. @throws FORBIDDEN, NOT_FOUND */
export async function getPlace(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'person:read');
  const p = foundOrMissing(await repo.placeInScope(ctx.db, id, scopePrefix(actor)));
  return presentPlace(p);
}

const presentPlace = (p: repo.PlaceRow) => ({ id: p.id, gridCode: p.gridCode, kind: p.kind, name: p.name, creditCode: p.creditCode, address: p.address, lat: p.lat, lng: p.lng, contactName: p.contactNameMask, contactPhone: p.contactPhoneMask, staffCount: p.staffCount, version: p.version });

/** Corrects a building (a point must lie in its grid), with the version read. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED, CONFLICT (stale) */
export async function updateBuilding(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof BuildingUpdateSchema>) {
  requirePermission(actor, 'person:write');
  const { version, ...changes } = input;
  const updated = await correct(ctx, actor, 'building', version, changedFields(input), (tx) => repo.buildingForUpdate(tx, id, scopePrefix(actor)), repo.updateBuilding, (b) => ({ ...b, ...stripUndefined(changes) }), 'lat' in changes || 'lng' in changes);
  return presentBuilding(updated);
}

/** Corrects a place or organisation, with the version read. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED, CONFLICT (stale) */
export async function updatePlace(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof PlaceUpdateSchema>) {
  requirePermission(actor, 'person:write');
  const { version, contactName, contactPhone, ...rest } = input;
  const { issues, creditCode, phone } = await placeProblems(ctx, { kind: rest.kind, creditCode: rest.creditCode ?? undefined, contactPhone: contactPhone ?? undefined });
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const updated = await correct(ctx, actor, 'place', version, changedFields(input), (tx) => repo.placeForUpdate(tx, id, scopePrefix(actor)), repo.updatePlace, (p) => {
    const next: repo.PlaceRow = { ...p, ...stripUndefined(rest), ...(rest.creditCode !== undefined ? { creditCode: creditCode ?? null } : {}) };
    if (contactName === undefined && contactPhone === undefined) return next;
    // The contact is one ciphertext: what is not changed is kept from the stored one.
    const old = p.contactEnc ? (JSON.parse(ctx.crypto.decrypt(p.contactEnc)) as { name: string | null; phone: string | null }) : { name: null, phone: null };
    const contact = { name: contactName === undefined ? old.name : contactName || null, phone: contactPhone === undefined ? old.phone : phone };
    return { ...next, contactEnc: contact.name || contact.phone ? ctx.crypto.encrypt(JSON.stringify(contact)) : null, contactNameMask: contact.name ? maskName(contact.name) : null, contactPhoneMask: contact.phone ? maskPhone(contact.phone) : null };
  }, 'lat' in rest || 'lng' in rest);
  return presentPlace(updated);
}

/** The fields a correction names (besides its version). @throws VALIDATION_FAILED when none */
function changedFields(input: object): string[] {
  const fields = Object.entries(input).filter(([k, v]) => k !== 'version' && v !== undefined).map(([k]) => k);
  if (!fields.length) throw new AppError('VALIDATION_FAILED', [{ path: 'body', code: 'nothing_to_change', message: '没有要修改的内容' }]);
  return fields;
}

/**
 * One correction of a building or place in one transaction: the row held, the version read compared, the change
 * applied (a moved point must stay in the grid), written, and named by its fields in history and audit.
 */
async function correct<T extends { countyCode: string; id: string; gridCode: string; version: number; lat: number | null; lng: number | null; updatedAt: Date }>(
  ctx: AppContext, actor: Actor, type: 'building' | 'place', version: number, fields: string[],
  load: (tx: Executor) => Promise<T | undefined>, save: (tx: Executor, row: T) => Promise<void>, apply: (row: T) => T, pointMoved: boolean,
): Promise<T> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = foundOrMissing(await load(tx));
    if (row.version !== version) throw staleVersion();
    const next = { ...apply(row), updatedAt: now, version: row.version + 1 };
    const issues = pointMoved ? pointIssues(ctx, row.gridCode, next.lat ?? undefined, next.lng ?? undefined) : [];
    if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
    await save(tx, next);
    await peopleRepo.addHistory(tx, [{ countyCode: row.countyCode, objectType: type, objectId: row.id, event: 'changed', fromGrid: null, toGrid: row.gridCode, data: { fields }, actorId: actor.id, actorName: actor.name, at: now }]);
    await audit.record(tx, ctx, actor, { action: `${type}.update`, objectType: type, objectId: row.id, countyCode: row.countyCode, detail: { fields } });
    return next;
  });
}

/** The object without its undefined properties (an absent field is not a change; null clears). */
function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
