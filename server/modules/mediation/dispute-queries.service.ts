/** Reading disputes: the register and the workbench boxes, the card, the audited reveal of parties. */
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import type { DisputeListQuery } from '../../../core/schemas/disputes.schema.ts';
import { disputeBoxes } from '../../../core/schemas/disputes.schema.ts';
import type { DisputeCard } from '../../../core/schemas/disputes.response.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { holds, requirePermission, scopePrefix } from '../../lib/access.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import * as audit from '../audit/audit.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as orgRepo from './organisation.repository.ts';
import * as repo from './mediation.repository.ts';
import { actionsFor, canRead, isCommittee, isMediator, visibleSql, type Who } from './mediation.policy.ts';
import { subjectOf, whoOf } from './dispute-people.ts';
import { presentAgreement, presentClock, presentEvent, presentListItem, presentOutcome, presentParty, presentSession } from './mediation.presenter.ts';
import * as agreements from './agreement.repository.ts';
import { fileChecklistOf } from './dispute-file.service.ts';
import * as documents from '../documents/documents.service.ts';
import { actionsAtAgreementStage } from '../../../core/mediation/agreement-steps.ts';

/** A dispute the actor may read, with who they are. @throws NOT_FOUND */
async function inView(ctx: AppContext, actor: Actor, code: string) {
  requirePermission(actor, 'dispute:read');
  const who = await whoOf(ctx.db, actor);
  const d = await repo.findByCode(ctx.db, code);
  if (!d) throw new AppError('NOT_FOUND');
  const s = await subjectOf(ctx.db, d);
  if (!canRead(who, s)) throw new AppError('NOT_FOUND');
  return { who, s, d };
}

const startOfCstDay = (now: Date) => new Date(Date.parse(`${cstDate(now)}T00:00:00+08:00`));

/** The reader's county, or null when the scope is wider than one county (then reads fan out). */
const countyOf = (actor: Actor) => (scopePrefix(actor).length >= 6 ? actor.scopeCode.slice(0, 6) : null);

/** The ids of the disputes the account mediates. */
async function mediating(ctx: AppContext, who: Who): Promise<string[]> {
  return who.mediatorIds.size ? repo.disputeIdsOfMediators(ctx.db, countyOf(who.actor), [...who.mediatorIds]) : [];
}

async function filterOf(ctx: AppContext, who: Who, q: z.infer<typeof DisputeListQuery>, box: (typeof disputeBoxes)[number], now: Date): Promise<repo.DisputeFilter> {
  const mine = await mediating(ctx, who);
  const f: repo.DisputeFilter = { visible: visibleSql(who, mine), status: q.status ? q.status.split(',') : undefined, category: q.category, committeeId: q.committeeId, region: q.region, q: q.q, now };
  if (box === 'mine') return { ...f, ids: mine, status: f.status ?? repo.openStatuses };
  if (box === 'sessionsToday') {
    const day = startOfCstDay(now);
    return { ...f, ids: await repo.disputesWithSessionsBetween(ctx.db, countyOf(who.actor), day, new Date(day.getTime() + 86_400_000)) };
  }
  // Each agreed term's deadline is a follow-up: due from that day until it is recorded as performed.
  if (box === 'followUps') return { ...f, ids: await agreements.disputesWithTermsDue(ctx.db, countyOf(who.actor), cstDate(now)) };
  // A written agreement is in effect only at its last signature or seal: until then it waits here.
  if (box === 'toSign') return { ...f, ids: await agreements.disputesAwaitingSignatures(ctx.db, countyOf(who.actor)), status: ['agreed'] };
  if (box === 'new' || box === 'overdue' || box === 'urgent') return { ...f, box };
  return f;
}

/** GET /api/disputes: a page of the register or a workbench box. */
export async function listDisputes(ctx: AppContext, actor: Actor, q: z.infer<typeof DisputeListQuery>) {
  requirePermission(actor, 'dispute:read');
  const now = ctx.clock.now();
  const who = await whoOf(ctx.db, actor);
  const f = await filterOf(ctx, who, q, q.box, now);
  const [rows, total] = await Promise.all([repo.list(ctx.db, f, q.pageSize, (q.page - 1) * q.pageSize), repo.countOf(ctx.db, f)]);
  const committees = new Map<string, string>();
  for (const r of rows) if (!committees.has(r.d.committeeId)) committees.set(r.d.committeeId, (await orgRepo.committeeById(ctx.db, r.d.committeeId, r.d.countyCode))?.name ?? '');
  const [first, names] = await Promise.all([repo.firstPartyMasks(ctx.db, rows.map((r) => r.d)), repo.mediatorNamesOf(ctx.db, rows.map((r) => r.d))]);
  const items = rows.map((r) => presentListItem(r.d, { firstParty: first.get(r.d.id) ?? null, committeeName: committees.get(r.d.committeeId) ?? null, mediators: names.get(r.d.id) ?? [], nextDueAt: r.nextDueAt, now }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** GET /api/disputes/boxes: how many each workbench box holds. */
export async function boxCounts(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'dispute:read');
  const now = ctx.clock.now();
  const who = await whoOf(ctx.db, actor);
  const counts: Record<string, number> = {};
  for (const box of disputeBoxes) counts[box] = await repo.countOf(ctx.db, await filterOf(ctx, who, { box, page: 1, pageSize: 1 }, box, now));
  return counts;
}

/** GET /api/disputes/:code: the card (parties masked; records only to those who take part). */
export async function getDispute(ctx: AppContext, actor: Actor, code: string): Promise<DisputeCard> {
  const { who, s, d } = await inView(ctx, actor, code);
  const now = ctx.clock.now();
  const [parties, events, clockRows, sessions, links, mediators, committee, agreement, terms, signatures, docs] = await Promise.all([
    repo.partiesOf(ctx.db, d), repo.eventsOf(ctx.db, d), clocks.clocksOf(ctx.db, { type: 'dispute', id: d.id, countyCode: d.countyCode }, now), repo.sessionsOf(ctx.db, d),
    repo.linksOf(ctx.db, d), repo.mediatorsOfDispute(ctx.db, d), orgRepo.committeeById(ctx.db, d.committeeId, d.countyCode),
    agreements.agreementOf(ctx.db, d), agreements.termsOf(ctx.db, d), agreements.signaturesOf(ctx.db, d), documents.listOf(ctx.db, d.countyCode, 'dispute', d.id),
  ]);
  const roomIds = [...new Set([d.roomId, ...sessions.map((x) => x.roomId)].filter((x): x is string => !!x))];
  const rooms = new Map((await Promise.all(roomIds.map((id) => orgRepo.roomById(ctx.db, id, d.countyCode)))).flatMap((r) => (r ? [[r.id, r.name] as const] : [])));
  const village = d.villageCode ? (await regions.namesOf(ctx.db, [d.villageCode])).get(d.villageCode) ?? null : null;
  const running = clockRows.filter((c) => !c.paused && (c.state === 'open' || c.state === 'warned')).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const takesPart = isMediator(who, s) || isCommittee(who, s);
  const agreementView = agreement ? presentAgreement(agreement, terms, signatures, parties) : null;
  return {
    ...presentListItem(d, { firstParty: parties[0]?.nameMask ?? null, committeeName: committee?.name ?? null, mediators: mediators.map((x) => x.m.name), nextDueAt: running[0] ? new Date(running[0].dueAt) : null, now }),
    factsFull: d.facts, claims: d.claims, address: d.address, lat: d.lat, lng: d.lng, gridCode: d.gridCode, villageName: village,
    committee: committee ? { id: committee.id, name: committee.name, level: committee.level } : null, room: d.roomId ? { id: d.roomId, name: rooms.get(d.roomId) ?? '' } : null,
    assignedBy: d.assignedBy, acceptedAt: d.acceptedAt?.toISOString() ?? null, extDays: d.extDays, receivedAt: d.receivedAt.toISOString(), closedAt: d.closedAt?.toISOString() ?? null,
    mediators: mediators.map((r) => ({ id: r.m.id, name: r.m.name, lead: r.link.lead, languages: r.m.languages })),
    parties: parties.map((p) => presentParty(p, ctx.crypto)), canRevealParties: holds(actor, 'dispute:reveal') && takesPart,
    sessions: sessions.map((x) => presentSession(x, rooms, ctx.crypto, takesPart)), outcome: presentOutcome(d, parties),
    clocks: clockRows.map(presentClock), timeline: events.map(presentEvent), links: links.map((l) => ({ type: l.subjectType, code: l.subjectCode })),
    version: d.version, allowedActions: actionsAtAgreementStage({ allowedActions: actionsFor(who, s), agreement: agreementView }),
    agreement: agreementView,
    documents: docs.map((x) => ({ id: x.id, template: x.template, title: x.title, sm3: x.sm3, createdAt: x.createdAt.toISOString() })),
    file: await fileChecklistOf(ctx.db, d),
  };
}

/** POST /api/disputes/:code/parties/reveal: the parties in full to their mediators and committee, the reason audited. @throws NOT_FOUND, FORBIDDEN */
export async function revealParties(ctx: AppContext, actor: Actor, code: string, reason: string) {
  requirePermission(actor, 'dispute:reveal');
  const { who, s, d } = await inView(ctx, actor, code);
  // Only those who work on it reach the parties; others in scope read the masked card.
  if (!isMediator(who, s) && !isCommittee(who, s)) throw new AppError('FORBIDDEN');
  const parties = await repo.partiesOf(ctx.db, d);
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'dispute.revealParties', objectType: 'dispute', objectId: d.code, countyCode: d.countyCode, detail: { reason, count: parties.length } }, actor.ip);
  return parties.map((p) => presentParty(p, ctx.crypto, true));
}
