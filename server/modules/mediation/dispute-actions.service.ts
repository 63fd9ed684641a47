/**
 * Dispute actions from the API: read the dispute in the actor's view, render the action's document BEFORE the
 * transaction (a written agreement; documents.render runs off the request thread), then lock the row and run the
 * action through the transition engine, which stores the document inside the same transaction (its SM3 in the
 * audit event), answering with the actions now allowed.
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
import * as documents from '../documents/documents.service.ts';
import { documentOfAction } from './agreement-document.ts';
import type { DocumentExtra } from './dispute-effects.ts';

/** Actions that may issue a document (rendered before the transaction). */
const issuesDocument = (a: DisputeAction) => a === 'recordAgreement' || a === 'accept' || a === 'recordFailure';

/** The answer to an action. */
export interface DisputeActionResult {
  code: string;
  status: string;
  event: string;
  /** The document this action issued (a written agreement's 调解协议书), else null. */
  documentId: string | null;
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
  const seen = before ? await subjectOf(ctx.db, before) : null;
  if (!before || !seen || !canRead(who, seen)) throw new AppError('NOT_FOUND');
  const extra: DocumentExtra = { out: {} };
  // Refuse before rendering a document nobody may issue.
  if (issuesDocument(action) && !roleFor(who, seen, action)) throw new AppError('INVALID_TRANSITION');
  const doc = issuesDocument(action) ? await documentOfAction(ctx.db, ctx.crypto, before, action, input, ctx.clock.now()) : null;
  if (doc) {
    extra.rendered = await documents.render(ctx, doc.template, doc.data as never);
    extra.docNo = doc.data.docNo;
  }
  return ctx.db.transaction(async (tx) => {
    const d = await repo.lockByCode(tx, code);
    if (!d) throw new AppError('NOT_FOUND');
    // The document says what the dispute was when it was rendered; a change in between renders again.
    if (extra.rendered && d.version !== before.version) throw new AppError('STALE_VERSION');
    const s = await subjectOf(tx, d);
    if (!roleFor(who, s, action)) throw new AppError('INVALID_TRANSITION');
    const moved = await engine.transition(tx, ctx, disputeModuleFor(who, s, action), actor, d, action, { ...input, ...extra, actorMediatorIds: [...who.mediatorIds] });
    const result: DisputeActionResult = { code: d.code, status: moved.row.status, event: moved.event, documentId: extra.out?.documentId ?? null, allowedActions: actionsFor(who, await subjectOf(tx, moved.row)) };
    if (ticket) await completeKey(tx, ticket, 200, result);
    return result;
  });
}
