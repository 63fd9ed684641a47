/** Reading cases: the staff detail with allowed actions, lists and inboxes, the public tracking view, exports. */
import { AppError, type Locale } from '../../../core/errors.ts';
import { subtreePrefix, ancestorAt } from '../../../core/region-code.ts';
import { caseViewOf, type CaseView } from './case-visibility.ts';
import type { z } from 'zod';
import type { CaseListQuery } from '../../../core/schemas/cases.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import { holds, notFoundUnlessInScope, requirePermission, scopeCounty, scopePrefix } from '../../lib/access.ts';
import { boxesOfRole, caseBoxes, overdueIsOwn, type CaseBox } from '../../../core/cases/inbox-boxes.ts';
import { terminalStatuses } from '../../../core/workflow/case-workflow.ts';
import type { CaseBoxCounts } from '../../../core/schemas/cases.response.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as users from '../users/users.service.ts';
import * as repo from './cases.repository.ts';
import { actionsFor } from './cases.policy.ts';
import { clocksOf } from './deadlines.service.ts';
import { listAttachments, readAttachment } from './attachments.service.ts';
import { findDuplicates } from './case-intake.service.ts';
import { presentCaseDetail, presentExportRow, presentListPage, presentTracking } from './cases.presenter.ts';
import { spendRevealBudget } from '../reveals/reveal-budget.service.ts';
import { reporterKeyMatches } from './reporter-key.ts';
import { petitionLinksOfCase } from '../petitions/petition-links.service.ts';
import { disputeLinksOf } from '../mediation/dispute-intake.service.ts';

const open = ['submitted', 'accepted', 'dispatched', 'in_progress', 'reported_back', 'verified', 'followed_up'];

/** A case the actor may read (scope and need-to-know), with the actor's view. @throws NOT_FOUND */
async function readable(ctx: AppContext, actor: Actor, code: string): Promise<{ c: repo.CaseRow; view: CaseView }> {
  if (!holds(actor, 'case:read') || !/^\d{6}-[0-9A-Z]{8}$/.test(code)) throw new AppError('NOT_FOUND');
  const view = await caseViewOf(ctx, actor);
  const c = await repo.findByCode(ctx.db, code, view);
  if (!c) throw new AppError('NOT_FOUND');
  return { c, view };
}

/** A case the actor may read. @throws NOT_FOUND */
async function caseInScope(ctx: AppContext, actor: Actor, code: string) {
  return (await readable(ctx, actor, code)).c;
}

async function categoryNames(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await catalog.listCategories(ctx, false)).map((c) => [c.id, c.name]));
}

/** One case with its timeline, clocks, attachments and the actions the actor may take. @throws NOT_FOUND */
export async function getCase(ctx: AppContext, actor: Actor, code: string) {
  const c = await caseInScope(ctx, actor, code);
  const now = ctx.clock.now();
  const [events, deadlines, attachments, names, cats] = await Promise.all([
    repo.eventsOf(ctx.db, c),
    clocksOf(ctx.db, c, now),
    listAttachments(ctx.db, c),
    regions.namesOf(ctx.db, [c.villageCode, ancestorAt(c.villageCode, 'township'), c.countyCode + '000000', c.unitCode]),
    categoryNames(ctx),
  ]);
  const dept = async (id: string | null) => (id ? await catalog.departmentName(ctx.db, id) : null);
  const handlerUser = c.handlerUserId ? await users.findAccountById(ctx.db, c.handlerUserId) : undefined;
  const actorNames = await displayNamesOf(ctx, events);
  const duplicate = c.duplicateOf ? await repo.findById(ctx.db, c.countyCode, c.duplicateOf) : undefined;
  const petitions = await petitionLinksOfCase(ctx, actor, c);
  const disputes = await disputeLinksOf(ctx, actor, c, 'case');
  return presentCaseDetail(c, {
    petitions,
    canSendToPetition: holds(actor, 'petition:register'),
    ...disputes,
    names: {
      category: cats.get(c.categoryId),
      village: names.get(c.villageCode),
      township: names.get(ancestorAt(c.villageCode, 'township')),
      county: names.get(c.countyCode + '000000'),
      unit: c.unitLevel === 'department' ? await dept(c.departmentId) : (names.get(c.unitCode) ?? c.unitCode),
    },
    handler: { department: await dept(c.handlerDepartmentId), user: handlerUser?.displayName ?? null },
    duplicateOf: duplicate?.code ?? null,
    allowedActions: actionsFor(actor, c),
    canRevealReporter: holds(actor, 'pii:view') && !!(c.reporterNameEnc || c.reporterPhoneEnc),
    events,
    actorNames,
    clocks: deadlines,
    attachments,
  }, ctx.crypto);
}

/** Display names of the users who acted on a case's steps (residents, the system and tokens have none). */
async function displayNamesOf(ctx: AppContext, events: repo.EventRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(events.filter((e) => e.actorId && e.actorId !== 'system' && e.actorId !== 'public' && e.actorRole !== 'integration' && e.actorRole !== 'resident').map((e) => e.actorId!))];
  const found = await Promise.all(ids.map(async (id) => [id, (await users.findAccountById(ctx.db, id))?.displayName] as const));
  return new Map(found.filter((f): f is readonly [string, string] => !!f[1]));
}

/**
 * The reporter's full name and phone, for a role with `pii:view`; every read is audited with the reason the user
 * typed (a blank one is refused before anything is read). @throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND
 */
export async function revealReporter(ctx: AppContext, actor: Actor, code: string, reason: string) {
  if (reason.trim().length < 2) throw new AppError('VALIDATION_FAILED', [{ path: 'body.reason', code: 'too_small', message: '请填写查看原因（至少2个字）' }]);
  const c = await caseInScope(ctx, actor, code);
  requirePermission(actor, 'pii:view');
  await spendRevealBudget(ctx, actor, 'case.revealReporter');
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'case.revealReporter', objectType: 'case', objectId: c.code, countyCode: c.countyCode, detail: { fields: ['reporterName', 'reporterPhone'], reason: reason.trim() } });
  return { name: c.reporterNameEnc ? ctx.crypto.decrypt(c.reporterNameEnc) : null, phone: c.reporterPhoneEnc ? ctx.crypto.decrypt(c.reporterPhoneEnc) : null };
}

/** Duplicate suggestions for a case (operator view). @throws NOT_FOUND */
export async function duplicatesOf(ctx: AppContext, actor: Actor, code: string) {
  const { c, view } = await readable(ctx, actor, code);
  return findDuplicates(ctx.db, view, c);
}

/** An attachment's bytes. @throws NOT_FOUND */
export async function attachmentOf(ctx: AppContext, actor: Actor, code: string, id: string) {
  return readAttachment(ctx, await caseInScope(ctx, actor, code), id);
}

type ListQuery = z.infer<typeof CaseListQuery>;

/** The boxes this actor may list (system actors: every box). */
function boxesOf(actor: Actor): readonly CaseBox[] {
  return actor.kind === 'system' ? caseBoxes : boxesOfRole[actor.role];
}

/** The filter for a list or inbox under the actor's view. @throws FORBIDDEN for a box the role may not list, NOT_FOUND for a region outside the scope */
async function filterFor(ctx: AppContext, actor: Actor, q: Omit<ListQuery, 'page' | 'pageSize' | 'sort'>): Promise<repo.CaseFilter> {
  if (!boxesOf(actor).includes(q.box)) throw new AppError('FORBIDDEN');
  if (q.region) notFoundUnlessInScope(actor, q.region);
  const f: repo.CaseFilter = {
    view: await caseViewOf(ctx, actor),
    regionPrefix: q.region ? subtreePrefix(q.region) : undefined,
    categoryIds: q.category ? [q.category] : undefined,
    tier: q.tier,
    statuses: q.status ? q.status.split(',') : undefined,
    channel: q.channel,
    from: q.from,
    to: q.to,
    q: q.q,
    dueFrom: q.dueFrom,
    dueTo: q.dueTo,
  };
  const unit = { unitCodes: [actor.scopeCode] };
  const mine = { handlerUserId: actor.id, handlerDepartmentId: actor.departmentId ?? undefined };
  switch (q.box) {
    case 'toAccept':
      // Whoever may accept a new report sees it: any centre in the scope (a township its villages' reports).
      return { ...f, unitCodePrefix: scopePrefix(actor), statuses: ['submitted'] };
    case 'toDispatch':
      return { ...f, ...unit, statuses: ['accepted'] };
    case 'toVerify':
      return { ...f, ...unit, statuses: ['reported_back'] };
    case 'toFollowUp':
      return { ...f, ...unit, statuses: ['verified', 'followed_up'] };
    case 'overdue':
      return { ...f, ...(actor.kind !== 'system' && overdueIsOwn(actor.role) ? mine : {}), overdue: true, excludeStatuses: [...terminalStatuses] };
    case 'mine':
      return { ...f, ...mine, statuses: ['dispatched', 'in_progress', 'reported_back'] };
    default:
      return f;
  }
}

/** A page of cases for a list or an inbox. @throws FORBIDDEN (a box the role may not list), NOT_FOUND */
export async function listCases(ctx: AppContext, actor: Actor, q: ListQuery) {
  requirePermission(actor, 'case:read');
  const { rows, total } = await repo.list(ctx.db, await filterFor(ctx, actor, q), q.pageSize, (q.page - 1) * q.pageSize, q.sort);
  const [categories, villages] = await Promise.all([categoryNames(ctx), regions.namesOf(ctx.db, [...new Set(rows.map((r) => r.row.villageCode))])]);
  return presentListPage(rows, { categories, villages }, (c) => actionsFor(actor, c), total, q);
}

/** The boxes this user may list, in tab order, each with how many cases it holds now. @throws FORBIDDEN */
export async function boxCounts(ctx: AppContext, actor: Actor): Promise<CaseBoxCounts> {
  requirePermission(actor, 'case:read');
  const out: CaseBoxCounts = [];
  for (const box of boxesOf(actor)) out.push({ box, count: await repo.countCases(ctx.db, await filterFor(ctx, actor, { box })) });
  return out;
}

/** Rows for an export (at most 50,000) the actor may read; private cases (their chain only) go without their category name or text. @throws FORBIDDEN */
export async function exportRows(ctx: AppContext, actor: Actor, q: ListQuery, locale: Locale = 'zh-CN') {
  requirePermission(actor, 'case:export');
  const rows = (await repo.list(ctx.db, await filterFor(ctx, actor, q), 50_000, 0, q.sort)).rows.map((r) => r.row);
  const [cats, names] = await Promise.all([catalog.listCategories(ctx, false), regions.namesOf(ctx.db, [...new Set(rows.map((r) => r.villageCode))])]);
  const byId = new Map(cats.map((c) => [c.id, c]));
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'case.export', objectType: 'case', countyCode: scopeCounty(actor), detail: { rows: rows.length } });
  return rows.map((c) => presentExportRow(c, byId.get(c.categoryId), names.get(c.villageCode), locale));
}

/** A case by its public code, for the resident's side. @throws NOT_FOUND */
async function byPublicCode(ctx: AppContext, code: string) {
  if (!/^\d{6}-[0-9A-Z]{8}$/.test(code)) throw new AppError('NOT_FOUND');
  const c = await repo.findByCode(ctx.db, code, null);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** The handler's after-photos (处置后) of a case. */
async function resultPhotos(ctx: AppContext, c: repo.CaseRow) {
  return (await listAttachments(ctx.db, c)).filter((a) => a.kind === 'photo' && a.eventType === 'reportBack');
}

/**
 * The public tracking view by code: status, public steps, its clocks; no staff and no reporter data. With the
 * reporter's key (the tracking link's) it also carries the checked result; the category reads in the asker's
 * language. @throws NOT_FOUND
 */
export async function trackCase(ctx: AppContext, code: string, opts: { key?: string; locale?: string } = {}) {
  const c = await byPublicCode(ctx, code);
  const isReporter = reporterKeyMatches(c.reporterKeyHash, opts.key);
  const [events, deadlines, cat, names, photos] = await Promise.all([repo.eventsOf(ctx.db, c), clocksOf(ctx.db, c, ctx.clock.now()), catalog.findCategory(ctx, ctx.db, c.categoryId), regions.namesOf(ctx.db, [c.villageCode, ancestorAt(c.villageCode, 'township')]), isReporter ? resultPhotos(ctx, c) : []]);
  const categoryName = opts.locale === 'en' ? (cat?.nameEn ?? cat?.name) : opts.locale === 'zh-TW' ? (cat?.nameZhTw ?? cat?.name) : cat?.name;
  return presentTracking(c, { events, clocks: deadlines, categoryName, township: names.get(ancestorAt(c.villageCode, 'township')), village: names.get(c.villageCode), canMeToo: open.slice(0, 6).includes(c.status), isReporter, resultPhotos: photos });
}

/** An after-photo of a case, for its reporter only (the key); anything else answers like a missing one. @throws NOT_FOUND */
export async function resultPhotoOf(ctx: AppContext, code: string, key: string | undefined, id: string) {
  const c = await byPublicCode(ctx, code);
  if (!reporterKeyMatches(c.reporterKeyHash, key) || !(await resultPhotos(ctx, c)).some((a) => a.id === id)) throw new AppError('NOT_FOUND');
  return readAttachment(ctx, c, id);
}

/**
 * The categories a resident may report under, private ones included (family disputes, tip-offs): their cases
 * are private (need-to-know) and their tracking shows neither category nor place. Open311 lists public ones only.
 */
export function publicCategories(ctx: AppContext) {
  return catalog.listCategories(ctx, false);
}

/** True when the database holds no case yet. */
export function hasNoCases(ctx: AppContext): Promise<boolean> {
  return repo.noCases(ctx.db);
}
