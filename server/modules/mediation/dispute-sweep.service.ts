/**
 * What the one clock sweep does with a dispute's clocks. The mediators' clocks (the one-month target, a referral's
 * answer) warn the mediators and the committee's heads at 80% and at 100% mark the dispute overdue and urge it.
 * The parties' and a court's clocks are never the mediators' lateness, but the mediators are the ones who act on
 * them: before the parties' 30-day window for judicial confirmation ends they are reminded to tell the parties, and
 * when a court's time has passed with no answer recorded they are asked to find out and record it.
 */
import { allowedDisputeActions, type DisputeStatus } from '../../../core/workflow/dispute-workflow.ts';
import { disputeClockKinds, mediationClockKinds, type DisputeClockKindName } from '../../../core/mediation/clock-kinds.ts';
import { cstDate } from '../../../core/calendar.ts';
import type { AppContext } from '../../lib/context.ts';
import { runSteps } from '../../workflow/engine.ts';
import { sweepClocks, type ClockHandlers } from '../../workflow/sweep.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as repo from './mediation.repository.ts';
import { disputeStaff } from './dispute-people.ts';
import { disputeSystemModule } from './disputes.workflow.ts';

const label = (kind: string) => disputeClockKinds[kind as DisputeClockKindName]?.label ?? kind;
const ours = (kind: string) => (mediationClockKinds as readonly string[]).includes(kind);
const ownerOf = (kind: string) => disputeClockKinds[kind as DisputeClockKindName]?.owner;
/** The last day of a period (China time) that ends at `dueAt`. */
const lastDayOf = (dueAt: Date) => cstDate(new Date(dueAt.getTime() - 1));

/** Tells the dispute's mediators and the committee's heads. */
async function tellStaff(tx: Parameters<ClockHandlers<repo.DisputeRow>['warn']>[0], d: repo.DisputeRow, now: Date, text: string): Promise<void> {
  const ids = await disputeStaff(tx, d);
  if (ids.length) await outbox.enqueue(tx, now, d.countyCode, { kind: 'notify', userIds: ids, subject: { type: 'dispute', id: d.id, code: d.code }, text });
}

function clockEvent(d: repo.DisputeRow, type: 'deadlineWarned' | 'deadlineBreached', c: { kind: string; dueAt: Date }, now: Date): repo.NewDisputeEvent {
  return { countyCode: d.countyCode, disputeId: d.id, type, actorId: 'system', actorName: 'system', actorRole: 'system', fromStatus: d.status, toStatus: d.status, reason: null, data: { kind: c.kind, dueAt: c.dueAt.toISOString() }, isPublic: false, at: now };
}

/** The dispute's warn and breach handlers, registered for subject type 'dispute'. */
export const disputeClockHandlers: ClockHandlers<repo.DisputeRow> = {
  lockSkipLocked: (tx, key) => repo.lockByIdSkipLocked(tx, key.countyCode, key.id),
  async warn(tx, _ctx, d, c, now) {
    if (ownerOf(c.kind) === 'parties') {
      await repo.insertEvent(tx, clockEvent(d, 'deadlineWarned', c, now));
      return tellStaff(tx, d, now, `提醒：矛盾纠纷 ${d.code} 当事人${label(c.kind)}至${lastDayOf(c.dueAt)}届满，如需申请请及时告知双方当事人`);
    }
    if (!ours(c.kind)) return;
    await repo.insertEvent(tx, clockEvent(d, 'deadlineWarned', c, now));
    await tellStaff(tx, d, now, `预警：矛盾纠纷 ${d.code} ${label(c.kind)}即将到期`);
  },
  async breach(tx, ctx, d, c, now) {
    if (ownerOf(c.kind) === 'court') {
      await repo.insertEvent(tx, clockEvent(d, 'deadlineBreached', c, now));
      return tellStaff(tx, d, now, `矛盾纠纷 ${d.code} ${label(c.kind)}已于${lastDayOf(c.dueAt)}届满，尚未记录法院的答复，请向法院了解并记录`);
    }
    if (!ours(c.kind)) return;
    let current = d;
    if (!d.isOverdue) {
      await repo.updateDispute(tx, d, { isOverdue: true });
      current = { ...d, isOverdue: true, version: d.version + 1 };
    }
    await repo.insertEvent(tx, clockEvent(d, 'deadlineBreached', c, now));
    const can = allowedDisputeActions(d.status as DisputeStatus, 'system');
    if (can.includes('urge')) await runSteps(tx, ctx, disputeSystemModule, current, [{ action: 'urge', input: { note: `${label(c.kind)}已超期` } }]);
  },
};

/** Sweeps the clocks of disputes only (tests). */
export function sweepDisputeClocks(ctx: AppContext, limit = 100): Promise<{ warned: number; breached: number }> {
  return sweepClocks(ctx, { dispute: disputeClockHandlers }, limit);
}
