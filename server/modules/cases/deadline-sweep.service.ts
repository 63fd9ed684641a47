/**
 * The deadline sweep: due clocks are rows, claimed with FOR UPDATE SKIP LOCKED so several server
 * processes never fire one twice, and a restart between due time and sweep loses nothing. Yellow at 80%
 * warns the unit; red at 100% marks the case overdue, urges, and escalates it one level.
 */
import { allowedActions, type CaseStatus } from '../../../core/workflow/case-workflow.ts';
import type { AppContext } from '../../lib/context.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as users from '../users/users.service.ts';
import * as repo from './cases.repository.ts';
import * as stats from './case-stats.repository.ts';
import * as deadlinesRepo from './deadlines.repository.ts';
import { systemActorFor, transition } from './case-actions.service.ts';

const kindLabel: Record<string, string> = { first_response: '首次响应(一小时介入)', stage: '环节时限', total: '办结时限' };

/** Processes due clocks; returns how many warned and breached. */
export async function sweepDeadlines(ctx: AppContext, limit = 100): Promise<{ warned: number; breached: number }> {
  const now = ctx.clock.now();
  let warned = 0, breached = 0;
  await ctx.db.transaction(async (tx) => {
    for (const d of await deadlinesRepo.claimDue(tx, now, limit)) {
      // A savepoint per clock: one bad case does not hold back the others.
      await tx.transaction(async (sp) => {
        const c = await repo.lockByIdSkipLocked(sp, d.countyCode, d.caseId);
        if (!c) return; // someone is acting on the case right now; the next sweep takes it
        if (now >= d.dueAt) {
          await deadlinesRepo.update(sp, d, { state: 'breached' });
          let current = c;
          if (d.kind !== 'first_response' && !c.isOverdue) {
            await repo.updateCase(sp, c, { isOverdue: true });
            current = { ...c, isOverdue: true, version: c.version + 1 };
            await stats.bumpOverdue(sp, c.countyCode, c.villageCode, 1);
          }
          await repo.insertEvent(sp, { countyCode: c.countyCode, caseId: c.id, type: 'deadlineBreached', actorId: 'system', actorName: 'system', actorRole: 'system', fromStatus: c.status, toStatus: c.status, fromUnit: null, toUnit: null, reason: null, data: { kind: d.kind, dueAt: d.dueAt.toISOString() }, isPublic: false, at: now });
          const system = systemActorFor(c);
          const can = allowedActions(current.status as CaseStatus, 'system');
          if (can.includes('urge')) {
            await transition(sp, ctx, system, current, 'urge', { note: `${kindLabel[d.kind]}已超期` });
            current = (await repo.findById(sp, c.countyCode, c.id))!;
          }
          if (can.includes('escalate')) await transition(sp, ctx, system, current, 'escalate', { reason: `${kindLabel[d.kind]}已超期，自动上报` });
          breached++;
        } else {
          await deadlinesRepo.update(sp, d, { state: 'warned' });
          await repo.insertEvent(sp, { countyCode: c.countyCode, caseId: c.id, type: 'deadlineWarned', actorId: 'system', actorName: 'system', actorRole: 'system', fromStatus: c.status, toStatus: c.status, fromUnit: null, toUnit: null, reason: null, data: { kind: d.kind, dueAt: d.dueAt.toISOString() }, isPublic: false, at: now });
          const ids = await users.staffIdsAt(sp, c.unitCode, ['operator']);
          if (ids.length) await outbox.enqueue(sp, now, c.countyCode, { kind: 'notify', userIds: ids, caseId: c.id, text: `预警：案件 ${c.code} ${kindLabel[d.kind]}即将到期` });
          warned++;
        }
      });
    }
  });
  return { warned, breached };
}
