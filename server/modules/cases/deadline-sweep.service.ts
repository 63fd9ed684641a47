/**
 * What the one clock sweep (server/workflow/sweep.ts) does with a case's clocks. Yellow at 80% warns the unit;
 * red at 100% marks the case overdue (any kind of clock, the one-hour first response too: core/kpi-math.ts
 * `isPastDue`), then the system urges and escalates it one level through the transition engine.
 */
import { allowedActions, type CaseAction, type CaseStatus } from '../../../core/workflow/case-workflow.ts';
import type { AppContext } from '../../lib/context.ts';
import { runSteps } from '../../workflow/engine.ts';
import { sweepClocks, type ClockHandlers } from '../../workflow/sweep.ts';
import type { FollowOn } from '../../workflow/workflow-module.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as users from '../users/users.service.ts';
import * as repo from './cases.repository.ts';
import * as stats from './case-stats.repository.ts';
import { caseModule } from './cases.workflow.ts';

const kindLabel: Record<string, string> = { first_response: '首次响应(一小时介入)', stage: '环节时限', total: '办结时限' };

/** The deadline event on the case's timeline (not public). */
function clockEvent(c: repo.CaseRow, type: 'deadlineWarned' | 'deadlineBreached', d: { kind: string; dueAt: Date }, now: Date): repo.NewEvent {
  return { countyCode: c.countyCode, caseId: c.id, type, actorId: 'system', actorName: 'system', actorRole: 'system', fromStatus: c.status, toStatus: c.status, fromUnit: null, toUnit: null, reason: null, data: { kind: d.kind, dueAt: d.dueAt.toISOString() }, isPublic: false, at: now };
}

/** The case's warn and breach handlers, registered for subject type 'case'. */
export const caseClockHandlers: ClockHandlers<repo.CaseRow> = {
  lockSkipLocked: (tx, key) => repo.lockByIdSkipLocked(tx, key.countyCode, key.id),
  async warn(tx, _ctx, c, d, now) {
    await repo.insertEvent(tx, clockEvent(c, 'deadlineWarned', d, now));
    const ids = await users.staffIdsAt(tx, c.unitCode, ['operator']);
    if (ids.length) await outbox.enqueue(tx, now, c.countyCode, { kind: 'notify', userIds: ids, subject: caseModule.subjectOf(c), text: `预警：案件 ${c.code} ${kindLabel[d.kind]}即将到期` });
  },
  async breach(tx, ctx, c, d, now) {
    let current = c;
    if (!c.isOverdue) {
      await repo.updateCase(tx, c, { isOverdue: true });
      current = { ...c, isOverdue: true, version: c.version + 1 };
      await stats.bumpOverdue(tx, c.countyCode, c.villageCode, 1);
    }
    await repo.insertEvent(tx, clockEvent(c, 'deadlineBreached', d, now));
    // 督办 then 上报, each where the table lets the system take it from the case's status.
    const can = allowedActions(current.status as CaseStatus, 'system');
    const steps: FollowOn<CaseAction>[] = [];
    if (can.includes('urge')) steps.push({ action: 'urge', input: { note: `${kindLabel[d.kind]}已超期` } });
    if (can.includes('escalate')) steps.push({ action: 'escalate', input: { reason: `${kindLabel[d.kind]}已超期，自动上报` } });
    await runSteps(tx, ctx, caseModule, current, steps);
  },
};

/** Sweeps the clocks of cases only (tests and the faults suite; the scheduler sweeps every registered type). */
export function sweepDeadlines(ctx: AppContext, limit = 100): Promise<{ warned: number; breached: number }> {
  return sweepClocks(ctx, { case: caseClockHandlers }, limit);
}
