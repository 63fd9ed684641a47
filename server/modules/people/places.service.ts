/**
 * Buildings (shown on the grid map) and places and organisations of a grid (schools, hospitals, places of worship,
 * scenic spots, businesses with their unified social credit code, social organisations). A point given for a
 * building or place must lie in its grid; a contact person's name and phone are stored encrypted and listed masked.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../core/errors.ts';
import { maskPhone, normaliseMobile } from '../../../core/contact.ts';
import { maskName } from '../../../core/people/masks.ts';
import { parseCreditCode } from '../../../core/people/credit-code.ts';
import type { BuildingCreateSchema, GridItemsQuery, PlaceCreateSchema } from '../../../core/schemas/people.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './places.repository.ts';
import { codeProblems, gridFor, requirePermission, scopePrefix } from './persons.service.ts';

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
  const row: repo.BuildingRow = { countyCode: grid.countyCode, id: randomUUID(), gridCode: grid.code, villageCode: grid.villageCode, name: input.name, address: input.address ?? null, lat: input.lat ?? null, lng: input.lng ?? null, floors: input.floors ?? null, kind: input.kind ?? null, createdAt: now, updatedAt: now };
  await ctx.db.transaction(async (tx) => {
    await repo.insertBuilding(tx, row);
    await audit.record(tx, ctx.clock, actor, { action: 'building.create', objectType: 'building', objectId: row.id, countyCode: row.countyCode });
  });
  return presentBuilding(row);
}

/** A grid's buildings (with points, for the map). @throws FORBIDDEN, VALIDATION_FAILED */
export async function listBuildings(ctx: AppContext, actor: Actor, q: z.infer<typeof GridItemsQuery>) {
  requirePermission(actor, 'person:read');
  const grid = await gridFor(ctx.db, actor, q.grid, 'query.grid');
  return (await repo.buildingsOf(ctx.db, grid.code)).map(presentBuilding);
}

const presentBuilding = (b: repo.BuildingRow) => ({ id: b.id, gridCode: b.gridCode, name: b.name, address: b.address, lat: b.lat, lng: b.lng, floors: b.floors, kind: b.kind });

/** Adds a place or organisation. @throws FORBIDDEN, VALIDATION_FAILED (kind, credit code, phone, point) */
export async function createPlace(ctx: AppContext, actor: Actor, input: z.infer<typeof PlaceCreateSchema>) {
  requirePermission(actor, 'person:write');
  const issues = await codeProblems(ctx, ctx.db, [['body.kind', 'place_kind', input.kind]]);
  const creditCode = input.creditCode ? parseCreditCode(input.creditCode) : null;
  if (input.creditCode && !creditCode) issues.push({ path: 'body.creditCode', code: 'bad_credit_code', message: '统一社会信用代码无效（18位，校验码不符）' });
  const phone = input.contactPhone ? normaliseMobile(input.contactPhone) : null;
  if (input.contactPhone && !phone) issues.push({ path: 'body.contactPhone', code: 'bad_mobile', message: '手机号码格式不正确' });
  const grid = await gridFor(ctx.db, actor, input.gridCode);
  issues.push(...pointIssues(ctx, grid.code, input.lat, input.lng));
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const now = ctx.clock.now();
  const contact = input.contactName || phone ? ctx.crypto.encrypt(JSON.stringify({ name: input.contactName ?? null, phone })) : null;
  const row: repo.PlaceRow = { countyCode: grid.countyCode, id: randomUUID(), gridCode: grid.code, villageCode: grid.villageCode, kind: input.kind, name: input.name, creditCode, address: input.address ?? null, lat: input.lat ?? null, lng: input.lng ?? null, contactNameMask: input.contactName ? maskName(input.contactName) : null, contactEnc: contact, contactPhoneMask: phone ? maskPhone(phone) : null, staffCount: input.staffCount ?? null, createdAt: now, updatedAt: now };
  await ctx.db.transaction(async (tx) => {
    await repo.insertPlace(tx, row);
    await audit.record(tx, ctx.clock, actor, { action: 'place.create', objectType: 'place', objectId: row.id, countyCode: row.countyCode });
  });
  return presentPlace(row);
}

/** A grid's places, of one kind if asked. @throws FORBIDDEN, VALIDATION_FAILED */
export async function listPlaces(ctx: AppContext, actor: Actor, q: z.infer<typeof GridItemsQuery>) {
  requirePermission(actor, 'person:read');
  const grid = await gridFor(ctx.db, actor, q.grid, 'query.grid');
  return (await repo.placesOf(ctx.db, grid.code, q.kind)).map(presentPlace);
}

/** One place. @throws FORBIDDEN, NOT_FOUND */
export async function getPlace(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'person:read');
  const p = await repo.placeInScope(ctx.db, id, scopePrefix(actor));
  if (!p) throw new AppError('NOT_FOUND');
  return presentPlace(p);
}

const presentPlace = (p: repo.PlaceRow) => ({ id: p.id, gridCode: p.gridCode, kind: p.kind, name: p.name, creditCode: p.creditCode, address: p.address, lat: p.lat, lng: p.lng, contactName: p.contactNameMask, contactPhone: p.contactPhoneMask, staffCount: p.staffCount });
