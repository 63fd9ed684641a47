/**
 * Changes to registered persons and households: their own fields (with the version read, so two grid workers
 * editing one record do not overwrite each other), a person without a household moving to another grid, and the
 * household's head, number, address and risk level. History and audit rows name the fields changed, never the
 * values (they may be sensitive).
 */
import type { z } from 'zod';
import { AppError, staleVersion, type FieldIssue } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import { maskPhone, mobileIssue, normaliseMobile } from '../../../core/contact.ts';
import { maskName } from '../../../core/people/masks.ts';
import type { HouseholdUpdateSchema, PersonMoveSchema, PersonUpdateSchema } from '../../../core/schemas/people.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './people.repository.ts';
import * as dwellings from './dwellings.repository.ts';
import { presentHousehold, presentPerson } from './people.presenter.ts';
import { foundOrMissing, requirePermission, scopePrefix } from '../../lib/access.ts';
import { gridFor } from '../grids/grids.service.ts';
import { codeProblems } from '../codes/codes.service.ts';
import * as fieldTasks from '../field-tasks/subject-moves.service.ts';

/** Changes a person's name, phone, address, type or ethnic group. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED, CONFLICT (stale), INVALID_TRANSITION (archived) */
export async function updatePerson(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof PersonUpdateSchema>) {
  requirePermission(actor, 'person:write');
  const issues: FieldIssue[] = await codeProblems(ctx, ctx.db, [['body.personType', 'person_type', input.personType], ['body.ethnicity', 'ethnicity', input.ethnicity ?? undefined]]);
  const phone = input.phone ? normaliseMobile(input.phone) : input.phone;
  if (input.phone && !phone) issues.push(mobileIssue('body.phone'));
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const set: Partial<repo.PersonRow> = {};
  if (input.name !== undefined) Object.assign(set, { nameEnc: ctx.crypto.encrypt(input.name), nameHash: ctx.crypto.lookupHash(`name:${input.name}`), nameMask: maskName(input.name) });
  if (phone !== undefined) Object.assign(set, phone === null ? { phoneEnc: null, phoneHash: null, phoneMask: null } : { phoneEnc: ctx.crypto.encrypt(phone), phoneHash: ctx.crypto.lookupHash(`phone:${phone}`), phoneMask: maskPhone(phone) });
  if (input.address !== undefined) set.address = input.address || null;
  if (input.personType !== undefined) set.personType = input.personType;
  if (input.ethnicity !== undefined) set.ethnicity = input.ethnicity;
  const fields = (['name', 'phone', 'address', 'personType', 'ethnicity'] as const).filter((f) => input[f] !== undefined);
  if (!fields.length) throw new AppError('VALIDATION_FAILED', [{ path: 'body', code: 'nothing_to_change', message: '没有要修改的内容' }]);
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const p = foundOrMissing(await repo.personInScope(tx, id, scopePrefix(actor), true));
    if (p.status !== 'active') throw new AppError('INVALID_TRANSITION');
    if (p.version !== input.version) throw staleVersion(presentPerson(p, cstDate(now)));
    await repo.updatePerson(tx, p, set, now);
    await repo.addHistory(tx, [{ countyCode: p.countyCode, objectType: 'person', objectId: p.id, event: 'changed', fromGrid: null, toGrid: p.gridCode, data: { fields }, actorId: actor.id, actorName: actor.name, at: now }]);
    await audit.record(tx, ctx, actor, { action: 'person.update', objectType: 'person', objectId: p.id, countyCode: p.countyCode, detail: { fields } });
    return { ...p, ...set, updatedAt: now, version: p.version + 1 };
  });
  return presentPerson(updated, cstDate(now));
}

/**
 * A person who belongs to no household moves to another grid of the actor's scope; the move is in both grids'
 * history. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (grid, in a household, renting, same grid), INVALID_TRANSITION
 */
export async function movePerson(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof PersonMoveSchema>) {
  requirePermission(actor, 'person:write');
  const target = await gridFor(ctx.db, actor, input.gridCode);
  const now = ctx.clock.now();
  const moved = await ctx.db.transaction(async (tx) => {
    const p = foundOrMissing(await repo.personInScope(tx, id, scopePrefix(actor), true));
    if (p.status !== 'active') throw new AppError('INVALID_TRANSITION');
    if (p.householdId) throw new AppError('VALIDATION_FAILED', [{ path: 'params.id', code: 'in_household', message: '户内成员随户迁移：请迁移整户，或先将其移出原户' }]);
    if (await dwellings.currentTenancy(tx, p.countyCode, p.id)) throw new AppError('VALIDATION_FAILED', [{ path: 'params.id', code: 'renting', message: '仍登记为出租房屋租户：请先办理退租' }]);
    if (p.gridCode === target.code) throw new AppError('VALIDATION_FAILED', [{ path: 'body.gridCode', code: 'same_grid', message: '已在该网格' }]);
    if (target.countyCode !== p.countyCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.gridCode', code: 'other_county', message: '跨县迁移：请在原登记地办理迁出，在新县登记' }]);
    const set = { gridCode: target.code, villageCode: target.villageCode, ...(input.address ? { address: input.address } : {}) };
    await repo.updatePerson(tx, p, set, now);
    await repo.addHistory(tx, [{ countyCode: p.countyCode, objectType: 'person', objectId: p.id, event: 'moved', fromGrid: p.gridCode, toGrid: target.code, data: { reason: input.reason }, actorId: actor.id, actorName: actor.name, at: now }]);
    await fieldTasks.onSubjectsMoved(tx, ctx, p.countyCode, [{ type: 'person', id: p.id }], target.code);
    await audit.record(tx, ctx, actor, { action: 'person.move', objectType: 'person', objectId: p.id, countyCode: p.countyCode, detail: { from: p.gridCode, to: target.code } });
    return { ...p, ...set, updatedAt: now, version: p.version + 1 };
  });
  return presentPerson(moved, cstDate(now));
}

/** Changes a household's number, address, note, risk level or head (a member). @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED, CONFLICT (stale) */
export async function updateHousehold(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof HouseholdUpdateSchema>) {
  requirePermission(actor, 'person:write');
  const fields = (['number', 'address', 'riskLevel', 'note', 'headPersonId'] as const).filter((f) => input[f] !== undefined);
  if (!fields.length) throw new AppError('VALIDATION_FAILED', [{ path: 'body', code: 'nothing_to_change', message: '没有要修改的内容' }]);
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction(async (tx) => {
    const h = await repo.householdInScope(tx, id, scopePrefix(actor), true);
    if (!h || h.status !== 'active') throw new AppError('NOT_FOUND');
    if (h.version !== input.version) throw staleVersion(presentHousehold(h));
    if (input.headPersonId && !(await repo.membersOf(tx, h.countyCode, h.id)).some((m) => m.id === input.headPersonId)) throw new AppError('VALIDATION_FAILED', [{ path: 'body.headPersonId', code: 'not_member', message: '户主须是本户成员' }]);
    const set: Partial<repo.HouseholdRow> = { updatedAt: now };
    if (input.number !== undefined) set.number = input.number || null;
    if (input.address !== undefined) set.address = input.address;
    if (input.riskLevel !== undefined) set.riskLevel = input.riskLevel;
    if (input.note !== undefined) set.note = input.note || null;
    if (input.headPersonId !== undefined) set.headPersonId = input.headPersonId;
    await repo.updateHousehold(tx, h, set);
    await repo.addHistory(tx, [{ countyCode: h.countyCode, objectType: 'household', objectId: h.id, event: 'changed', fromGrid: null, toGrid: h.gridCode, data: { fields, ...(input.riskLevel ? { riskLevel: input.riskLevel } : {}) }, actorId: actor.id, actorName: actor.name, at: now }]);
    await audit.record(tx, ctx, actor, { action: 'household.update', objectType: 'household', objectId: h.id, countyCode: h.countyCode, detail: { fields } });
    return { ...h, ...set, version: h.version + 1 };
  });
  return presentHousehold(updated);
}

/** Takes a member out of a household (they stay registered in the grid). @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED (not a member) */
export async function removeMember(ctx: AppContext, actor: Actor, id: string, personId: string) {
  requirePermission(actor, 'person:write');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const h = await repo.householdInScope(tx, id, scopePrefix(actor), true);
    if (!h || h.status !== 'active') throw new AppError('NOT_FOUND');
    const p = foundOrMissing(await repo.personInScope(tx, personId, scopePrefix(actor), true));
    if (p.householdId !== h.id) throw new AppError('VALIDATION_FAILED', [{ path: 'params.personId', code: 'not_member', message: '不是本户成员' }]);
    await repo.setMembership(tx, p, null, null, now);
    if (h.headPersonId === p.id) await repo.updateHousehold(tx, h, { headPersonId: null, updatedAt: now });
    await repo.addHistory(tx, [
      { countyCode: h.countyCode, objectType: 'person', objectId: p.id, event: 'left_household', fromGrid: null, toGrid: p.gridCode, data: { householdId: h.id }, actorId: actor.id, actorName: actor.name, at: now },
      { countyCode: h.countyCode, objectType: 'household', objectId: h.id, event: 'member_left', fromGrid: null, toGrid: h.gridCode, data: { personId: p.id }, actorId: actor.id, actorName: actor.name, at: now },
    ]);
    await audit.record(tx, ctx, actor, { action: 'household.removeMember', objectType: 'household', objectId: h.id, countyCode: h.countyCode, detail: { personId: p.id } });
  });
}
