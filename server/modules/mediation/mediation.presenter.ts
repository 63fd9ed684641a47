/** All shaping of dispute answers: masks, labels, dates, clocks with their source; the public view holds no person. */
import { disputeCategoryLabels, type DisputeCategory } from '../../../core/mediation/categories.ts';
import { disputeClockKinds, type DisputeClockKindName } from '../../../core/mediation/clock-kinds.ts';
import { publicDisputeEvents, type DisputeEventType } from '../../../core/workflow/dispute-workflow.ts';
import type { DisputeListItem, DisputeParty, DisputeTracking, MediatorItem, DisputeAgreement } from '../../../core/schemas/disputes.response.ts';
import type { z } from 'zod';
import { missingSigners } from '../../../core/mediation/agreement.ts';
import { confirmationRefusal } from '../../../core/mediation/judicial-confirmation.ts';
import type * as agreements from './agreement.repository.ts';
import type { CryptoProvider } from '../../lib/crypto.ts';
import type * as orgRepo from './organisation.repository.ts';
import type * as repo from './mediation.repository.ts';

type ClockView = { kind: string; mode: string; limitMinutes: number; startedAt: string; dueAt: string; state: string; paused: boolean; colour: string };

/** A clock with its days, label and source. */
export function presentClock(c: ClockView) {
  const k = disputeClockKinds[c.kind as DisputeClockKindName];
  return { kind: c.kind, label: k?.label ?? c.kind, limitDays: Math.round(c.limitMinutes / 1440), startedAt: c.startedAt, dueAt: c.dueAt, state: c.state, paused: c.paused, colour: c.colour, source: k?.source ?? '' };
}

/** A list row (the first party's name masked). */
export function presentListItem(d: repo.DisputeRow, x: { firstParty: string | null; committeeName: string | null; mediators: string[]; nextDueAt: Date | null; now: Date }): DisputeListItem {
  const overdue = d.status !== 'closed' && (d.isOverdue || (!!x.nextDueAt && x.nextDueAt < x.now));
  return {
    code: d.code, status: d.status, source: d.source, category: d.category, categoryName: disputeCategoryLabels[d.category as DisputeCategory] ?? d.category, scale: d.scale,
    facts: d.facts.slice(0, 120), firstParty: x.firstParty, peopleCount: d.peopleCount, urgent: d.urgent, escalationRisk: d.escalationRisk,
    villageCode: d.villageCode, committeeId: d.committeeId, committeeName: x.committeeName, mediators: x.mediators, isOverdue: overdue, nextDueAt: x.nextDueAt ? new Date(x.nextDueAt).toISOString() : null,
    registeredAt: d.createdAt.toISOString(),
  };
}

/** A party, masked, or in full after an audited reveal. */
export function presentParty(p: repo.PartyRow, crypto: CryptoProvider, full = false): DisputeParty {
  const open = (v: string | null) => (v ? crypto.decrypt(v) : null);
  const agent = p.agentNameEnc ? { name: full ? open(p.agentNameEnc) : p.agentNameMask, phone: full ? open(p.agentPhoneEnc) : p.agentPhoneMask, relation: p.agentRelation } : null;
  if (full) return { id: p.id, kind: p.kind, side: p.side, name: open(p.nameEnc)!, idType: p.idType, idNumber: open(p.idNumberEnc), phone: open(p.phoneEnc), address: open(p.addressEnc), agent };
  return { id: p.id, kind: p.kind, side: p.side, name: p.nameMask, idType: p.idType, idNumber: p.idNumberMask, phone: p.phoneMask, address: p.addressEnc ? '***' : null, agent };
}

/** A timeline step for staff. */
export function presentEvent(e: repo.DisputeEventRow) {
  return { id: e.id, type: e.type, actorName: e.actorRole === 'applicant' ? null : e.actorName, actorRole: e.actorRole, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, data: e.data, at: e.at.toISOString() };
}

/** A session; its record only for those who take part in the dispute (mediators, the committee). */
export function presentSession(s: repo.SessionRow, rooms: Map<string, string>, crypto: CryptoProvider, withRecord: boolean) {
  return {
    id: s.id, scheduledAt: s.scheduledAt.toISOString(), heldAt: s.heldAt?.toISOString() ?? null, room: s.roomId ? (rooms.get(s.roomId) ?? null) : null, place: s.place, online: s.online,
    partyIds: s.partyIds, mediatorIds: s.mediatorIds, othersCount: s.othersCount, signedPartyIds: s.signedPartyIds, signedMediatorIds: s.signedMediatorIds,
    hasRecord: s.recordEnc !== null, record: withRecord && s.recordEnc ? crypto.decrypt(s.recordEnc) : null,
  };
}

/** The outcome, by its kind. */
export function presentOutcome(d: repo.DisputeRow, parties: repo.PartyRow[]) {
  return {
    agreement: d.agreementForm ? { form: d.agreementForm, terms: d.agreementTerms ?? '', at: d.outcomeAt?.toISOString() ?? null } : null,
    failure: d.failureReason ? { reason: d.failureReason, routesTold: d.routesTold ?? '', toldAt: d.routesToldAt?.toISOString() ?? null } : null,
    referral: d.referralTo ? { to: d.referralTo, receiver: d.referralReceiver ?? '', answer: d.referralAnswer, answeredAt: d.referralAnsweredAt?.toISOString() ?? null } : null,
    refusal: d.refusedByParty ? { party: parties.find((p) => p.id === d.refusedByParty)?.nameMask ?? null, reason: d.refusalReason ?? '', at: d.outcomeAt?.toISOString() ?? null } : null,
  };
}

/** A mediator of the pool, with the current load. */
export function presentMediator(m: orgRepo.MediatorRow, load: number, committeeName: string | null): MediatorItem {
  return { id: m.id, committeeId: m.committeeId, committeeName, name: m.name, userId: m.userId, isHead: m.isHead, skills: m.skills, languages: m.languages, awards: m.awards, active: m.active, openDisputes: load };
}

const stageOf: Record<string, string> = { registered: 'registered', assigned: 'assigned', mediating: 'mediating', agreed: 'agreed', failed: 'failed', referred: 'referred', refused: 'refused', closed: 'closed' };

/** The public follow-up view: stage, dates, the committee's name; never a person, a reason or a record. */
export function presentTracking(d: repo.DisputeRow, x: { events: repo.DisputeEventRow[]; committeeName: string | null; nextSession: Date | null }): DisputeTracking {
  return {
    code: d.code, status: d.status, stage: stageOf[d.status] ?? d.status, category: d.category, registeredAt: d.createdAt.toISOString(), committeeName: x.committeeName,
    nextSessionAt: x.nextSession?.toISOString() ?? null, outcome: d.status === 'closed' ? (d.agreementForm ? 'agreed' : d.failureReason ? 'failed' : d.referralTo ? 'referred' : d.refusedByParty ? 'refused' : null) : null,
    timeline: x.events.filter((e) => e.isPublic && publicDisputeEvents.includes(e.type as DisputeEventType)).map((e) => ({ type: e.type, status: e.toStatus, at: e.at.toISOString() })),
  };
}

const iso = (t: Date | null) => t?.toISOString() ?? null;

/** The agreement with its signatures (parties by their masks), terms and judicial confirmation. */
export function presentAgreement(a: agreements.AgreementRow, terms: agreements.TermRow[], signatures: agreements.SignatureRow[], parties: repo.PartyRow[]): z.infer<typeof DisputeAgreement> {
  const label = (signer: string) => parties.find((p) => p.id === signer)?.nameMask ?? (signer === 'mediator' ? '人民调解员' : signer === 'committee' ? '人民调解委员会（印章）' : signer);
  return {
    form: a.form, docNo: a.docNo, documentId: a.documentId, points: a.points, responsibility: a.responsibility, effectiveAt: iso(a.effectiveAt),
    signatures: signatures.map((s) => ({ signer: s.signer, label: label(s.signer), method: s.method, signedAt: s.signedAt.toISOString() })),
    missingSigners: a.form === 'written' && !a.effectiveAt ? missingSigners(parties.map((p) => p.id), signatures.map((s) => s.signer)) : [],
    terms: terms.map((t) => ({ position: t.position, content: t.content, manner: t.manner, place: t.place, deadline: t.deadline, performance: t.performance, performanceNote: t.performanceNote, performanceAt: iso(t.performanceAt) })),
    confirmationRefusal: confirmationRefusal(a.statusMatter),
    confirmation: {
      court: a.confirmationCourt, appliedAt: iso(a.confirmationAppliedAt), caseNo: a.confirmationCaseNo, acceptedAt: iso(a.confirmationAcceptedAt),
      extendedBy: a.confirmationExtendedBy, outcome: a.confirmationOutcome, decidedAt: iso(a.confirmationDecidedAt), note: a.confirmationNote,
    },
  };
}
