/**
 * Dwellings and rental housing (实有房屋, 出租房屋): the dwellings of a building, a dwelling registered as let out
 * (landlord, use, day of registration) and its tenants. A tenancy is its own row, so who lived where is kept after
 * they move out. A tenant without a household moves to the dwelling's grid (they live there); one who belongs to a
 * household elsewhere keeps the household's grid (a worker renting a room in town) and is listed as a tenant.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { maskPhone, mobileIssue, normaliseMobile } from '../../../core/contact.ts';
import { idNumberIssue, parseIdNumber } from '../../../core/people/id-number.ts';
import { maskName } from '../../../core/people/masks.ts';
import type { DwellingCreateSchema, GridItemsQuery, RentalRegisterSchema, TenancyEndSchema, TenantAddSchema } from '../../../core/schemas/people.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as people from './people.repository.ts';
import * as repo from './dwellings.repository.ts';
import { presentPerson } from './people.presenter.ts';
import { exportWatermark } from './person-files.ts';
import { codeNames } from '../codes/codes.service.ts';
import { idNumberHash } from './persons.service.ts';
import { foundOrMissing, requirePermission, scopePrefix } from '../../lib/access.ts';
import { today } from '../../lib/clock.ts';
import { gridFor } from '../grids/grids.service.ts';
import { codeProblems } from '../codes/codes.service.ts';

/** A building with its dwellings, each with its rental registration and tenants (masked). @throws FORBIDDEN, NOT_FOUND */
export async function getBuilding(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'person:read');
  const b = foundOrMissing(await repo.buildingInScope(ctx.db, id, scopePrefix(actor)));
  const ds = await repo.dwellingsOfBuilding(ctx.db, b.countyCode, b.id);
  return { id: b.id, gridCode: b.gridCode, name: b.name, address: b.address, lat: b.lat, lng: b.lng, floors: b.floors, kind: b.kind, dwellings: await presentDwellings(ctx, ctx.db, b.countyCode, ds) };
}

/** Adds a dwelling to a building. @throws FORBIDDEN, NOT_FOUND, CONFLICT (label taken in the building) */
export async function addDwelling(ctx: AppContext, actor: Actor, buildingId: string, input: z.infer<typeof DwellingCreateSchema>) {
  requirePermission(actor, 'person:write');
  const b = foundOrMissing(await repo.buildingInScope(ctx.db, buildingId, scopePrefix(actor)));
  const now = ctx.clock.now();
  const row: repo.DwellingRow = { countyCode: b.countyCode, id: randomUUID(), buildingId: b.id, gridCode: b.gridCode, label: input.label, isRental: false, landlordPersonId: null, rentalRegisteredOn: null, rentalUse: null, landlordEnc: null, landlordNameMask: null, landlordPhoneMask: null, landlordIdHash: null, createdAt: now, updatedAt: now, version: 0 };
  await ctx.db.transaction(async (tx) => {
    if ((await repo.dwellingsOfBuilding(tx, b.countyCode, b.id)).some((d) => d.label === input.label)) throw new AppError('CONFLICT', [{ path: 'body.label', code: 'label_taken', message: `${b.name} 已有 ${input.label}` }]);
    await repo.insertDwelling(tx, row);
    await people.addHistory(tx, [{ countyCode: row.countyCode, objectType: 'dwelling', objectId: row.id, event: 'created', fromGrid: null, toGrid: row.gridCode, data: { buildingId: b.id, label: row.label }, actorId: actor.id, actorName: actor.name, at: now }]);
    await audit.record(tx, ctx, actor, { action: 'dwelling.create', objectType: 'dwelling', objectId: row.id, countyCode: row.countyCode });
  });
  return (await presentDwellings(ctx, ctx.db, row.countyCode, [row]))[0]!;
}

/**
 * Registers a dwelling as let out. The landlord is found by exact ID number among the living registrations within
 * the actor's scope; any other landlord needs a name (and may give a phone), stored encrypted and shown masked.
 * @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (use, dates, ID number, landlord not registered and no name, phone)
 */
export async function registerRental(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof RentalRegisterSchema>) {
  requirePermission(actor, 'person:write');
  const issues = await codeProblems(ctx, ctx.db, [['body.use', 'rental_use', input.use]]);
  if (input.registeredOn > today(ctx.clock)) issues.push({ path: 'body.registeredOn', code: 'in_future', message: '登记日期不能晚于今天' });
  const parsed = parseIdNumber(input.landlordIdNumber, today(ctx.clock));
  if ('problem' in parsed) issues.push(idNumberIssue('body.landlordIdNumber', parsed.problem));
  const phone = input.landlordPhone ? normaliseMobile(input.landlordPhone) : null;
  if (input.landlordPhone && !phone) issues.push(mobileIssue('body.landlordPhone'));
  if (issues.length || 'problem' in parsed) throw new AppError('VALIDATION_FAILED', issues);
  const hash = idNumberHash(ctx, parsed.number);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const d = foundOrMissing(await repo.dwellingInScope(tx, id, scopePrefix(actor), true));
    // Linked only to a landlord the actor may see: otherwise anyone could learn who is registered by trying numbers.
    const known = await people.activeByIdHash(tx, hash);
    const landlord = known && known.countyCode === d.countyCode ? await people.personInScope(tx, known.id, scopePrefix(actor)) : undefined;
    if (!landlord && !input.landlordName) throw new AppError('VALIDATION_FAILED', [{ path: 'body.landlordName', code: 'landlord_not_registered', message: '房东未在本县登记：请填写房东姓名' }]);
    const set = landlord
      ? { landlordPersonId: landlord.id, landlordEnc: null, landlordNameMask: landlord.nameMask, landlordPhoneMask: landlord.phoneMask, landlordIdHash: hash }
      : { landlordPersonId: null, landlordEnc: ctx.crypto.encrypt(JSON.stringify({ name: input.landlordName, idNumber: parsed.number, phone })), landlordNameMask: maskName(input.landlordName!), landlordPhoneMask: phone ? maskPhone(phone) : null, landlordIdHash: hash };
    if (!(await repo.setRental(tx, d, { isRental: true, rentalUse: input.use, rentalRegisteredOn: input.registeredOn, ...set }, now))) throw new AppError('CONFLICT');
    await people.addHistory(tx, [{ countyCode: d.countyCode, objectType: 'dwelling', objectId: d.id, event: 'rental_registered', fromGrid: null, toGrid: d.gridCode, data: { use: input.use, registeredOn: input.registeredOn, landlordRegistered: Boolean(landlord) }, actorId: actor.id, actorName: actor.name, at: now }]);
    await audit.record(tx, ctx, actor, { action: 'dwelling.rental', objectType: 'dwelling', objectId: d.id, countyCode: d.countyCode, detail: { use: input.use, landlordPersonId: landlord?.id ?? null } });
  });
  return dwellingView(ctx, actor, id);
}

/**
 * A registered person (found by exact ID number) moves into a rental dwelling.
 * @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (not let out, unknown person, other county, bad date), CONFLICT (renting elsewhere)
 */
export async function addTenant(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof TenantAddSchema>) {
  requirePermission(actor, 'person:write');
  const parsed = parseIdNumber(input.idNumber, today(ctx.clock));
  if ('problem' in parsed) throw new AppError('VALIDATION_FAILED', [idNumberIssue('body.idNumber', parsed.problem)]);
  if (input.since > today(ctx.clock)) throw new AppError('VALIDATION_FAILED', [{ path: 'body.since', code: 'in_future', message: '入住日期不能晚于今天' }]);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const d = foundOrMissing(await repo.dwellingInScope(tx, id, scopePrefix(actor), true));
    if (!d.isRental) throw new AppError('VALIDATION_FAILED', [{ path: 'params.id', code: 'not_rental', message: `${d.label} 未登记为出租房屋` }]);
    const found = await people.activeByIdHash(tx, idNumberHash(ctx, parsed.number));
    // Someone outside the actor's scope reads as not registered, like any object out of scope.
    const p = found && (await people.personInScope(tx, found.id, scopePrefix(actor)));
    if (!p) throw new AppError('VALIDATION_FAILED', [{ path: 'body.idNumber', code: 'unknown_person', message: '未找到该身份证号的在册人员：请先登记人员' }]);
    if (p.countyCode !== d.countyCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.idNumber', code: 'other_county', message: '租户须在本县登记' }]);
    const current = await repo.currentTenancy(tx, p.countyCode, p.id);
    if (current) throw new AppError('CONFLICT', [{ path: 'body.idNumber', code: current.dwellingId === d.id ? 'already_tenant' : 'renting_elsewhere', message: current.dwellingId === d.id ? '已是本房屋租户' : '仍登记在另一处出租房屋：请先办理退租' }]);
    const move = !p.householdId && p.gridCode !== d.gridCode ? { gridCode: d.gridCode } : undefined;
    await repo.insertTenancy(tx, { countyCode: d.countyCode, id: randomUUID(), dwellingId: d.id, personId: p.id, since: input.since, until: null, createdAt: now, endedAt: null });
    await repo.setPersonDwelling(tx, p.countyCode, p.id, d.id, move, now);
    const entry = (objectType: 'person' | 'dwelling', objectId: string) => ({ countyCode: d.countyCode, objectType, objectId, event: 'tenant_in', fromGrid: objectType === 'person' && move ? p.gridCode : null, toGrid: objectType === 'person' ? (move?.gridCode ?? p.gridCode) : d.gridCode, data: { dwellingId: d.id, label: d.label, personId: p.id, since: input.since }, actorId: actor.id, actorName: actor.name, at: now });
    await people.addHistory(tx, [entry('dwelling', d.id), entry('person', p.id)]);
    await audit.record(tx, ctx, actor, { action: 'tenancy.start', objectType: 'dwelling', objectId: d.id, countyCode: d.countyCode, detail: { personId: p.id, since: input.since } });
  });
  return dwellingView(ctx, actor, id);
}

/** A tenant moves out: the tenancy ends on `until` and the person no longer lives in the dwelling. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED, CONFLICT (not a current tenant) */
export async function endTenancy(ctx: AppContext, actor: Actor, id: string, personId: string, input: z.infer<typeof TenancyEndSchema>) {
  requirePermission(actor, 'person:write');
  if (input.until > today(ctx.clock)) throw new AppError('VALIDATION_FAILED', [{ path: 'body.until', code: 'in_future', message: '退租日期不能晚于今天' }]);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const d = foundOrMissing(await repo.dwellingInScope(tx, id, scopePrefix(actor), true));
    // The dwelling decides the scope: a tenant whose household lives in another village still moves out here.
    // Anyone who is not a current tenant of this dwelling gets the same answer, registered or not.
    const t = await repo.currentTenancy(tx, d.countyCode, personId);
    if (!t || t.dwellingId !== d.id) throw new AppError('CONFLICT', [{ path: 'params.personId', code: 'not_tenant', message: `不是 ${d.label} 的现住租户` }]);
    if (input.until < t.since) throw new AppError('VALIDATION_FAILED', [{ path: 'body.until', code: 'before_since', message: `退租日期早于入住日期 ${t.since}` }]);
    await repo.endTenancy(tx, t, input.until, now);
    await repo.setPersonDwelling(tx, d.countyCode, personId, null, undefined, now);
    const entry = (objectType: 'person' | 'dwelling', objectId: string) => ({ countyCode: d.countyCode, objectType, objectId, event: 'tenant_out', fromGrid: null, toGrid: d.gridCode, data: { dwellingId: d.id, label: d.label, personId, until: input.until }, actorId: actor.id, actorName: actor.name, at: now });
    await people.addHistory(tx, [entry('dwelling', d.id), entry('person', personId)]);
    await audit.record(tx, ctx, actor, { action: 'tenancy.end', objectType: 'dwelling', objectId: d.id, countyCode: d.countyCode, detail: { personId, until: input.until } });
  });
  return dwellingView(ctx, actor, id);
}

/**
 * Ends the current tenancies of these persons because they moved with their household or left the county or died,
 * inside the caller's transaction, with the reason in the history of both the person and the dwelling.
 */
export async function endTenanciesOf(tx: Executor, actor: Actor, countyCode: string, personIds: string[], until: string, reason: string, now: Date): Promise<number> {
  let ended = 0;
  for (const personId of personIds) {
    const t = await repo.currentTenancy(tx, countyCode, personId);
    if (!t) continue;
    const day = until < t.since ? t.since : until;
    await repo.endTenancy(tx, t, day, now);
    await repo.setPersonDwelling(tx, countyCode, personId, null, undefined, now);
    const entry = (objectType: 'person' | 'dwelling', objectId: string) => ({ countyCode, objectType, objectId, event: 'tenant_out', fromGrid: null, toGrid: null, data: { dwellingId: t.dwellingId, personId, until: day, reason }, actorId: actor.id, actorName: actor.name, at: now });
    await people.addHistory(tx, [entry('dwelling', t.dwellingId), entry('person', personId)]);
    ended++;
  }
  return ended;
}

/** A grid's rental housing (出租房屋台账): building, dwelling, use, landlord (masked) and current tenants. @throws FORBIDDEN, VALIDATION_FAILED */
export async function listRentals(ctx: AppContext, actor: Actor, q: z.infer<typeof GridItemsQuery>) {
  requirePermission(actor, 'person:read');
  const grid = await gridFor(ctx.db, actor, q.grid, 'query.grid');
  return (await repo.rentalsOfGrid(ctx.db, grid.code)).map(({ d, buildingName, tenants }) => ({ ...rentalOf(d), id: d.id, buildingId: d.buildingId, buildingName, label: d.label, tenants }));
}

/**
 * The grid's rental ledger as rows for an XLSX (masked: landlords and tenants as lists show them), with the
 * watermark; the export is audited. @throws FORBIDDEN, VALIDATION_FAILED
 */
export async function exportRentals(ctx: AppContext, actor: Actor, q: z.infer<typeof GridItemsQuery>) {
  requirePermission(actor, 'person:read');
  const grid = await gridFor(ctx.db, actor, q.grid, 'query.grid');
  const rentals = await repo.rentalsOfGrid(ctx.db, grid.code);
  const uses = (await codeNames(ctx, ['rental_use'])).rental_use!;
  const ts = byDwelling(await repo.tenanciesOf(ctx.db, grid.countyCode, rentals.map((r) => r.d.id)));
  const day = today(ctx.clock);
  const rows = rentals.map(({ d, buildingName }) => ({
    building: buildingName ?? '', label: d.label, use: d.rentalUse ? uses.get(d.rentalUse) ?? d.rentalUse : '', landlord: d.landlordNameMask ?? '', landlordPhone: d.landlordPhoneMask ?? '', registeredOn: d.rentalRegisteredOn ?? '',
    tenants: (ts.get(d.id) ?? []).filter((x) => x.t.endedAt === null).map((x) => presentPerson(x.p, day).name).join('、'),
  }));
  const now = ctx.clock.now();
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'rental.export', objectType: 'dwelling', countyCode: grid.countyCode, detail: { grid: grid.code, rows: rows.length } });
  return { rows, watermark: exportWatermark(actor.name, now, `${grid.code} 出租房屋 ${rows.length} 处`) };
}

/** One dwelling as the building card shows it. */
async function dwellingView(ctx: AppContext, actor: Actor, id: string) {
  const d = foundOrMissing(await repo.dwellingInScope(ctx.db, id, scopePrefix(actor)));
  return (await presentDwellings(ctx, ctx.db, d.countyCode, [d]))[0]!;
}

const rentalOf = (d: repo.DwellingRow) =>
  d.isRental ? { use: d.rentalUse, registeredOn: d.rentalRegisteredOn, landlord: { personId: d.landlordPersonId, name: d.landlordNameMask, phone: d.landlordPhoneMask } } : null;

/** Dwellings with their rental registration and their tenants: current ones, and the past ones with their dates. */
async function presentDwellings(ctx: AppContext, ex: Executor, countyCode: string, ds: repo.DwellingRow[]) {
  const day = today(ctx.clock);
  const ts = byDwelling(await repo.tenanciesOf(ex, countyCode, ds.map((d) => d.id)));
  return ds.map((d) => {
    const mine = (ts.get(d.id) ?? []).map(({ t, p }) => {
      const v = presentPerson(p, day);
      return { personId: p.id, name: v.name, sex: v.sex, age: v.age, ageBand: v.ageBand, personType: v.personType, phone: v.phone, since: t.since, until: t.until, current: t.endedAt === null };
    });
    return { id: d.id, buildingId: d.buildingId, gridCode: d.gridCode, label: d.label, isRental: d.isRental, rental: rentalOf(d), tenants: mine.filter((x) => x.current), pastTenants: mine.filter((x) => !x.current) };
  });
}

/** Tenancies grouped by dwelling, in the order read. */
function byDwelling<T extends { t: { dwellingId: string } }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.t.dwellingId, [...(out.get(r.t.dwellingId) ?? []), r]);
  return out;
}

