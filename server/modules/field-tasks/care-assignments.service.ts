/**
 * The responsible worker (责任人) of a person under care: who manages the grid (a leader or operator of the scope,
 * `field:assign`) names one, or takes the name back. The worker must be an enabled field account (a grid worker or
 * household leader) whose scope covers the person's grid, or nobody could visit; a person outside the caller's scope
 * answers like a missing one. The person's open visit tasks go to the new worker in the same transaction, audited.
 */
import { can, roles } from '../../../core/roles.ts';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { requirePermission, scopePrefix } from '../../lib/access.ts';
import type { Executor } from '../../db/client.ts';
import * as audit from '../audit/audit.service.ts';
import * as care from './care-assignments.repository.ts';
import { coveringScopes } from './subject-moves.service.ts';
import { replanSubjects } from './task-replan.service.ts';
import { namesOf } from '../regions/regions.service.ts';

/** Roles that record visits: the only accounts a person can be given to. */
const fieldRoles = roles.filter((r) => can(r, 'field:record'));

/** The person of the caller's scope (active when asked). @throws NOT_FOUND, INVALID_TRANSITION (archived) */
async function personOf(ex: Executor, actor: Actor, personId: string, opts: { active?: boolean; lock?: boolean } = {}): Promise<care.SubjectPlace> {
  const p = await care.subjectUnder(ex, 'person', personId, scopePrefix(actor), opts.lock);
  if (!p) throw new AppError('NOT_FOUND');
  if (opts.active && !p.active) throw new AppError('INVALID_TRANSITION');
  return p;
}

/** An account that may be a person's responsible worker: its name, role and the region it serves (by name). */
export interface CareWorker {
  id: string;
  name: string;
  role: string;
  place: string;
}

/**
 * The accounts that may be responsible for this person (enabled, field roles, scope covering their grid): the
 * village's own first, then the township's and above (a county's accounts are rarely the one to name), each by
 * name. @throws NOT_FOUND
 */
export async function careWorkers(ctx: AppContext, actor: Actor, personId: string): Promise<CareWorker[]> {
  requirePermission(actor, 'field:assign');
  const p = await personOf(ctx.db, actor, personId);
  const scopes = coveringScopes(p.gridCode);
  const accounts = await care.accountsAt(ctx.db, fieldRoles, scopes);
  const names = await namesOf(ctx.db, [...new Set(accounts.map((a) => a.scopeCode))]);
  // Deepest scope first; the sort is stable, so the names keep their order within one scope.
  return accounts
    .sort((x, y) => scopes.indexOf(y.scopeCode) - scopes.indexOf(x.scopeCode))
    .map((a) => ({ id: a.id, name: a.name, role: a.role, place: names.get(a.scopeCode) ?? '' }));
}

/** Names the person's responsible worker; their open tasks go to them. @throws FORBIDDEN, NOT_FOUND, INVALID_TRANSITION (archived), VALIDATION_FAILED (worker) */
export async function assignCare(ctx: AppContext, actor: Actor, personId: string, workerId: string) {
  requirePermission(actor, 'field:assign');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = await personOf(tx, actor, personId, { active: true, lock: true });
    const worker = (await care.accountsAt(tx, fieldRoles, coveringScopes(p.gridCode))).find((w) => w.id === workerId);
    if (!worker) throw new AppError('VALIDATION_FAILED', [{ path: 'body.workerId', code: 'worker_not_eligible', message: '该账号不能担任此人的责任人：须是未停用的网格员或联户长，且管辖范围包含此人所在网格' }]);
    const before = await care.careOf(tx, p.countyCode, p.id);
    await care.upsertCare(tx, { countyCode: p.countyCode, personId: p.id, userId: worker.id, assignedBy: actor.id, assignedAt: now });
    const replanned = await replanSubjects(tx, ctx, p.countyCode, [{ type: 'person', id: p.id, gridCode: p.gridCode, villageCode: p.villageCode }]);
    await audit.record(tx, ctx, actor, { action: 'careAssignment.assign', objectType: 'person', objectId: p.id, countyCode: p.countyCode, detail: { from: before?.userId ?? null, to: worker.id, tasks: replanned.reassigned } }, actor.ip);
    return { personId: p.id, worker: { id: worker.id, name: worker.name }, assignedAt: now.toISOString(), tasksReassigned: replanned.reassigned };
  });
}

/** Takes the name back: the person's tasks go to the grid's worker again (or nobody). @throws FORBIDDEN, NOT_FOUND */
export async function unassignCare(ctx: AppContext, actor: Actor, personId: string) {
  requirePermission(actor, 'field:assign');
  return ctx.db.transaction(async (tx) => {
    const p = await personOf(tx, actor, personId, { lock: true });
    const before = await care.careOf(tx, p.countyCode, p.id);
    const removed = await care.deleteCare(tx, p.countyCode, p.id);
    const replanned = await replanSubjects(tx, ctx, p.countyCode, [{ type: 'person', id: p.id, gridCode: p.gridCode, villageCode: p.villageCode }]);
    if (removed) await audit.record(tx, ctx, actor, { action: 'careAssignment.unassign', objectType: 'person', objectId: p.id, countyCode: p.countyCode, detail: { from: before?.userId ?? null, tasks: replanned.reassigned } }, actor.ip);
    return { personId: p.id, removed, tasksReassigned: replanned.reassigned };
  });
}
