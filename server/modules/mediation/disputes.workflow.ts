/**
 * Disputes on the transition engine: the table (core/workflow/dispute-workflow.ts), the policy (who plays
 * committee and mediator), the effects table, the one writer of a dispute's status, its event, and the clocks
 * each status opens and settles (as data: core/mediation/clock-kinds.ts).
 */
import { disputeTerminal, disputeWorkflow, publicDisputeEvents, type DisputeAction, type DisputeRole, type DisputeStatus, type DisputeVariant } from '../../../core/workflow/dispute-workflow.ts';
import { disputeClockKinds, type DisputeClockKindName } from '../../../core/mediation/clock-kinds.ts';
import type { WorkflowModule } from '../../workflow/workflow-module.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as repo from './mediation.repository.ts';
import { roleFor, type Subject, type Who } from './mediation.policy.ts';
import { disputeEffects } from './dispute-effects.ts';
import { countTransition } from './mediation-stats.service.ts';

/** The limits and counting rules of these clock kinds. */
export const disputeClockSpecs = (kinds: readonly string[]) =>
  kinds.map((kind) => {
    const k = disputeClockKinds[kind as DisputeClockKindName];
    return { kind, limit: k.days, rules: k.rules };
  });

/**
 * The dispute workflow as the engine runs it for this account taking `action` on this dispute (the part an account
 * plays depends on the action; `who` and `s` null for the scheduler).
 */
export function disputeModuleFor(who: Who | null, s: Subject | null, action: DisputeAction | null): WorkflowModule<repo.DisputeRow, DisputeStatus, DisputeAction, DisputeRole, DisputeVariant> {
  // The policy reads the subject as it was locked; the row the engine passes is the same dispute.
  const part = (d: repo.DisputeRow, a: DisputeAction) => (who && s ? roleFor(who, { ...s, d }, a) : null);
  return {
    subjectType: 'dispute',
    definition: disputeWorkflow,
    roleOf: (actor, d) => (actor.kind === 'system' ? 'system' : action ? part(d, action) : null),
    permits: (actor, d, a) => actor.kind === 'system' || part(d, a) !== null,
    effects: disputeEffects,
    async writeStatus(tx, d, set, now) {
      const full: Partial<repo.DisputeRow> = { ...set, updatedAt: now };
      if (disputeTerminal.includes(set.status) && !d.closedAt) full.closedAt = now;
      // The flag marks the step that was late; an outcome ends the month's clock.
      if (set.status !== d.status) full.isOverdue = false;
      await repo.updateDispute(tx, d, full);
      return { ...d, ...full, version: d.version + 1 };
    },
    async appendEvent(tx, e) {
      await repo.insertEvent(tx, {
        countyCode: e.before.countyCode, disputeId: e.before.id, type: e.action, actorId: e.actor.id, actorName: e.actor.name, actorRole: e.role,
        fromStatus: e.from, toStatus: e.to, reason: e.effect.reason ?? null, data: e.effect.data ?? null, isPublic: publicDisputeEvents.includes(e.action), at: e.now,
      });
      // The statistics move with the event they count.
      await countTransition(tx, { before: e.before, after: e.after, action: e.action, from: e.from, now: e.now });
    },
    subjectOf: (d) => ({ type: 'dispute', id: d.id, code: d.code }),
    auditObjectId: (d) => d.code,
    clocks: {
      settleOnLeave: ['mediate_by', 'referral_answer'],
      openOnEnter: { mediating: ['mediate_by'], referred: ['referral_answer'] },
      limits: async (_tx, _ctx, _d, kinds) => disputeClockSpecs(kinds),
      calendar: (tx, ctx, d) => catalog.workCalendar(ctx, tx, d.countyCode),
    },
  };
}

/** The module for the scheduler's own steps (urge). */
export const disputeSystemModule = disputeModuleFor(null, null, null);
