/**
 * What the one clock sweep does with a petition's clocks. A body's or the office's clock (routing, notice,
 * conclusion, review replies) warns the people acting at 80% and at 100% marks the petition overdue and urges it.
 * The objection clock lapses quietly (the body simply can no longer send it back). A review window that lapses
 * closes the petition: no 复查 (复核) was asked in time.
 */
import { allowedPetitionActions, type PetitionAction, type PetitionStatus } from '../../../core/workflow/petition-workflow.ts';
import { petitionClockKinds, type PetitionClockKindName } from '../../../core/petitions/clock-kinds.ts';
import type { AppContext } from '../../lib/context.ts';
import { runSteps } from '../../workflow/engine.ts';
import { sweepClocks, type ClockHandlers } from '../../workflow/sweep.ts';
import type { FollowOn } from '../../workflow/workflow-module.ts';
import * as outbox from '../outbox/outbox.service.ts';
import { bodyStaff, officeStaff } from './petition-bodies.ts';
import * as repo from './petitions.repository.ts';
import { petitionSystemModule, windowKinds } from './petitions.workflow.ts';

const label = (kind: string) => petitionClockKinds[kind as PetitionClockKindName]?.label ?? kind;

/** Who answers for a clock: the office routes; the body notifies, concludes and replies. */
const staffFor = (tx: Parameters<typeof officeStaff>[0], p: repo.PetitionRow, kind: string) => (kind === 'transfer_by' ? officeStaff(tx, p.officeRegion) : bodyStaff(tx, p));

function clockEvent(p: repo.PetitionRow, type: 'deadlineWarned' | 'deadlineBreached', d: { kind: string; dueAt: Date }, now: Date): repo.NewPetitionEvent {
  return { countyCode: p.countyCode, petitionId: p.id, type, actorId: 'system', actorName: 'system', actorRole: 'system', fromStatus: p.status, toStatus: p.status, reason: null, data: { kind: d.kind, dueAt: d.dueAt.toISOString() }, isPublic: false, at: now };
}

/** The petition's warn and breach handlers, registered for subject type 'petition'. */
export const petitionClockHandlers: ClockHandlers<repo.PetitionRow> = {
  async lockSkipLocked(tx, key) {
    return repo.lockById(tx, key.countyCode, key.id);
  },
  async warn(tx, _ctx, p, d, now) {
    if (windowKinds.includes(d.kind) || d.kind === 'objection_by') return;
    await repo.insertEvent(tx, clockEvent(p, 'deadlineWarned', d, now));
    const ids = await staffFor(tx, p, d.kind);
    if (ids.length) await outbox.enqueue(tx, now, p.countyCode, { kind: 'notify', userIds: ids, subject: { type: 'petition', id: p.id, code: p.code }, text: `预警：信访事项 ${p.code} ${label(d.kind)}即将到期` });
  },
  async breach(tx, ctx, p, d, now) {
    if (d.kind === 'objection_by') return;
    const can = allowedPetitionActions(p.status as PetitionStatus, 'system');
    if (windowKinds.includes(d.kind)) {
      if (can.includes('close') && p.unservedDocumentId === null) await runSteps(tx, ctx, petitionSystemModule, p, [{ action: 'close', input: { note: `${label(d.kind)}届满，未申请` } }]);
      return;
    }
    let current = p;
    if (!p.isOverdue) {
      await repo.updatePetition(tx, p, { isOverdue: true });
      current = { ...p, isOverdue: true, version: p.version + 1 };
    }
    await repo.insertEvent(tx, clockEvent(p, 'deadlineBreached', d, now));
    const ids = await staffFor(tx, p, d.kind);
    if (ids.length) await outbox.enqueue(tx, now, p.countyCode, { kind: 'notify', userIds: ids, subject: { type: 'petition', id: p.id, code: p.code }, text: `超期：信访事项 ${p.code} ${label(d.kind)}已超期` });
    const steps: FollowOn<PetitionAction>[] = can.includes('urge') ? [{ action: 'urge', input: { note: `${label(d.kind)}已超期` } }] : [];
    await runSteps(tx, ctx, petitionSystemModule, current, steps);
  },
};

/** Sweeps the clocks of petitions only (tests). */
export function sweepPetitionClocks(ctx: AppContext, limit = 100): Promise<{ warned: number; breached: number }> {
  return sweepClocks(ctx, { petition: petitionClockHandlers }, limit);
}
