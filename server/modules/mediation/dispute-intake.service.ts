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
import { registerDispute, type NewDispute } from './dispute-register.service.ts';
import type { Executor } from '../../db/client.ts';
import { recordDisputeLink } from '../cases/case-dispute-link.ts';
import { recordPetitionDispute } from '../petitions/petition-dispute-link.ts';
import { presentTracking } from './mediation.presenter.ts';
import { canRead } from './mediation.policy.ts';
import { subjectOf, whoOf } from './dispute-people.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** Refuses a second dispute of the same record, naming the first. */
async function notYetADispute(ctx: AppContext, countyCode: string, type: 'case' | 'petition', id: string): Promise<void> {
  const [first] = await repo.disputeCodesOf(ctx.db, countyCode, type, id);
  if (first) throw new AppError('CONFLICT', [{ path: 'code', code: 'already_dispute', message: first }]);
}

/** The place of the record unless the body names another (a point given drops the record's grid). */
function placeOf(body: DisputeFromRecordInput, r: { lat: number | null; lng: number | null; gridCode: string | null; villageCode: string | null; address: string | null }) {
  return { lat: body.lat ?? r.lat, lng: body.lng ?? r.lng, gridCode: body.lat != null ? null : r.gridCode, villageCode: body.villageCode ?? r.villageCode, address: body.address ?? r.address };
}

/** Registers the dispute and writes the record's own step 转人民调解 → code in the same transaction: neither without the other. */
function withStep(ctx: AppContext, actor: Actor, input: NewDispute, ticket: Ticket | undefined, step: (tx: Executor, disputeCode: string, at: Date) => Promise<void>) {
  return ctx.db.transaction(async (tx) => {
    const made = await registerDispute(ctx, actor, input, ticket, tx);
    await step(tx, made.code, ctx.clock.now());
    return made;
  });
}

/** POST /api/cases/:code/dispute: the case becomes a dispute (its place, text and dispute category carried over). @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, CONFLICT */
export async function disputeFromCase(ctx: AppContext, actor: Actor, code: string, body: DisputeFromRecordInput, ticket?: Ticket) {
  requirePermission(actor, 'dispute:register');
  const c = await repo.caseByCode(ctx.db, code);
  if (!c || !canReadCase(await caseViewOf(ctx, actor), c)) throw new AppError('NOT_FOUND');
  const category = body.category ?? disputeCategoryOfCase(c.categoryId);
  if (!category) throw bad('body.category', 'not_a_dispute', '该案件不属纠纷类，请选择纠纷类型');
  await notYetADispute(ctx, c.countyCode, 'case', c.id);
  return withStep(ctx, actor, { ...body, source: 'case', category, facts: body.facts || c.description, ...placeOf(body, c), from: { type: 'case', id: c.id, code: c.code } }, ticket,
    (tx, disputeCode, at) => recordDisputeLink(tx, ctx, actor, c, disputeCode, at));
}

/** POST /api/petitions/:code/dispute: a petition suited to mediation goes to a committee (诉访分离). @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, CONFLICT */
export async function disputeFromPetition(ctx: AppContext, actor: Actor, code: string, body: DisputeFromRecordInput, ticket?: Ticket) {
  requirePermission(actor, 'dispute:register');
  // A petition is missing to whoever reads no petitions (a grid worker, a mediator).
  if (!holds(actor, 'petition:read')) throw new AppError('NOT_FOUND');
  const p = await petitionInView(ctx, actor, code);
  if (!body.category) throw bad('body.category', 'required', '请选择纠纷类型');
  await notYetADispute(ctx, p.countyCode, 'petition', p.id);
  return withStep(ctx, actor, { ...body, source: 'petition', category: body.category, facts: body.facts || p.matter, ...placeOf(body, p), from: { type: 'petition', id: p.id, code: p.code } }, ticket,
    (tx, disputeCode, at) => recordPetitionDispute(tx, ctx, actor, p, disputeCode, at));
}

/**
 * The disputes a case or petition became, for its card (the cases and petitions modules call this): codes of those the
 * reader may open, the others only counted (a grid worker reads only the disputes they registered); and whether the
 * reader may make one (only while there is none: a second referral would be refused).
 */
export async function disputeLinksOf(ctx: AppContext, actor: Actor, record: { countyCode: string; id: string }, type: 'case' | 'petition'): Promise<{ disputeCodes: string[]; disputesHidden: number; canMakeDispute: boolean }> {
  const rows = await repo.disputesLinkedTo(ctx.db, record.countyCode, type, record.id);
  const who = rows.length ? await whoOf(ctx.db, actor) : null;
  const seen: string[] = [];
  for (const d of rows) if (who && canRead(who, await subjectOf(ctx.db, d))) seen.push(d.code);
  return { disputeCodes: seen, disputesHidden: rows.length - seen.length, canMakeDispute: holds(actor, 'dispute:register') && rows.length === 0 };
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
