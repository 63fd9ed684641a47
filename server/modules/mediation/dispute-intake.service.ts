/**
 * The ways a dispute comes in besides the register form: a case of a dispute category in one click, a petition
 * suited to mediation, and a resident's online application (answers a code and the key of the follow-up link);
 * and the resident's follow-up by code, which shows no personal data.
 */
import { AppError } from '../../../core/errors.ts';
import { disputeCategoryOfCase } from '../../../core/mediation/categories.ts';
import type { DisputeFromRecordInput, PublicDisputeInput } from '../../../core/schemas/disputes.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import { publicActor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { holds, requirePermission } from '../../lib/access.ts';
import type { Ticket } from '../idempotency/idempotency.service.ts';
import { canRead as canReadCase, caseViewOf } from '../cases/case-visibility.ts';
import { petitionInView } from '../petitions/petition-queries.service.ts';
import * as orgRepo from './organisation.repository.ts';
import * as repo from './mediation.repository.ts';
import { registerDispute } from './dispute-register.service.ts';
import { presentTracking } from './mediation.presenter.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** Refuses a second dispute of the same record, naming the first. */
async function notYetADispute(ctx: AppContext, countyCode: string, type: 'case' | 'petition', id: string): Promise<void> {
  const [first] = await repo.disputeCodesOf(ctx.db, countyCode, type, id);
  if (first) throw new AppError('CONFLICT', [{ path: 'code', code: 'already_dispute', message: first }]);
}

/** POST /api/cases/:code/dispute: the case becomes a dispute (its place, text and dispute category carried over). @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, CONFLICT */
export async function disputeFromCase(ctx: AppContext, actor: Actor, code: string, body: DisputeFromRecordInput, ticket?: Ticket) {
  requirePermission(actor, 'dispute:register');
  const c = await repo.caseByCode(ctx.db, code);
  if (!c || !canReadCase(await caseViewOf(ctx, actor), c)) throw new AppError('NOT_FOUND');
  const category = body.category ?? disputeCategoryOfCase(c.categoryId);
  if (!category) throw bad('body.category', 'not_a_dispute', '该案件不属纠纷类，请选择纠纷类型');
  await notYetADispute(ctx, c.countyCode, 'case', c.id);
  return registerDispute(ctx, actor, {
    ...body, source: 'case', category, facts: body.facts || c.description,
    lat: body.lat ?? c.lat, lng: body.lng ?? c.lng, gridCode: body.lat != null ? null : c.gridCode, villageCode: body.villageCode ?? c.villageCode, address: body.address ?? c.address,
    from: { type: 'case', id: c.id, code: c.code },
  }, ticket);
}

/** POST /api/petitions/:code/dispute: a petition suited to mediation goes to a committee (诉访分离). @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, CONFLICT */
export async function disputeFromPetition(ctx: AppContext, actor: Actor, code: string, body: DisputeFromRecordInput, ticket?: Ticket) {
  requirePermission(actor, 'dispute:register');
  // A petition is missing to whoever reads no petitions (a grid worker, a mediator).
  if (!holds(actor, 'petition:read')) throw new AppError('NOT_FOUND');
  const p = await petitionInView(ctx, actor, code);
  if (!body.category) throw bad('body.category', 'required', '请选择纠纷类型');
  await notYetADispute(ctx, p.countyCode, 'petition', p.id);
  return registerDispute(ctx, actor, {
    ...body, source: 'petition', category: body.category, facts: body.facts || p.matter,
    lat: body.lat ?? p.lat, lng: body.lng ?? p.lng, gridCode: body.lat != null ? null : p.gridCode, villageCode: body.villageCode ?? p.villageCode, address: body.address ?? p.address,
    from: { type: 'petition', id: p.id, code: p.code },
  }, ticket);
}

/** The codes of the disputes a case or petition became, for its card (the cases and petitions modules call this). */
export function disputeCodesOf(ctx: AppContext, record: { countyCode: string; id: string }, type: 'case' | 'petition'): Promise<string[]> {
  return repo.disputeCodesOf(ctx.db, record.countyCode, type, record.id);
}

/** POST /api/public/disputes: a resident applies for mediation (the applicant and the other side as parties). */
export function applyOnline(ctx: AppContext, ip: string, b: PublicDisputeInput, ticket?: Ticket) {
  return registerDispute(ctx, publicActor(ip), {
    source: 'online', category: b.category, facts: b.facts, claims: b.claims, lat: b.lat, lng: b.lng, villageCode: b.villageCode, address: b.address,
    parties: [
      { kind: 'person', side: 'applicant', name: b.name, phone: b.phone, idNumber: b.idNumber },
      { kind: b.otherParty.kind, side: 'respondent', name: b.otherParty.name, phone: b.otherParty.phone },
    ],
  }, ticket);
}

/** GET /api/public/disputes/:code: stage, dates and the committee; a wrong code answers NOT_FOUND. */
export async function trackDispute(ctx: AppContext, code: string) {
  const d = await repo.findByCode(ctx.db, code);
  if (!d) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const [events, committee, sessions] = await Promise.all([repo.eventsOf(ctx.db, d), orgRepo.committeeById(ctx.db, d.committeeId, d.countyCode), repo.sessionsOf(ctx.db, d)]);
  const next = sessions.filter((s) => !s.heldAt && s.scheduledAt >= now).sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime())[0];
  return presentTracking(d, { events, committeeName: committee?.name ?? null, nextSession: next?.scheduledAt ?? null });
}
