/**
 * Petition actions from the API: read the petition in the actor's view, render the action's document BEFORE the
 * transaction (documents.render runs off the request thread), then lock the row and run the action through the
 * transition engine, which stores the document inside the same transaction (its SM3 in the audit event).
 */
import { AppError } from '../../../core/errors.ts';
import type { PetitionAction } from '../../../core/workflow/petition-workflow.ts';
import { documentData, documentOfAction, type PetitionFacts } from '../../../core/petitions/document-data.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as engine from '../../workflow/engine.ts';
import * as documents from '../documents/documents.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { officeName, resolveBody } from './petition-bodies.ts';
import * as repo from './petitions.repository.ts';
import { actionsFor, canRead, isOffice, roleFor } from './petitions.policy.ts';
import { petitionModuleFor } from './petitions.workflow.ts';

type AnyInput = Record<string, unknown>;

/** The answer to an action. */
export interface ActionResult {
  code: string;
  status: string;
  event: string;
  documentId: string | null;
  allowedActions: string[];
}

/** The latest event of a type on the petition (the review request a review opinion answers). */
async function lastEvent(ctx: AppContext, p: repo.PetitionRow, type: string) {
  return (await repo.eventsOf(ctx.db, p)).filter((e) => e.type === type).at(-1);
}

/** What the document of this action needs, read before the transaction (names decrypted only for the addressee line). */
async function factsOf(ctx: AppContext, actor: Actor, p: repo.PetitionRow, action: PetitionAction, input: AnyInput): Promise<{ facts: PetitionFacts; extra: AnyInput }> {
  const people = await repo.petitionersOf(ctx.db, p);
  const first = people[0];
  const name = first ? ctx.crypto.decrypt(first.nameEnc) : '信访人';
  const office = await officeName(ctx.db, p.officeRegion);
  // Who signs: the office for routing and its own refusals and acceptances, else the body acting.
  const byOffice = action === 'transfer' || action === 'assign' || ((action === 'notAccept' || action === 'accept') && p.status === 'registered' && isOffice(actor, p));
  const extra: AnyInput = {};
  if (action === 'transfer' || action === 'assign') extra.recipient = (await resolveBody(ctx.db, p.countyCode, (input.to ?? {}) as { departmentId?: string; regionCode?: string })).bodyName;
  if (action === 'concludeReview' || action === 'concludeReReview') {
    const req = await lastEvent(ctx, p, action === 'concludeReview' ? 'requestReview' : 'requestReReview');
    const data = (req?.data ?? {}) as { from?: string; requestedAt?: string };
    extra.originalBody = data.from ?? '';
    extra.requestedAt = data.requestedAt ? new Date(data.requestedAt) : req?.at;
  }
  const facts: PetitionFacts = {
    code: p.code, matter: p.matter, receivedAt: p.receivedAt, acceptedAt: p.acceptedAt,
    petitioner: people.length > 1 ? `${name}等${p.peopleCount > people.length ? p.peopleCount : people.length}人` : name,
    petitionerMasked: first?.nameMask ?? '—', contactMasked: first?.phoneMask ?? '—',
    issuer: byOffice ? office : (p.bodyName ?? office), bodyName: p.bodyName, reviewBody: `${office}或${p.bodyName ?? office}的上一级机关`, hearingDays: p.hearingDays,
  };
  return { facts, extra };
}

/**
 * Applies one action to the petition with this code.
 * @throws NOT_FOUND (missing or not readable), INVALID_TRANSITION, VALIDATION_FAILED, STALE_VERSION, UNAVAILABLE (fonts)
 */
export async function applyPetitionAction(ctx: AppContext, actor: Actor, code: string, action: PetitionAction, input: AnyInput, ticket?: Ticket): Promise<ActionResult> {
  if (actor.kind !== 'user') throw new AppError('NOT_FOUND');
  const before = await repo.findByCode(ctx.db, code);
  if (!before || !canRead(actor, before)) throw new AppError('NOT_FOUND');
  // Refuse before rendering a document nobody may issue.
  if (!roleFor(actor, before, action)) throw new AppError('INVALID_TRANSITION');
  const template = documentOfAction[action];
  const out: { documentId?: string } = {};
  let rendered: documents.Rendered | undefined;
  let issuer: string | undefined;
  if (template) {
    const { facts, extra } = await factsOf(ctx, actor, before, action, input);
    issuer = facts.issuer;
    rendered = await documents.render(ctx, template, documentData(template, facts, { ...input, ...extra }, ctx.clock.now()));
  }
  return ctx.db.transaction(async (tx) => {
    const p = await repo.lockByCode(tx, code);
    if (!p) throw new AppError('NOT_FOUND');
    // The document says what the petition was when it was rendered; a change in between renders again.
    if (p.version !== before.version) throw new AppError('STALE_VERSION');
    const moved = await engine.transition(tx, ctx, petitionModuleFor(action), actor, p, action, { ...input, rendered, out, issuer });
    const result: ActionResult = { code: p.code, status: moved.row.status, event: moved.event, documentId: out.documentId ?? null, allowedActions: actionsFor(actor, moved.row) };
    if (ticket) await completeKey(tx, ticket, 200, result);
    return result;
  });
}
