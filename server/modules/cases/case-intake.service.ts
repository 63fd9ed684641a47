/**
 * Intake from every channel: the resident H5 page, staff entry (walk-in, letter, phone, video, hotline,
 * patrol), the one-click alarm and Open311. Validates, locates the grid, suggests the tier, opens the
 * first-response clock (一小时介入), counts the report, and tells the centre, all in one transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { levelOfCode, isRegionCode } from '../../../core/region-code.ts';
import { suggestTier, type Tier } from '../../../core/cases/triage.ts';
import { intakeUnit } from '../../../core/cases/intake-unit.ts';
import { boxAround, rankDuplicates } from '../../../core/cases/duplicates.ts';
import { normaliseMobile } from '../../../core/contact.ts';
import { cstDate } from '../../../core/calendar.ts';
import { terminalStatuses } from '../../../core/workflow/case-workflow.ts';
import type { Actor } from '../../lib/actor.ts';
import { inActorScope, requirePermission } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as audit from '../audit/audit.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as users from '../users/users.service.ts';
import * as regions from '../regions/regions.service.ts';
import { staffUserIds } from '../grids/grids.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import * as repo from './cases.repository.ts';
import * as stats from './case-stats.repository.ts';
import * as clocks from './deadlines.service.ts';
import { claimAttachments } from './attachments.service.ts';
import { caseViewOf, type CaseView } from './case-visibility.ts';
import { newReporterKey } from './reporter-key.ts';

export interface IntakeInput {
  channel: 'visit' | 'letter' | 'web' | 'phone' | 'video' | 'patrol' | 'hotline' | 'alarm' | 'open311' | 'app';
  categoryId: string;
  description: string;
  tier?: Tier;
  lat?: number;
  lng?: number;
  villageCode?: string;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  uploadIds: string[];
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U to misread

/** A tracking code: the county and 8 random characters (40 bits), e.g. 632221-7KQ2M9XF. */
export function newCaseCode(countyCode: string): string {
  const b = randomBytes(8);
  return `${countyCode}-${[...b].map((x) => ALPHABET[x & 31]).join('')}`;
}

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

async function place(ctx: AppContext, actor: Actor, input: IntakeInput): Promise<{ villageCode: string; gridCode: string | null }> {
  const staff = actor.kind === 'user' || actor.kind === 'token';
  if (input.lat !== undefined && input.lng !== undefined) {
    const grid = ctx.gridIndex.locate(input.lng, input.lat);
    if (!grid) throw bad('body.lat', 'outside_grids', '该位置不在任何网格内 (outside every grid)');
    if (staff && !inActorScope(actor, grid)) throw bad('body.lat', 'outside_scope', '该位置不在您的管辖范围内 (outside your area)');
    return { villageCode: grid.slice(0, 12), gridCode: grid };
  }
  if (input.villageCode && staff) {
    const ok = isRegionCode(input.villageCode) && levelOfCode(input.villageCode) === 'village' && inActorScope(actor, input.villageCode) && (await regions.namesOf(ctx.db, [input.villageCode])).has(input.villageCode);
    if (!ok) throw bad('body.villageCode', 'unknown_village', input.villageCode);
    return { villageCode: input.villageCode, gridCode: null };
  }
  throw bad('body.lat', 'location_required', '请提供位置（手机定位或地图选点）或村(社区) (a location or a village is required)');
}

/** Takes in one report. @throws VALIDATION_FAILED (category, place, phone), UPLOAD_REJECTED, FORBIDDEN */
export async function createCase(ctx: AppContext, actor: Actor, input: IntakeInput, ticket?: Ticket) {
  if (actor.kind === 'user' || actor.kind === 'token') requirePermission(actor, 'case:create');
  const category = await catalog.findCategory(ctx, ctx.db, input.categoryId);
  const publicSide = actor.kind === 'public' || actor.kind === 'token';
  // Residents may send private matters (a tip-off in confidence); Open311 integrations see public services only.
  if (!category || !category.active || (actor.kind === 'token' && !category.isPublic) || !category.parentId) throw bad('body.categoryId', 'unknown_category', input.categoryId);
  let phone: string | null = null;
  if (input.reporterPhone) {
    phone = normaliseMobile(input.reporterPhone);
    if (!phone) throw bad('body.phone', 'bad_mobile', '手机号码格式不正确 (not a mainland mobile number)');
  }
  const { villageCode, gridCode } = await place(ctx, actor, input);
  // A county's own category is for cases inside that county only.
  if (!catalog.categoryAppliesAt(category, villageCode)) throw bad('body.categoryId', 'unknown_category', input.categoryId);
  const countyCode = villageCode.slice(0, 6);
  const suggested = suggestTier(category, input.description).tier;
  const tier = (actor.kind === 'user' && input.tier) || suggested;
  const alarm = input.channel === 'alarm';
  const unit = intakeUnit(villageCode, input.channel, actor.kind === 'user' ? actor : null);
  const unitCode = unit.regionCode;
  const now = ctx.clock.now();
  // Only a resident reporting for themselves gets the key that lets the tracking link rate the result.
  const reporterKey = actor.kind === 'public' ? newReporterKey() : null;
  const row: repo.CaseRow = {
    countyCode,
    id: randomUUID(),
    code: newCaseCode(countyCode),
    status: 'submitted',
    outcome: null,
    outcomeNote: null,
    redirectTo: null,
    duplicateOf: null,
    categoryId: category.id,
    tier,
    suggestedTier: suggested,
    urgency: alarm ? 'top' : 'normal',
    channel: input.channel,
    description: input.description,
    address: input.address ?? null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    gridCode,
    villageCode,
    unitLevel: unit.level,
    unitCode,
    departmentId: null,
    handlerUserId: null,
    handlerDepartmentId: null,
    reportedBackBy: null,
    assisting: [],
    reporterNameEnc: input.reporterName ? ctx.crypto.encrypt(input.reporterName) : null,
    reporterPhoneEnc: phone ? ctx.crypto.encrypt(phone) : null,
    reporterPhoneHash: phone ? ctx.crypto.lookupHash(phone) : null,
    reporterKeyHash: reporterKey?.hash ?? null,
    reporterUserId: actor.kind === 'user' ? actor.id : null,
    followers: [],
    isPublic: category.isPublic && !alarm,
    reopenCount: 0,
    meTooCount: 0,
    pausedAt: null,
    satisfaction: null,
    resolvedLevel: null,
    pendingExtension: null,
    isOverdue: false,
    createdAt: now,
    updatedAt: now,
    acceptedAt: null,
    firstResponseAt: null,
    closedAt: null,
    version: 0,
  };
  const view = await caseViewOf(ctx, actor); // before the transaction: it may read reference data
  const result = await ctx.db.transaction(async (tx) => {
    await repo.insertCase(tx, row);
    await repo.insertEvent(tx, { countyCode, caseId: row.id, type: 'submit', actorId: actor.id, actorName: actor.kind === 'public' ? 'resident' : actor.name, actorRole: actor.kind === 'public' ? 'resident' : actor.role, fromStatus: null, toStatus: 'submitted', fromUnit: null, toUnit: `${row.unitLevel}:${unitCode}`, reason: null, data: { channel: input.channel, suggestedTier: suggested }, isPublic: true, at: now });
    await claimAttachments(tx, ctx, row, input.uploadIds, 'submit', now);
    const policy = await catalog.deadlinePolicy(ctx, tx, countyCode, category.id, tier);
    await clocks.openClocks(tx, row, ['first_response'], policy, await catalog.workCalendar(ctx, tx, countyCode), now);
    // 一键报警 goes straight to the county centre and the village police officer.
    const notifyIds = [...(await users.staffIdsAt(tx, unitCode, ['operator'])), ...(alarm && gridCode ? await staffUserIds(tx, gridCode, 'villagePolice') : [])];
    if (notifyIds.length) await outbox.enqueue(tx, now, countyCode, { kind: 'notify', userIds: notifyIds, subject: { type: 'case', id: row.id, code: row.code }, text: `${alarm ? '【一键报警】' : ''}新上报 ${row.code}：${category.name}` });
    if (row.reporterPhoneEnc) await outbox.enqueue(tx, now, countyCode, { kind: 'sms', phoneEnc: row.reporterPhoneEnc, subject: { type: 'case', id: row.id, code: row.code }, text: `您的反映已收到，编号${row.code}，可凭编号查询办理进度。` });
    const duplicates = await findDuplicates(tx, view, row);
    const body = { code: row.code, status: row.status, tier, suggestedTier: suggested, unitLevel: row.unitLevel, isPublic: row.isPublic, duplicates: publicSide ? duplicates.filter((d) => d.isPublic).map(({ code, distance, similarity }) => ({ code, distance, similarity })) : duplicates };
    // A replay must hand the resident the same key, so the stored answer keeps it, encrypted (never in clear).
    if (ticket) await completeKey(tx, ticket, 201, reporterKey ? { ...body, reporterKeyEnc: ctx.crypto.encrypt(reporterKey.key) } : body);
    // Shared rows last: the village's daily counter and the audit chain are held only until the commit
    // that follows, so concurrent reports wait on each other as briefly as possible.
    await stats.bump(tx, countyCode, villageCode, cstDate(now), { received: 1 });
    await audit.record(tx, ctx, actor.kind === 'public' ? null : actor, { action: 'case.create', objectType: 'case', objectId: row.code, countyCode, detail: { channel: input.channel } }, actor.ip);
    return body;
  });
  return reporterKey ? { ...result, reporterKey: reporterKey.key } : result;
}

/**
 * Open cases that may be the same problem: same category, within 200 m, the last 30 days, by text
 * similarity; only cases the view may read (scope and need-to-know).
 */
export async function findDuplicates(ex: Executor, view: CaseView, c: repo.CaseRow) {
  if (c.lat === null || c.lng === null) return [];
  const since = new Date(c.createdAt.getTime() - 30 * 86_400_000);
  const near = (await repo.openNear(ex, view, c.countyCode, c.categoryId, since, boxAround(c.lng, c.lat, 200), terminalStatuses)).filter((x) => x.id !== c.id);
  const ranked = rankDuplicates(c.lng, c.lat, c.description, near.map((x) => ({ code: x.code, lng: x.lng!, lat: x.lat!, description: x.description })));
  const byCode = new Map(near.map((x) => [x.code, x]));
  return ranked.slice(0, 5).map((r) => ({ ...r, status: byCode.get(r.code)!.status, isPublic: byCode.get(r.code)!.isPublic, description: byCode.get(r.code)!.description.slice(0, 60) }));
}
