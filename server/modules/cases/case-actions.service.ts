/**
 * Case actions from the API: find and lock the case in the actor's view, run the action through the transition
 * engine (server/workflow/engine.ts, with cases.workflow.ts), answer with what the actor may do next. The engine
 * is the only code that writes a case's status.
 */
import { AppError } from '../../../core/errors.ts';
import type { CaseAction } from '../../../core/workflow/case-workflow.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as engine from '../../workflow/engine.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import * as repo from './cases.repository.ts';
import { actionsFor } from './cases.policy.ts';
import { canRead, caseViewOf } from './case-visibility.ts';
import { caseModule } from './cases.workflow.ts';

export type { ActionInput } from './case-effects.ts';
type AnyInput = Record<string, unknown>;

/** Applies one action to the case with this code. @throws NOT_FOUND, INVALID_TRANSITION, VALIDATION_FAILED */
export async function applyCaseAction(ctx: AppContext, actor: Actor, code: string, action: CaseAction, input: AnyInput, ticket?: Ticket) {
  // Residents write only through public-case.service.ts (the reporter's key, counted "me too").
  if (actor.kind === 'public') throw new AppError('NOT_FOUND');
  const view = actor.kind === 'system' ? null : await caseViewOf(ctx, actor);
  return ctx.db.transaction(async (tx) => {
    const c = await repo.lockByCode(tx, code);
    // A case the actor may not read (out of scope, or private outside their handling chain) answers exactly
    // like a missing one.
    if (!c || (view && !canRead(view, c))) throw new AppError('NOT_FOUND');
    const moved = await engine.transition(tx, ctx, caseModule, actor, c, action, input);
    // Every answer about a record carries what this user may do next, on the row the engine left (follow-on
    // steps included; no second read).
    const now = moved.row;
    const result = { code: c.code, status: now.status, event: moved.event, allowedActions: actor.kind === 'user' ? actionsFor(actor, now) : [] };
    if (ticket) await completeKey(tx, ticket, 200, result);
    return result;
  });
}

/**
 * Applies an action to a case already locked in `tx` (the public tracking page uses it).
 * @throws INVALID_TRANSITION
 */
export async function transition(tx: Executor, ctx: AppContext, actor: Actor, c: repo.CaseRow, action: CaseAction, input: AnyInput): Promise<{ code: string; status: string; event: string }> {
  const moved = await engine.transition(tx, ctx, caseModule, actor, c, action, input);
  return { code: c.code, status: moved.status, event: moved.event };
}

/** The scheduler's actor for one case (scope: the case's county). */
export const systemActorFor = engine.systemActorFor;
