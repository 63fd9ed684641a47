/**
 * Dispute actions from the API: read the dispute in the actor's view, then lock the row and run the action
 * through the transition engine (one transaction per transition), answering with the actions now allowed.
 */
import { AppError } from '../../../core/errors.ts';
import type { DisputeAction } from '../../../core/workflow/dispute-workflow.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as engine from '../../workflow/engine.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import * as repo from './mediation.repository.ts';
import { actionsFor, canRead, roleFor } from './mediation.policy.ts';
import { subjectOf, whoOf } from './dispute-people.ts';
import { disputeModuleFor } from './disputes.workflow.ts';

/** The answer to an action. */
export interface DisputeActionResult {
  code: string;
  status: string;
  event: string;
  allowedActions: string[];
}

/**
 * Applies one action to the dispute with this code.
 * @throws NOT_FOUND (missing or not readable), INVALID_TRANSITION, VALIDATION_FAILED
 */
export async function applyDisputeAction(ctx: AppContext, actor: Actor, code: string, action: DisputeAction, input: Record<string, unknown>, ticket?: Ticket): Promise<DisputeActionResult> {
  if (actor.kind !== 'user') throw new AppError('NOT_FOUND');
  const who = await whoOf(ctx.db, actor);
  const before = await repo.findByCode(ctx.db, code);
  if (!before || !canRead(who, await subjectOf(ctx.db, before))) throw new AppError('NOT_FOUND');
  return ctx.db.transaction(async (tx) => {
    const d = await repo.lockByCode(tx, code);
    if (!d) throw new AppError('NOT_FOUND');
    const s = await subjectOf(tx, d);
    if (!roleFor(who, s, action)) throw new AppError('INVALID_TRANSITION');
    const moved = await engine.transition(tx, ctx, disputeModuleFor(who, s, action), actor, d, action, { ...input, actorMediatorIds: [...who.mediatorIds] });
    const result: DisputeActionResult = { code: d.code, status: moved.row.status, event: moved.event, allowedActions: actionsFor(who, await subjectOf(tx, moved.row)) };
    if (ticket) await completeKey(tx, ticket, 200, result);
    return result;
  });
}
