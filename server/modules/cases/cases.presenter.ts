/** Shapes cases for staff and for the public: staff see masked reporter data; the public never sees people. */
import { maskName, maskPhone } from '../../../core/contact.ts';
import type { CaseDetail, CaseEvent, CaseListItem, CaseListPage, CaseTracking } from '../../../core/schemas/cases.response.ts';
import type { CryptoProvider } from '../../lib/crypto.ts';
import type { Locale } from '../../../core/errors.ts';
import { caseExportLabels, caseLabel } from '../../../core/cases/case-labels.ts';
import { cstMinute } from '../../../core/calendar.ts';
import type { CaseRow, EventRow } from './cases.repository.ts';

/** One row of a case list. */
export function presentListItem(c: CaseRow, names: { category?: string; village?: string }): CaseListItem {
  return {
    code: c.code,
    status: c.status,
    outcome: c.outcome,
    categoryId: c.categoryId,
    categoryName: names.category ?? c.categoryId,
    tier: c.tier,
    urgency: c.urgency,
    channel: c.channel,
    description: c.description.slice(0, 120),
    villageCode: c.villageCode,
    villageName: names.village ?? '',
    unitLevel: c.unitLevel,
    unitCode: c.unitCode,
    isOverdue: c.isOverdue,
    paused: c.pausedAt !== null,
    meTooCount: c.meTooCount,
    createdAt: c.createdAt.toISOString(),
  };
}

/** A page of a list or an inbox: each row with the actions the reader may take on it and its nearest due time. */
export function presentListPage(rows: { row: CaseRow; nextDueAt: Date | null }[], names: { categories: Map<string, string>; villages: Map<string, string> }, actionsOf: (c: CaseRow) => string[], total: number, q: { page: number; pageSize: number }): CaseListPage {
  return {
    items: rows.map(({ row: c, nextDueAt }) => ({ ...presentListItem(c, { category: names.categories.get(c.categoryId), village: names.villages.get(c.villageCode) }), allowedActions: actionsOf(c), nextDueAt: nextDueAt?.toISOString() ?? null })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** What the detail shows besides the row, gathered by the query service (names, clocks, files, the reader's actions). */
export interface CaseDetailParts {
  names: { category?: string; village?: string; township?: string; county?: string; unit: string | null };
  handler: { department: string | null; user: string | null };
  duplicateOf: string | null;
  allowedActions: string[];
  /** Whether the reader holds the reveal right and there is a reporter to reveal. */
  canRevealReporter: boolean;
  events: EventRow[];
  /** Display names of the users in the timeline, by id. */
  actorNames: Map<string, string>;
  clocks: CaseDetail['clocks'];
  attachments: CaseDetail['attachments'];
  /** The petitions linked to the case: the codes the reader may read, the rest counted. */
  petitions: { petitionCodes: string[]; petitionsHidden: number };
  /** Whether the reader may send it to petitions (转信访). */
  canSendToPetition: boolean;
  /** The disputes the case became: codes the reader may open, the rest counted; whether the reader may make one (转人民调解). */
  disputeCodes: string[];
  disputesHidden: number;
  canMakeDispute: boolean;
}

/** One case for staff: the list row, the rest of the row, the masked reporter, the timeline and the parts gathered. */
export function presentCaseDetail(c: CaseRow, p: CaseDetailParts, crypto: CryptoProvider): CaseDetail {
  return {
    ...presentListItem(c, { category: p.names.category, village: p.names.village }),
    suggestedTier: c.suggestedTier,
    description: c.description,
    outcomeNote: c.outcomeNote,
    redirectTo: c.redirectTo,
    duplicateOf: p.duplicateOf,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    gridCode: c.gridCode,
    townshipName: p.names.township ?? '',
    countyName: p.names.county ?? '',
    unitName: p.names.unit,
    handler: p.handler,
    assisting: c.assisting,
    reporter: maskedReporter(c, crypto),
    isPublic: c.isPublic,
    reopenCount: c.reopenCount,
    satisfaction: c.satisfaction,
    pendingExtension: c.pendingExtension,
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    closedAt: c.closedAt?.toISOString() ?? null,
    allowedActions: p.allowedActions,
    canRevealReporter: p.canRevealReporter,
    timeline: p.events.map((e) => presentEvent(e, p.actorNames)),
    clocks: p.clocks,
    attachments: p.attachments,
    petitionCodes: p.petitions.petitionCodes,
    petitionsHidden: p.petitions.petitionsHidden,
    canSendToPetition: p.canSendToPetition,
    disputeCodes: p.disputeCodes,
    disputesHidden: p.disputesHidden,
    canMakeDispute: p.canMakeDispute,
  };
}

/** The reporter as staff see it by default: masked. */
export function maskedReporter(c: CaseRow, crypto: CryptoProvider) {
  const name = c.reporterNameEnc ? crypto.decrypt(c.reporterNameEnc) : null;
  const phone = c.reporterPhoneEnc ? crypto.decrypt(c.reporterPhoneEnc) : null;
  return { name: name ? maskName(name) : null, phone: phone ? maskPhone(phone) : null };
}

/** Who acted on a step, in kinds the screen puts into words (群众, 系统自动, 系统, a user's name and role). */
export function actorOf(e: Pick<EventRow, 'actorId' | 'actorName' | 'actorRole'>, names: Map<string, string>): Pick<CaseEvent, 'actorKind' | 'actorName'> {
  if (e.actorRole === 'resident' || e.actorId === 'public') return { actorKind: 'resident', actorName: null };
  // The demo seed and the CLI act as the system actor under their own name; the sweep's steps are 'system'.
  if (e.actorId === 'system') return { actorKind: e.actorName === 'demo-seed' ? 'seed' : 'system', actorName: null };
  if (e.actorRole === 'integration') return { actorKind: 'token', actorName: e.actorName };
  return { actorKind: 'user', actorName: (e.actorId && names.get(e.actorId)) ?? e.actorName };
}

/** A timeline step for staff. */
export function presentEvent(e: EventRow, names: Map<string, string> = new Map()): CaseEvent {
  return { id: e.id, type: e.type, ...actorOf(e, names), actorRole: e.actorRole, fromStatus: e.fromStatus, toStatus: e.toStatus, fromUnit: e.fromUnit, toUnit: e.toUnit, reason: e.reason, data: e.data, at: e.at.toISOString() };
}

/** A timeline step for the public page: what happened and when, never who. */
export function presentPublicEvent(e: EventRow): CaseTracking['timeline'][number] {
  return { type: e.type, status: e.toStatus, at: e.at.toISOString() };
}

/** A row of the XLSX/CSV export in the reader's language, times in China time; a private category goes without its name and text. */
export function presentExportRow(c: CaseRow, category: { name: string; isPublic: boolean } | undefined, village: string | undefined, locale: Locale) {
  const hidden = !category?.isPublic;
  const word = (kind: string, code: string | null) => caseLabel(locale, kind, code);
  return {
    code: c.code,
    createdAt: cstMinute(c.createdAt),
    status: word('status', c.status),
    outcome: word('outcome', c.outcome),
    category: hidden ? caseExportLabels[locale].private! : (category?.name ?? c.categoryId),
    tier: word('tier', c.tier),
    channel: word('channel', c.channel),
    village: village ?? c.villageCode,
    unitLevel: word('level', c.unitLevel),
    overdue: caseExportLabels[locale][c.isOverdue ? 'yes' : 'no']!,
    satisfaction: word('satisfaction', c.satisfaction),
    description: hidden ? '' : c.description,
  };
}

/** Statuses in which staff have checked the handler's work, so the reporter sees its result. */
const resultShown = ['verified', 'followed_up', 'closed'];

/**
 * The public tracking view: status, public steps, its two clocks each for what it means (first response, then
 * resolution); no staff and no reporter data. The reporter (proved by the key) also sees the checked result.
 */
export function presentTracking(c: CaseRow, p: { events: EventRow[]; clocks: { kind: string; dueAt: string; state: string }[]; categoryName?: string; township?: string; village?: string; canMeToo: boolean; isReporter: boolean; resultPhotos: { id: string }[] }): CaseTracking {
  const clock = (kind: string) => p.clocks.find((d) => d.kind === kind);
  const ended = ['closed', 'rejected', 'redirected', 'merged'].includes(c.status);
  const lastReport = [...p.events].reverse().find((e) => e.type === 'reportBack');
  const showResult = p.isReporter && !!lastReport && resultShown.includes(c.status) && c.outcome !== 'unresolved';
  return {
    code: c.code,
    status: c.status,
    outcome: c.outcome,
    // A private category (family dispute, crime tip-off) shows neither its name nor its place.
    category: c.isPublic ? (p.categoryName ?? '') : null,
    place: c.isPublic ? `${p.township ?? ''} ${p.village ?? ''}`.trim() : null,
    createdAt: c.createdAt.toISOString(),
    // Someone responds by accepting: until then the page promises a response, not a resolution.
    respondBy: c.status === 'submitted' ? (clock('first_response')?.dueAt ?? null) : null,
    expectedBy: ended ? null : (clock('total')?.dueAt ?? null),
    canRate: c.status === 'verified',
    isReporter: p.isReporter,
    result: showResult ? { text: lastReport.reason, photos: p.resultPhotos.map((a) => ({ id: a.id, url: `/api/public/cases/${c.code}/result-photos/${a.id}` })) } : null,
    satisfaction: c.satisfaction,
    meTooCount: c.isPublic ? c.meTooCount : null,
    canMeToo: c.isPublic && p.canMeToo,
    timeline: p.events.filter((e) => e.isPublic).map(presentPublicEvent),
  };
}
