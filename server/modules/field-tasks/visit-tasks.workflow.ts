/**
 * Visit tasks on the transition engine: the table (core/workflow/visit-task-workflow.ts), who plays worker and
 * leader, the effects, the one writer of a task's status, its event, and its `visit` clock (calendar days to the
 * due day: workers visit at weekends too). A completed task's clock settles at the visit's own time, so a visit
 * made offline on time and synced later still counts as on time.
 */
import { visitTaskWorkflow, type VisitTaskAction, type VisitTaskRole, type VisitTaskStatus } from '../../../core/workflow/visit-task-workflow.ts';
import type { CountingRules } from '../../../core/workflow/clock-rules.ts';
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import { inActorScope } from '../../lib/access.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import type { WorkflowModule } from '../../workflow/workflow-module.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as repo from './visit-tasks.repository.ts';

/** Calendar days, the start day not counted, no moving off a rest day. */
export const visitDays: CountingRules = { unit: 'days', mode: 'calendar', receiptDayCounts: false, holidayEndMoves: false };

/** The part an account plays on a task: field staff record visits, leaders steer, the generator and sweep are the system. */
export function roleOf(actor: Actor): VisitTaskRole | null {
  if (actor.kind === 'system') return 'system';
  if (actor.role === 'gridWorker' || actor.role === 'householdLeader') return 'worker';
  return actor.role === 'leader' ? 'leader' : null;
}

const key = (t: repo.TaskRow) => ({ type: 'visit_task', id: t.id, countyCode: t.countyCode });

export const visitTaskModule: WorkflowModule<repo.TaskRow, VisitTaskStatus, VisitTaskAction, VisitTaskRole, never> = {
  subjectType: 'visit_task',
  definition: visitTaskWorkflow,
  roleOf: (actor) => roleOf(actor),
  // Staff act only on tasks of their scope (the visit's own service checked the subject already).
  permits: (actor, t) => actor.kind === 'system' || inActorScope(actor, t.gridCode),
  effects: {
    complete: async (_tx, _ctx, _actor, _t, input: { visitId: string; visitedAt: Date }, now) => ({
      set: { closedAt: now, closedByVisit: input.visitId, visitedAt: input.visitedAt },
      data: { visitId: input.visitId, visitedAt: input.visitedAt.toISOString() },
      clocks: { settle: ['visit'], at: input.visitedAt },
    }),
    reassign: async (_tx, _ctx, _actor, t, input: { assigneeId: string | null }) => ({
      set: { assigneeId: input.assigneeId },
      data: { from: t.assigneeId, to: input.assigneeId },
      notify: input.assigneeId ? { userIds: [input.assigneeId], text: `新的走访任务，请于 ${t.dueOn} 前走访` } : undefined,
    }),
    remind: async (_tx, _ctx, _actor, t, input: { note?: string }) => ({
      set: {},
      reason: input.note ?? null,
      notify: t.assigneeId ? { userIds: [t.assigneeId], text: `督促：走访任务应于 ${t.dueOn} 前完成` } : undefined,
    }),
    cancel: async (_tx, ctx, actor, t, input: { reason?: string }, now) => {
      if (actor.kind !== 'system' && !input.reason) throw new AppError('VALIDATION_FAILED', [{ path: 'body.reason', code: 'required', message: 'reason' }]);
      // A cancelled task's clock is not a missed visit.
      return { set: { closedAt: now }, reason: input.reason ?? null, after: async (tx) => void (await clocks.settleClocks(tx, key(t), ['visit'], now, true)) };
    },
  },
  async writeStatus(tx, t, set, now) {
    await repo.updateTask(tx, t, set, now);
    return { ...t, ...set, updatedAt: now, version: t.version + 1 };
  },
  appendEvent: (tx, e) => repo.insertEvent(tx, { countyCode: e.before.countyCode, taskId: e.before.id, type: e.action, fromStatus: e.from, toStatus: e.to, actorId: e.actor.id, data: { ...(e.effect.data ?? {}), ...(e.effect.reason ? { reason: e.effect.reason } : {}) }, at: e.now }),
  subjectOf: (t) => ({ type: 'visit_task', id: t.id }),
  auditObjectId: (t) => t.id,
  clocks: {
    limits: async (_tx, _ctx, t, kinds) => kinds.map((kind) => ({ kind, limit: t.intervalDays ?? 7, rules: visitDays })),
    calendar: (tx, ctx, t) => catalog.workCalendar(ctx, tx, t.countyCode),
  },
};

/** Opens a new task's clock: `days` calendar days from `start`. */
export async function openVisitClock(tx: Parameters<typeof clocks.openClocks>[0], ctx: Parameters<typeof catalog.workCalendar>[0], t: repo.TaskRow, start: Date, days: number): Promise<void> {
  await clocks.openClocks(tx, key(t), [{ kind: 'visit', limit: days, rules: visitDays }], await catalog.workCalendar(ctx, tx, t.countyCode), start);
}
