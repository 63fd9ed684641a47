/**
 * What the one clock sweep does with a visit task's clock: at 80% it reminds the assignee; when the due day has
 * passed it tells the assignee and the grid's leaders (no status change: an overdue task stays open until the
 * visit; "overdue" is the clock past due, core/kpi-math.ts isPastDue). Texts name the due day, never the subject's
 * category.
 */
import type { Executor } from '../../db/client.ts';
import { sweepClocks, type ClockHandlers } from '../../workflow/sweep.ts';
import type { AppContext } from '../../lib/context.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as repo from './visit-tasks.repository.ts';

async function tell(tx: Executor, t: repo.TaskRow, userIds: (string | null)[], text: string, now: Date): Promise<void> {
  const ids = [...new Set(userIds.filter((u): u is string => !!u))];
  if (ids.length) await outbox.enqueue(tx, now, t.countyCode, { kind: 'notify', userIds: ids, subject: { type: 'visit_task', id: t.id }, text });
}

/** The visit task's warn and breach handlers, registered for subject type 'visit_task'. */
export const visitTaskClockHandlers: ClockHandlers<repo.TaskRow> = {
  lockSkipLocked: (tx, key) => repo.lockTask(tx, key.countyCode, key.id, true),
  async warn(tx, _ctx, t, _c, now) {
    if (t.status !== 'open') return;
    await repo.insertEvent(tx, { countyCode: t.countyCode, taskId: t.id, type: 'warned', fromStatus: t.status, toStatus: t.status, actorId: 'system', data: { dueOn: t.dueOn }, at: now });
    await tell(tx, t, [t.assigneeId], `提醒：走访任务将于 ${t.dueOn} 到期`, now);
  },
  async breach(tx, _ctx, t, _c, now) {
    if (t.status !== 'open') return;
    await repo.insertEvent(tx, { countyCode: t.countyCode, taskId: t.id, type: 'breached', fromStatus: t.status, toStatus: t.status, actorId: 'system', data: { dueOn: t.dueOn }, at: now });
    const leaders = (await repo.gridPeople(tx, t.countyCode, 'gridLeader', [t.gridCode])).get(t.gridCode) ?? [];
    await tell(tx, t, [t.assigneeId, ...leaders], `走访任务已超期：应于 ${t.dueOn} 前走访`, now);
  },
};

/** Sweeps the clocks of visit tasks only (tests). */
export function sweepVisitTaskClocks(ctx: AppContext, limit = 100): Promise<{ warned: number; breached: number }> {
  return sweepClocks(ctx, { visit_task: visitTaskClockHandlers }, limit);
}
