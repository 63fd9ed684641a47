/**
 * Petitions on the transition engine: the table (core/workflow/petition-workflow.ts), the policy (who plays
 * office, body, approver), the effects table, the one writer of a petition's status, its event, and the
 * statutory clocks each status opens and settles (counting rules as data: core/petitions/clock-kinds.ts).
 */
import { petitionTerminal, petitionWorkflow, publicPetitionEvents, type PetitionAction, type PetitionRole, type PetitionStatus, type PetitionVariant } from '../../../core/workflow/petition-workflow.ts';
import { petitionClockKinds, type PetitionClockKindName } from '../../../core/petitions/clock-kinds.ts';
import type { WorkflowModule } from '../../workflow/workflow-module.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as repo from './petitions.repository.ts';
import { roleFor } from './petitions.policy.ts';
import { petitionEffects } from './petition-effects.ts';
import { countTransition } from './petition-stats.service.ts';

/** The limits and counting rules of these clock kinds. */
export const petitionClockSpecs = (kinds: readonly string[]) =>
  kinds.map((kind) => {
    const k = petitionClockKinds[kind as PetitionClockKindName];
    return { kind, limit: k.days, rules: k.rules };
  });

/** Kinds that count the petitioner's time (windows to ask for review), not a body's: they lapse, they are never "overdue". */
export const windowKinds: readonly string[] = ['review_window', 're_review_window'];

/** The petition workflow as the engine runs it, taking `action` (the part an account plays depends on the action). */
export function petitionModuleFor(action: PetitionAction | null): WorkflowModule<repo.PetitionRow, PetitionStatus, PetitionAction, PetitionRole, PetitionVariant> {
  return {
    subjectType: 'petition',
    definition: petitionWorkflow,
    roleOf: (actor, p) => (actor.kind === 'system' ? 'system' : action ? roleFor(actor, p, action) : null),
    permits: (actor, p, a) => actor.kind === 'system' || roleFor(actor, p, a) !== null,
    effects: petitionEffects,
    async writeStatus(tx, p, set, now) {
      const full: Partial<repo.PetitionRow> = { ...set, updatedAt: now };
      if (petitionTerminal.includes(set.status) && !p.closedAt) full.closedAt = now;
      // The flag marks the step that was late; a new step starts with its own clocks (lists also check those).
      if (petitionTerminal.includes(set.status) || set.status !== p.status) full.isOverdue = false;
      await repo.updatePetition(tx, p, full);
      return { ...p, ...full, version: p.version + 1 };
    },
    async appendEvent(tx, e) {
      await repo.insertEvent(tx, {
        countyCode: e.before.countyCode,
        petitionId: e.before.id,
        type: e.action,
        actorId: e.actor.id,
        actorName: e.actor.name,
        actorRole: e.role,
        fromStatus: e.from,
        toStatus: e.to,
        reason: e.effect.reason ?? null,
        data: e.effect.data ?? null,
        isPublic: publicPetitionEvents.includes(e.action),
        at: e.now,
      });
      // The rollup moves with the event it counts (and before the engine settles the clock it judges).
      await countTransition(tx, e);
    },
    subjectOf: (p) => ({ type: 'petition', id: p.id, code: p.code }),
    auditObjectId: (p) => p.code,
    clocks: {
      // The objection clock is cancelled by the effects (it lapses quietly); windows settle when a review is asked.
      settleOnLeave: ['transfer_by', 'notify_by', 'conclude_by', 'review_reply', 're_review_reply', 'review_window', 're_review_window'],
      openOnEnter: { registered: ['transfer_by'], transferred: ['notify_by', 'objection_by'], accepted: ['conclude_by'], review: ['review_reply'], re_review: ['re_review_reply'] },
      settleOnTerminal: { kinds: ['objection_by'], metOn: [] },
      limits: async (_tx, _ctx, _p, kinds) => petitionClockSpecs(kinds),
      calendar: (tx, ctx, p) => catalog.workCalendar(ctx, tx, p.countyCode),
    },
  };
}

/** The module for the scheduler's own steps (urge, close). */
export const petitionSystemModule = petitionModuleFor(null);
