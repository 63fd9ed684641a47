/** All shaping of petition answers: masks, labels, dates, clocks with their source; the public view holds no person. */
import type { PetitionCard, PetitionClock, PetitionDocument, PetitionEvent, PetitionListItem, PetitionPetitioner, PetitionRepeat, PetitionTracking } from '../../../core/schemas/petitions.response.ts';
import { petitionClockKinds, type PetitionClockKindName } from '../../../core/petitions/clock-kinds.ts';
import { publicPetitionEvents, type PetitionEventType } from '../../../core/workflow/petition-workflow.ts';
import type { CryptoProvider } from '../../lib/crypto.ts';
import type * as documents from '../documents/documents.service.ts';
import { actorOf } from '../cases/cases.presenter.ts';
import type * as repo from './petitions.repository.ts';

type ClockView = { kind: string; mode: string; limitMinutes: number; startedAt: string; dueAt: string; state: string; paused: boolean; colour: string };

/** A clock with its days and source. */
export function presentClock(c: ClockView): PetitionClock {
  const k = petitionClockKinds[c.kind as PetitionClockKindName];
  return { kind: c.kind, mode: c.mode, limitDays: Math.round(c.limitMinutes / 1440), startedAt: c.startedAt, dueAt: c.dueAt, state: c.state, paused: c.paused, colour: c.colour, source: k?.source ?? '' };
}

/** A list row (the first petitioner's name masked). */
export function presentListItem(p: repo.PetitionRow, x: { categoryName: string; villageName: string | null; firstName: string | null; nextDueAt: Date | null; nextWarnAt?: Date | null; windowDueAt?: Date | null; now: Date; allowedActions: string[] }): PetitionListItem {
  const overdue = p.isOverdue || (!!x.nextDueAt && x.nextDueAt < x.now);
  return {
    code: p.code, status: p.status, kind: p.kind, channel: p.channel, categoryId: p.categoryId, categoryName: x.categoryName,
    matter: p.matter.slice(0, 120), petitionerName: x.firstName, peopleCount: p.peopleCount, collective: p.collective, skippedLevel: p.skippedLevel,
    villageCode: p.villageCode, villageName: x.villageName,
    body: p.bodyName ? { departmentId: p.bodyDepartmentId, regionCode: p.bodyRegionCode, name: p.bodyName } : null,
    isOverdue: overdue, nextDueAt: x.nextDueAt?.toISOString() ?? null,
    nextDueColour: overdue ? 'red' : !x.nextDueAt ? null : x.nextWarnAt && x.nextWarnAt <= x.now ? 'yellow' : 'green',
    windowDueAt: x.windowDueAt?.toISOString() ?? null,
    toServe: p.unservedDocumentId !== null, repeatOf: p.repeatOf, registeredAt: p.createdAt.toISOString(), allowedActions: x.allowedActions,
  };
}

/** A petitioner, masked, or in full after an audited reveal. */
export function presentPetitioner(r: repo.PetitionerRow, crypto: CryptoProvider, full = false): PetitionPetitioner {
  if (full) return { id: r.id, name: crypto.decrypt(r.nameEnc), idNumber: r.idNumberEnc ? crypto.decrypt(r.idNumberEnc) : null, phone: r.phoneEnc ? crypto.decrypt(r.phoneEnc) : null, address: r.addressEnc ? crypto.decrypt(r.addressEnc) : null, representative: r.representative, personId: r.personId };
  return { id: r.id, name: r.nameMask, idNumber: r.idNumberMask, phone: r.phoneMask, address: r.addressEnc ? '***' : null, representative: r.representative, personId: r.personId };
}

/** A timeline step for staff. */
export function presentEvent(e: repo.PetitionEventRow, names: Map<string, string>): PetitionEvent {
  const who = e.actorRole === 'petitioner' ? { actorKind: 'resident' as const, actorName: null } : actorOf(e, names);
  return { id: e.id, type: e.type, ...who, actorRole: e.actorRole, fromStatus: e.fromStatus, toStatus: e.toStatus, reason: e.reason, data: e.data, at: e.at.toISOString() };
}

/** A document with its services and its download link. */
export function presentDocument(d: Awaited<ReturnType<typeof documents.listOf>>[number]): PetitionDocument {
  return {
    id: d.id, template: d.template, title: d.title, sm3: d.sm3, fileName: d.fileName, createdAt: d.createdAt.toISOString(), url: `/api/documents/${d.id}/file`,
    services: d.services.map((s) => ({ id: s.id, method: s.method, servedAt: s.servedAt.toISOString(), trackingNo: s.trackingNo, proofUploadIds: s.proofUploadIds })),
  };
}

/** The card. */
export function presentCard(p: repo.PetitionRow, x: {
  item: PetitionListItem; petitioners: PetitionPetitioner[]; canReveal: boolean; clocks: ClockView[]; events: repo.PetitionEventRow[]; names: Map<string, string>;
  documents: PetitionDocument[]; attachments: repo.PetitionAttachmentRow[]; repeats: PetitionRepeat[]; caseCodes: string[]; canMakeCase: boolean; officeName: string; disputeCodes: string[]; disputesHidden: number; canMakeDispute: boolean;
}): PetitionCard {
  return {
    ...x.item, matterFull: p.matter, concerns: p.concerns, address: p.address, lat: p.lat, lng: p.lng, gridCode: p.gridCode,
    registeredBy: x.events.find((e) => e.type === 'register')?.actorName ?? null, registeringRegion: x.officeName, receivedAt: p.receivedAt.toISOString(), reportBy: p.reportBy,
    acceptedAt: p.acceptedAt?.toISOString() ?? null, repliedAt: p.repliedAt?.toISOString() ?? null,
    extension: p.extDays !== null ? { days: p.extDays, reason: p.extReason ?? '', requestedBy: p.extRequestedBy ? (x.names.get(p.extRequestedBy) ?? null) : null, approvedBy: p.extApprovedBy ? (x.names.get(p.extApprovedBy) ?? p.extApprovedBy) : null, approvedAt: p.extApprovedAt?.toISOString() ?? null } : null,
    hearing: { running: p.hearingStartedAt !== null, days: p.hearingDays }, rating: p.rating,
    notAccepted: p.notAcceptGround ? { ground: p.notAcceptGround, reason: p.notAcceptReason ?? '', steerTo: p.steerTo } : null,
    petitioners: x.petitioners, canRevealPetitioners: x.canReveal, clocks: x.clocks.map(presentClock), timeline: x.events.map((e) => presentEvent(e, x.names)),
    documents: x.documents, attachments: x.attachments.map((a) => ({ id: a.id, role: a.role, mime: a.mime, size: a.size, url: `/api/petitions/${p.code}/attachments/${a.id}` })),
    repeats: x.repeats, caseCodes: x.caseCodes, canMakeCase: x.canMakeCase, disputeCodes: x.disputeCodes, disputesHidden: x.disputesHidden, canMakeDispute: x.canMakeDispute,
  };
}

const stageOf: Record<string, string> = { registered: 'registered', transferred: 'with_body', accepted: 'handling', replied: 'replied', review: 'review', reviewed: 'review', re_review: 're_review', re_reviewed: 'final', not_accepted: 'not_accepted', handed_over: 'handed_over', closed: 'closed' };

/** The public tracking view: stage, dates, the body's name; never a person, a reason or a document. */
export function presentTracking(p: repo.PetitionRow, x: { events: repo.PetitionEventRow[]; clocks: ClockView[]; isPetitioner: boolean; canRate: boolean }): PetitionTracking {
  const running = x.clocks.filter((c) => c.state !== 'met' && c.state !== 'cancelled' && !c.kind.endsWith('window') && c.kind !== 'objection_by' && c.kind !== 'transfer_by');
  const window = x.clocks.find((c) => c.kind.endsWith('window') && (c.state === 'open' || c.state === 'warned'));
  return {
    code: p.code, status: p.status, kind: p.kind, stage: p.finalAt && p.status === 'closed' ? 'final' : (stageOf[p.status] ?? p.status), registeredAt: p.createdAt.toISOString(),
    bodyName: p.status === 'handed_over' ? null : p.bodyName, expectedBy: running.map((c) => c.dueAt).sort()[0] ?? null,
    servedAt: p.servedAt?.toISOString() ?? null, reviewUntil: window?.dueAt ?? null, canRate: x.canRate, isPetitioner: x.isPetitioner, rating: x.isPetitioner ? p.rating : null,
    timeline: x.events.filter((e) => e.isPublic && publicPetitionEvents.includes(e.type as PetitionEventType)).map((e) => ({ type: e.type, status: e.toStatus, at: e.at.toISOString() })),
  };
}
