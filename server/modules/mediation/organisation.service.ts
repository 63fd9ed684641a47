/**
 * The mediation organisation (issue 15, item 2): committees at village, township, county or industry level, their
 * named rooms, and the mediator pool with languages, skills, awards and current load. Administrators of a scope
 * keep those in it; staff see those in their scope and the committees above it in their county (the township's
 * and the county's, to which they transfer).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { levelOfCode, ROOT_SCOPE } from '../../../core/region-code.ts';
import type { CommitteePatchSchema, CommitteeSchema, MediatorAccountQuery, MediatorListQuery, MediatorPatchSchema, MediatorSchema, RoomPatchSchema, RoomSchema } from '../../../core/schemas/disputes.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { inActorScope, requireAnyPermission, requirePermission, scopePrefix } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import * as users from '../users/users.service.ts';
import * as orgRepo from './organisation.repository.ts';
import { presentMediator } from './mediation.presenter.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);
const readers = ['dispute:read', 'mediation:admin'] as const;

/** What the actor may see: its subtree, and (below county level) the township and county above it. */
function scopeOf(actor: Actor): orgRepo.OrgScope {
  const prefix = scopePrefix(actor);
  // The whole tree (a root administrator) has no level and nothing above it.
  const level = actor.scopeCode === ROOT_SCOPE ? null : levelOfCode(actor.scopeCode);
  const above = level === 'village' ? [`${actor.scopeCode.slice(0, 9)}000`, `${actor.scopeCode.slice(0, 6)}000000`] : level === 'township' ? [`${actor.scopeCode.slice(0, 6)}000000`] : [];
  return { county: prefix.length >= 6 ? prefix.slice(0, 6) : null, prefix, above };
}

/** True when the actor may see this committee. */
function sees(actor: Actor, c: orgRepo.CommitteeRow): boolean {
  return inActorScope(actor, c.regionCode) || scopeOf(actor).above.includes(c.regionCode);
}

/** A committee the actor may see (to keep, only one in the scope). @throws NOT_FOUND */
async function committeeInView(ctx: AppContext, actor: Actor, id: string, keep = false): Promise<orgRepo.CommitteeRow> {
  const c = await orgRepo.committeeById(ctx.db, id);
  if (!c || !(keep ? inActorScope(actor, c.regionCode) : sees(actor, c))) throw new AppError('NOT_FOUND');
  return c;
}

/** GET /api/mediation/committees */
export async function listCommittees(ctx: AppContext, actor: Actor) {
  requireAnyPermission(actor, readers);
  const rows = await orgRepo.committeesIn(ctx.db, scopeOf(actor));
  return { items: rows.map((c) => ({ id: c.id, level: c.level, regionCode: c.regionCode, name: c.name, industry: c.industry, active: c.active, version: c.version })) };
}

/** POST /api/mediation/committees. @throws FORBIDDEN, VALIDATION_FAILED */
export async function createCommittee(ctx: AppContext, actor: Actor, input: z.infer<typeof CommitteeSchema>) {
  requirePermission(actor, 'mediation:admin');
  const level = levelOfCode(input.regionCode);
  const fits = input.level === 'village' ? level === 'village' : input.level === 'township' ? level === 'township' : level === 'county';
  if (!fits) throw bad('body.regionCode', 'level_mismatch', '委员会层级与区划不符');
  if (!inActorScope(actor, input.regionCode)) throw bad('body.regionCode', 'outside_scope', input.regionCode);
  if (input.level === 'industry' && !input.industry) throw bad('body.industry', 'required', '行业性调委会须写明行业');
  const now = ctx.clock.now();
  const row: orgRepo.CommitteeRow = { countyCode: input.regionCode.slice(0, 6), id: randomUUID(), level: input.level, regionCode: input.regionCode, name: input.name, industry: input.industry ?? null, active: input.active, createdAt: now, updatedAt: now, version: 1 };
  await ctx.db.transaction(async (tx) => {
    await orgRepo.insertCommittee(tx, row);
    await audit.record(tx, ctx, actor, { action: 'mediationCommittee.save', objectType: 'mediationCommittee', objectId: row.id, countyCode: row.countyCode, detail: { created: true, name: row.name, level: row.level } }, actor.ip);
  });
  return { id: row.id, name: row.name, level: row.level, regionCode: row.regionCode };
}

/** PATCH /api/mediation/committees/:id. @throws NOT_FOUND, FORBIDDEN */
export async function updateCommittee(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof CommitteePatchSchema>) {
  requirePermission(actor, 'mediation:admin');
  const c = await committeeInView(ctx, actor, id, true);
  await ctx.db.transaction(async (tx) => {
    await orgRepo.updateCommittee(tx, c, { ...patch, updatedAt: ctx.clock.now() });
    await audit.record(tx, ctx, actor, { action: 'mediationCommittee.save', objectType: 'mediationCommittee', objectId: c.id, countyCode: c.countyCode, detail: { fields: Object.keys(patch) } }, actor.ip);
  });
  return { id: c.id, ...patch };
}

/** GET /api/mediation/rooms */
export async function listRooms(ctx: AppContext, actor: Actor) {
  requireAnyPermission(actor, readers);
  const committees = await orgRepo.committeesIn(ctx.db, scopeOf(actor));
  const names = new Map(committees.map((c) => [c.id, c.name]));
  const rows = await orgRepo.roomsOf(ctx.db, committees.map((c) => c.id));
  return { items: rows.map((r) => ({ id: r.id, committeeId: r.committeeId, committeeName: names.get(r.committeeId) ?? null, name: r.name, mode: r.mode, namedAfter: r.namedAfter, address: r.address, active: r.active })) };
}

/** POST /api/mediation/rooms. @throws NOT_FOUND (committee), FORBIDDEN */
export async function createRoom(ctx: AppContext, actor: Actor, input: z.infer<typeof RoomSchema>) {
  requirePermission(actor, 'mediation:admin');
  const c = await committeeInView(ctx, actor, input.committeeId, true).catch(() => {
    throw bad('body.committeeId', 'unknown_committee', input.committeeId);
  });
  const now = ctx.clock.now();
  const row: orgRepo.RoomRow = { countyCode: c.countyCode, id: randomUUID(), committeeId: c.id, name: input.name, mode: input.mode, namedAfter: input.namedAfter ?? null, address: input.address ?? null, active: input.active, createdAt: now, updatedAt: now };
  await ctx.db.transaction(async (tx) => {
    await orgRepo.insertRoom(tx, row);
    await audit.record(tx, ctx, actor, { action: 'mediationRoom.save', objectType: 'mediationRoom', objectId: row.id, countyCode: row.countyCode, detail: { created: true, name: row.name, mode: row.mode } }, actor.ip);
  });
  return { id: row.id, name: row.name, mode: row.mode };
}

/** PATCH /api/mediation/rooms/:id. @throws NOT_FOUND, FORBIDDEN */
export async function updateRoom(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof RoomPatchSchema>) {
  requirePermission(actor, 'mediation:admin');
  const r = await orgRepo.roomById(ctx.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  await committeeInView(ctx, actor, r.committeeId, true);
  await ctx.db.transaction(async (tx) => {
    await orgRepo.updateRoom(tx, r, { ...patch, updatedAt: ctx.clock.now() });
    await audit.record(tx, ctx, actor, { action: 'mediationRoom.save', objectType: 'mediationRoom', objectId: r.id, countyCode: r.countyCode, detail: { fields: Object.keys(patch) } }, actor.ip);
  });
  return { id: r.id, ...patch };
}

/** GET /api/mediators: the pool of the committees the actor sees, with each mediator's open disputes (load). */
export async function listMediators(ctx: AppContext, actor: Actor, q: z.infer<typeof MediatorListQuery>) {
  requireAnyPermission(actor, readers);
  const committees = (await orgRepo.committeesIn(ctx.db, scopeOf(actor))).filter((c) => !q.committeeId || c.id === q.committeeId);
  const names = new Map(committees.map((c) => [c.id, c.name]));
  const rows = (await orgRepo.mediatorsOf(ctx.db, committees.map((c) => c.id))).filter((m) => (!q.language || m.languages.includes(q.language)) && (!q.skill || m.skills.includes(q.skill)));
  const loads = new Map<string, number>();
  for (const county of new Set(rows.map((m) => m.countyCode))) for (const [id, n] of await orgRepo.loadOf(ctx.db, county, rows.filter((m) => m.countyCode === county).map((m) => m.id))) loads.set(id, n);
  return { items: rows.map((m) => presentMediator(m, loads.get(m.id) ?? 0, names.get(m.committeeId) ?? null)) };
}

/** GET /api/mediation/accounts: active accounts in the administrator's scope to link a mediator record to, mediators first, each with the record it already links. */
export async function listLinkableAccounts(ctx: AppContext, actor: Actor, q: z.infer<typeof MediatorAccountQuery>) {
  requirePermission(actor, 'mediation:admin');
  const found = await users.accountsToLink(ctx.db, scopePrefix(actor), q.q || undefined);
  const linked = new Map<string, string>();
  for (const m of await orgRepo.mediatorsOfUsers(ctx.db, found.map((a) => a.id))) if (m.userId) linked.set(m.userId, m.name);
  const items = found.map((a) => ({ ...a, linkedMediator: linked.get(a.id) ?? null }));
  return { items: [...items.filter((a) => a.role === 'mediator'), ...items.filter((a) => a.role !== 'mediator')] };
}

/** The account a mediator record links to: an active account in the scope. */
async function linkableUser(ctx: AppContext, actor: Actor, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const u = await users.findAccountById(ctx.db, userId);
  if (!u || u.disabled || !inActorScope(actor, u.scopeCode)) throw bad('body.userId', 'unknown_user', userId);
}

/** POST /api/mediators. @throws FORBIDDEN, VALIDATION_FAILED */
export async function createMediator(ctx: AppContext, actor: Actor, input: z.infer<typeof MediatorSchema>) {
  requirePermission(actor, 'mediation:admin');
  const c = await committeeInView(ctx, actor, input.committeeId, true).catch(() => {
    throw bad('body.committeeId', 'unknown_committee', input.committeeId);
  });
  await linkableUser(ctx, actor, input.userId);
  const now = ctx.clock.now();
  const row: orgRepo.MediatorRow = { countyCode: c.countyCode, id: randomUUID(), committeeId: c.id, userId: input.userId ?? null, name: input.name, isHead: input.isHead, skills: input.skills, languages: input.languages, awards: input.awards, active: input.active, createdAt: now, updatedAt: now };
  await ctx.db.transaction(async (tx) => {
    await orgRepo.insertMediator(tx, row);
    await audit.record(tx, ctx, actor, { action: 'mediator.save', objectType: 'mediator', objectId: row.id, countyCode: row.countyCode, detail: { created: true, committee: c.name, head: row.isHead } }, actor.ip);
  });
  return presentMediator(row, 0, c.name);
}

/** PATCH /api/mediators/:id. @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED */
export async function updateMediator(ctx: AppContext, actor: Actor, id: string, patch: z.infer<typeof MediatorPatchSchema>) {
  requirePermission(actor, 'mediation:admin');
  const m = await orgRepo.mediatorById(ctx.db, id);
  if (!m) throw new AppError('NOT_FOUND');
  const c = await committeeInView(ctx, actor, m.committeeId, true);
  await linkableUser(ctx, actor, patch.userId);
  const next = { ...m, ...patch, updatedAt: ctx.clock.now() };
  await ctx.db.transaction(async (tx) => {
    await orgRepo.updateMediator(tx, m, { ...patch, updatedAt: next.updatedAt });
    await audit.record(tx, ctx, actor, { action: 'mediator.save', objectType: 'mediator', objectId: m.id, countyCode: m.countyCode, detail: { fields: Object.keys(patch) } }, actor.ip);
  });
  return presentMediator(next, 0, c.name);
}
