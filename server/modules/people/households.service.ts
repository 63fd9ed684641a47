/**
 * Households: created in a grid, members joined with their relation to the head (GB/T 4761), shown as a card,
 * and moved between grids with every member in one transaction, so the household and its people appear in the
 * new grid's lists and in both grids' history, and nowhere as orphans.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import type { HouseholdCreateSchema, HouseholdListQuery, HouseholdMemberSchema, HouseholdMoveSchema } from '../../../core/schemas/people.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { today } from '../../lib/clock.ts';
import { cstDate } from '../../../core/calendar.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './people.repository.ts';
import { presentHousehold, presentPerson } from './people.presenter.ts';
import { idTakenError, presentHistory } from './persons.service.ts';
import { foundOrMissing, requirePermission, scopePrefix } from '../../lib/access.ts';
import { gridFor } from '../grids/grids.service.ts';
import { codeProblems } from '../codes/codes.service.ts';
import { listPrefix } from './list-scope.ts';
import { endTenanciesOf } from './dwellings.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import * as fieldTasks from '../field-tasks/subject-moves.service.ts';

/**
 * Adds a household to a grid, with the client's id when it gives one (the field app's offline record); the answer
 * is stored under the request's Idempotency-Key in the same transaction. @throws FORBIDDEN, VALIDATION_FAILED,
 * CONFLICT (id_taken: the id is another household's)
 */
export async function createHousehold(ctx: AppContext, actor: Actor, input: z.infer<typeof HouseholdCreateSchema>, ticket?: Ticket) {
  requirePermission(actor, 'person:write');
  const grid = await gridFor(ctx.db, actor, input.gridCode);
  const now = ctx.clock.now();
  const row: repo.HouseholdRow = { countyCode: grid.countyCode, id: input.id ?? randomUUID(), gridCode: grid.code, villageCode: grid.villageCode, number: input.number ?? null, address: input.address, dwellingId: null, headPersonId: null, riskLevel: input.riskLevel, note: input.note ?? null, status: 'active', createdAt: now, updatedAt: now, version: 0 };
  const answer = presentHousehold(row);
  await ctx.db.transaction(async (tx) => {
    if (input.id && (await repo.idTaken(tx, 'household', row.countyCode, row.id))) throw idTakenError();
    await repo.insertHousehold(tx, row);
    await repo.addHistory(tx, [{ countyCode: row.countyCode, objectType: 'household', objectId: row.id, event: 'created', fromGrid: null, toGrid: row.gridCode, data: null, actorId: actor.id, actorName: actor.name, at: now }]);
    await audit.record(tx, ctx, actor, { action: 'household.create', objectType: 'household', objectId: row.id, countyCode: row.countyCode });
    if (ticket) await completeKey(tx, ticket, 201, answer);
  });
  return answer;
}

/** The household card: its fields, members (masked), head and history. @throws FORBIDDEN, NOT_FOUND */
export async function householdCard(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'person:read');
  const h = foundOrMissing(await repo.householdInScope(ctx.db, id, scopePrefix(actor)));
  const [members, history] = await Promise.all([repo.membersOf(ctx.db, h.countyCode, h.id), repo.historyOf(ctx.db, 'household', h.id)]);
  const day = today(ctx.clock);
  const gridName = (await repo.gridNames(ctx.db, [h.gridCode])).get(h.gridCode) ?? null;
  return { ...presentHousehold(h), gridName, members: members.map((m) => ({ ...presentPerson(m, day), head: m.id === h.headPersonId })), history: history.map(presentHistory) };
}

/** A page of the households of a grid, village, township or the whole scope, with member counts and grid names. @throws FORBIDDEN, VALIDATION_FAILED */
export async function listHouseholds(ctx: AppContext, actor: Actor, q: z.infer<typeof HouseholdListQuery>) {
  requirePermission(actor, 'person:read');
  const prefix = await listPrefix(ctx, actor, q);
  const { rows, total } = await repo.householdsUnder(ctx.db, prefix, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: rows.map((r) => ({ ...presentHousehold(r.h), gridName: r.gridName, members: r.members })), total, page: q.page, pageSize: q.pageSize };
}

/** Puts a person of the same county into a household (leaving any other). @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED */
export async function addMember(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof HouseholdMemberSchema>) {
  requirePermission(actor, 'person:write');
  const issues = await codeProblems(ctx, ctx.db, [['body.relation', 'household_relation', input.relation]]);
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const h = await repo.householdInScope(tx, id, scopePrefix(actor), true);
    if (!h || h.status !== 'active') throw new AppError('NOT_FOUND');
    const p = await repo.personInScope(tx, input.personId, scopePrefix(actor));
    if (!p || p.status !== 'active') throw new AppError('VALIDATION_FAILED', [{ path: 'body.personId', code: 'unknown_person', message: input.personId }]);
    if (p.countyCode !== h.countyCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.personId', code: 'other_county', message: '户籍成员须在同一县' }]);
    await repo.setMembership(tx, p, h.id, input.relation, now);
    const history: repo.HistoryRow[] = [{ countyCode: h.countyCode, objectType: 'person', objectId: p.id, event: 'joined', fromGrid: p.gridCode, toGrid: h.gridCode, data: { householdId: h.id, relation: input.relation, previousHousehold: p.householdId }, actorId: actor.id, actorName: actor.name, at: now }];
    // A member lives where the household lives.
    if (p.gridCode !== h.gridCode) {
      await repo.moveMembers(tx, h.countyCode, h.id, h.gridCode, undefined, now);
      await fieldTasks.onSubjectsMoved(tx, ctx, h.countyCode, [{ type: 'person', id: p.id }], h.gridCode);
    }
    if (input.head || !h.headPersonId) await repo.updateHousehold(tx, h, { headPersonId: p.id, updatedAt: now });
    await repo.addHistory(tx, history);
    await audit.record(tx, ctx, actor, { action: 'household.addMember', objectType: 'household', objectId: h.id, countyCode: h.countyCode, detail: { personId: p.id, relation: input.relation } });
  });
  return householdCard(ctx, actor, id);
}

/** Moves a household and all its members to another grid of the county, with the reason in both grids' history. @throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED */
export async function moveHousehold(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof HouseholdMoveSchema>) {
  requirePermission(actor, 'person:write');
  const target = await gridFor(ctx.db, actor, input.gridCode);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const h = await repo.householdInScope(tx, id, scopePrefix(actor), true);
    if (!h || h.status !== 'active') throw new AppError('NOT_FOUND');
    if (target.countyCode !== h.countyCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.gridCode', code: 'other_county', message: '跨县迁移请在迁出地注销、迁入地登记' }]);
    if (target.code === h.gridCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.gridCode', code: 'same_grid', message: '已在该网格' }]);
    const members = await repo.membersOf(tx, h.countyCode, h.id);
    // Moving out of a rented dwelling ends the tenancies there (the dwelling keeps them with their dates).
    const ended = await endTenanciesOf(tx, actor, h.countyCode, members.map((m) => m.id), cstDate(now), 'household_moved', now);
    await repo.updateHousehold(tx, h, { gridCode: target.code, villageCode: target.villageCode, ...(input.address ? { address: input.address } : {}), ...(ended ? { dwellingId: null } : {}), updatedAt: now });
    await repo.moveMembers(tx, h.countyCode, h.id, target.code, input.address, now);
    const entry = (objectType: 'household' | 'person', objectId: string): repo.HistoryRow => ({ countyCode: h.countyCode, objectType, objectId, event: 'moved', fromGrid: h.gridCode, toGrid: target.code, data: { reason: input.reason, householdId: h.id }, actorId: actor.id, actorName: actor.name, at: now });
    await repo.addHistory(tx, [entry('household', h.id), ...members.map((m) => entry('person', m.id))]);
    // Their open visit tasks follow them (new grid, village and responsible worker), in this transaction.
    await fieldTasks.onSubjectsMoved(tx, ctx, h.countyCode, [{ type: 'household', id: h.id }, ...members.map((m) => ({ type: 'person' as const, id: m.id }))], target.code);
    await audit.record(tx, ctx, actor, { action: 'household.move', objectType: 'household', objectId: h.id, countyCode: h.countyCode, detail: { from: h.gridCode, to: target.code, members: members.length, tenanciesEnded: ended } });
  });
  return householdCard(ctx, actor, id);
}

/** Records that entered or left a grid, newest first. @throws FORBIDDEN, NOT_FOUND */
export async function gridHistory(ctx: AppContext, actor: Actor, gridCode: string) {
  requirePermission(actor, 'person:read');
  const grid = await gridFor(ctx.db, actor, gridCode, 'params.code').catch(() => {
    throw new AppError('NOT_FOUND');
  });
  return (await repo.gridHistory(ctx.db, grid.code, 200)).map(presentHistory);
}
