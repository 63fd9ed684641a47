/**
 * Intake from every channel: the resident H5 page, staff entry (walk-in, letter, phone, video, hotline,
 * patrol), the one-click alarm and Open311. Validates, locates the grid, suggests the tier, opens the
 * first-response clock (一小时介入), counts the report, and tells the centre, all in one transaction; reports
 * arriving together share that transaction (group commit, server/lib/group-commit.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { levelOfCode, isRegionCode } from '../../../core/region-code.ts';
import { suggestTier, type Tier } from '../../../core/cases/triage.ts';
import { intakeUnit } from '../../../core/cases/intake-unit.ts';
import { boxAround, rankDuplicates } from '../../../core/cases/duplicates.ts';
import { normaliseMobile } from '../../../core/contact.ts';
import { cstDate, type WorkCalendar } from '../../../core/calendar.ts';
import { terminalStatuses } from '../../../core/workflow/case-workflow.ts';
import type { Actor } from '../../lib/actor.ts';
import { inActorScope, requirePermission } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as audit from '../audit/audit.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import type { DeadlinePolicy } from '../catalog/catalog.service.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as users from '../users/users.service.ts';
import * as regions from '../regions/regions.service.ts';
import { staffUserIds } from '../grids/grids.service.ts';
import { completeKeys, type Ticket } from '../idempotency/idempotency.service.ts';
import * as repo from './cases.repository.ts';
import * as stats from './case-stats.repository.ts';
import * as clocks from './deadlines.service.ts';
import { claimAttachments } from './attachments.service.ts';
import { caseViewOf, type CaseView } from './case-visibility.ts';
import { newReporterKey } from './reporter-key.ts';
import { GroupCommit } from '../../lib/group-commit.ts';
import { caseCodeChars } from '../../../core/tracking-code.ts';

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

/** A tracking code: the county and 8 random characters (about 40 bits; never X or M first: core/tracking-code.ts), e.g. 632221-7KQ2M9XF. */
export function newCaseCode(countyCode: string): string {
  return `${countyCode}-${caseCodeChars(randomBytes(8))}`;
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

/** One report checked and built before its transaction: everything read from reference data is in it. */
interface Prepared {
  actor: Actor;
  input: IntakeInput;
  row: repo.CaseRow;
  categoryName: string;
  suggested: Tier;
  policy: DeadlinePolicy;
  cal: WorkCalendar;
  view: CaseView;
  reporterKey: { key: string; hash: string } | null;
  ticket?: Ticket;
}

type IntakeAnswer = Record<string, unknown> & { code: string };

/** Takes in one report. @throws VALIDATION_FAILED (category, place, phone), UPLOAD_REJECTED, FORBIDDEN */
export async function createCase(ctx: AppContext, actor: Actor, input: IntakeInput, ticket?: Ticket) {
  const p = await prepare(ctx, actor, input, ticket);
  const result = await queueOf(ctx, p.row.countyCode).submit(p);
  return p.reporterKey ? { ...result, reporterKey: p.reporterKey.key } : result;
}

/** A report checked and built for another module's transaction (a petition turned into a case, issue 14 item 7). */
export type PreparedReport = Prepared;

/**
 * Checks and builds a case another module takes in under its own permission (the petitions module checked
 * petition:act and that the actor acts on the petition); place, category and phone are checked as for any report.
 * @throws VALIDATION_FAILED
 */
export function prepareOnBehalf(ctx: AppContext, actor: Actor, input: IntakeInput): Promise<PreparedReport> {
  return prepare(ctx, actor, input, undefined, true);
}

/** Writes one prepared report inside the caller's transaction: its case, event, clock, notices, count and audit row. */
export async function writeReportIn(tx: Executor, ctx: AppContext, p: PreparedReport): Promise<{ code: string; id: string; countyCode: string }> {
  await writeReportsIn(tx, ctx, [p]);
  return { code: p.row.code, id: p.row.id, countyCode: p.row.countyCode };
}

/** Validates, places and builds one report's case row (no writes). */
async function prepare(ctx: AppContext, actor: Actor, input: IntakeInput, ticket?: Ticket, authorisedElsewhere = false): Promise<Prepared> {
  if ((actor.kind === 'user' || actor.kind === 'token') && !authorisedElsewhere) requirePermission(actor, 'case:create');
  const category = await catalog.findCategory(ctx, ctx.db, input.categoryId);
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
    unitCode: unit.regionCode,
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
  // Reference data (cached) is read before the transaction, so the batch's transaction only writes.
  const policy = await catalog.deadlinePolicy(ctx, ctx.db, countyCode, category.id, tier);
  const cal = await catalog.workCalendar(ctx, ctx.db, countyCode);
  const view = await caseViewOf(ctx, actor);
  return { actor, input, row, categoryName: category.name, suggested, policy, cal, view, reporterKey, ticket };
}

/**
 * The intake queues of a context (one per server process and test environment), one per county: a batch is one
 * county's, so on Citus its transaction touches one shard group (no two-phase commit across workers) and it
 * extends one county's audit chain.
 */
const queues = new WeakMap<AppContext, Map<string, GroupCommit<Prepared, IntakeAnswer>>>();
function queueOf(ctx: AppContext, countyCode: string): GroupCommit<Prepared, IntakeAnswer> {
  let byCounty = queues.get(ctx);
  if (!byCounty) queues.set(ctx, (byCounty = new Map()));
  let q = byCounty.get(countyCode);
  if (!q) byCounty.set(countyCode, (q = new GroupCommit(ctx.config.intakeBatch, (ps) => writeReports(ctx, ps))));
  return q;
}

/** Batches written and reports retried alone by a county's intake queue. */
export const intakeCounts = (ctx: AppContext, countyCode: string) => queueOf(ctx, countyCode).counts;

const actorName = (a: Actor) => (a.kind === 'public' ? 'resident' : a.name);
const actorRole = (a: Actor) => (a.kind === 'public' ? 'resident' : a.role);

/**
 * Writes reports in one transaction: each still gets its case, submit event, attachments, first-response clock,
 * notices, Idempotency-Key result, daily count and audit row; statements are multi-row where the rows are alike.
 */
async function writeReports(ctx: AppContext, ps: Prepared[]): Promise<IntakeAnswer[]> {
  return ctx.db.transaction((tx) => writeReportsIn(tx, ctx, ps));
}

/** The writes of writeReports, in a transaction the caller holds. */
async function writeReportsIn(tx: Executor, ctx: AppContext, ps: Prepared[]): Promise<IntakeAnswer[]> {
  await repo.insertCases(tx, ps.map((p) => p.row));
  await repo.insertEvents(
    tx,
    ps.map(({ row, actor, input, suggested }) => ({ countyCode: row.countyCode, caseId: row.id, type: 'submit', actorId: actor.id, actorName: actorName(actor), actorRole: actorRole(actor), fromStatus: null, toStatus: 'submitted', fromUnit: null, toUnit: `${row.unitLevel}:${row.unitCode}`, reason: null, data: { channel: input.channel, suggestedTier: suggested }, isPublic: true, at: row.createdAt })),
  );
  for (const p of ps) await claimAttachments(tx, ctx, p.row, p.input.uploadIds, 'submit', p.row.createdAt);
  await clocks.openClocksMany(tx, ps.map((p) => ({ c: p.row, kinds: ['first_response'], policy: p.policy, cal: p.cal, now: p.row.createdAt })));
  const operators = new Map<string, string[]>(); // the centre's operators, read once per unit of the batch
  const duplicatesOf = await duplicatesOfBatch(tx, ps);
  const answers: IntakeAnswer[] = [];
  const messages: Parameters<typeof outbox.enqueueMany>[1] = [];
  for (const p of ps) {
    const { row } = p;
    const alarm = row.channel === 'alarm';
    if (!operators.has(row.unitCode)) operators.set(row.unitCode, await users.staffIdsAt(tx, row.unitCode, ['operator']));
    // 一键报警 goes straight to the county centre and the village police officer.
    const notifyIds = [...operators.get(row.unitCode)!, ...(alarm && row.gridCode ? await staffUserIds(tx, row.gridCode, 'villagePolice') : [])];
    const subject = { type: 'case', id: row.id, code: row.code };
    if (notifyIds.length) messages.push({ at: row.createdAt, countyCode: row.countyCode, msg: { kind: 'notify', userIds: notifyIds, subject, text: `${alarm ? '【一键报警】' : ''}新上报 ${row.code}：${p.categoryName}` } });
    if (row.reporterPhoneEnc) messages.push({ at: row.createdAt, countyCode: row.countyCode, msg: { kind: 'sms', phoneEnc: row.reporterPhoneEnc, subject, text: `您的反映已收到，编号${row.code}，可凭编号查询办理进度。` } });
    const duplicates = duplicatesOf.get(p)!;
    const publicSide = p.actor.kind === 'public' || p.actor.kind === 'token';
    answers.push({ code: row.code, status: row.status, tier: row.tier, suggestedTier: p.suggested, unitLevel: row.unitLevel, isPublic: row.isPublic, duplicates: publicSide ? duplicates.filter((d) => d.isPublic).map(({ code, distance, similarity }) => ({ code, distance, similarity })) : duplicates });
  }
  await outbox.enqueueMany(tx, messages);
  // A replay must hand the resident the same key, so the stored answer keeps it, encrypted (never in clear).
  await completeKeys(
    tx,
    ps.flatMap((p, i) => (p.ticket ? [{ ticket: p.ticket, status: 201, body: p.reporterKey ? { ...answers[i], reporterKeyEnc: ctx.crypto.encrypt(p.reporterKey.key) } : answers[i] }] : [])),
  );
  // Shared rows last: the villages' daily counters and the audit chain are held only until the commit
  // that follows, so concurrent batches wait on each other as briefly as possible.
  const days = new Map<string, { countyCode: string; villageCode: string; day: string; n: number }>();
  for (const { row } of ps) {
    const day = cstDate(row.createdAt);
    const k = `${row.villageCode}|${day}`;
    const d = days.get(k) ?? { countyCode: row.countyCode, villageCode: row.villageCode, day, n: 0 };
    d.n++;
    days.set(k, d);
  }
  await stats.addReceived(tx, [...days.values()]);
  // One lock, one head read and one INSERT for the batch's audit rows.
  await audit.appendMany(tx, ctx, ps.map((p) => ({ actor: p.actor.kind === 'public' ? null : p.actor, entry: { action: 'case.create', objectType: 'case', objectId: p.row.code, countyCode: p.row.countyCode, detail: { channel: p.input.channel } }, ip: p.actor.ip })));
  return answers;
}

/** Each report's duplicates (the batch's own cases included, as they are inserted first): one search per view. */
async function duplicatesOfBatch(tx: Executor, ps: Prepared[]) {
  const byView = new Map<string, Prepared[]>();
  for (const p of ps) {
    const v = p.view;
    const k = JSON.stringify([v.reader, v.scopePrefix, v.access, [...v.privateCategoryIds].sort()]);
    byView.set(k, [...(byView.get(k) ?? []), p]);
  }
  const out = new Map<Prepared, Awaited<ReturnType<typeof findDuplicatesMany>>[number]>();
  for (const group of byView.values()) {
    const found = await findDuplicatesMany(tx, group[0]!.view, group.map((p) => p.row));
    group.forEach((p, i) => out.set(p, found[i]!));
  }
  return out;
}

/**
 * Open cases that may be the same problem: same category, within 200 m, the last 30 days, by text
 * similarity; only cases the view may read (scope and need-to-know).
 */
export async function findDuplicates(ex: Executor, view: CaseView, c: repo.CaseRow) {
  return (await findDuplicatesMany(ex, view, [c]))[0]!;
}

/** Duplicates of several cases of one county seen through one view, in one statement; answers in order. */
async function findDuplicatesMany(ex: Executor, view: CaseView, cs: repo.CaseRow[]) {
  const located = cs.filter((c) => c.lat !== null && c.lng !== null);
  const probes = located.map((c) => ({ categoryId: c.categoryId, since: new Date(c.createdAt.getTime() - 30 * 86_400_000), box: boxAround(c.lng!, c.lat!, 200) }));
  const found = located.length ? await repo.openNearMany(ex, view, cs[0]!.countyCode, probes, terminalStatuses) : [];
  const byCase = new Map(located.map((c, i) => [c, found[i]!]));
  return cs.map((c) => {
    const near = (byCase.get(c) ?? []).filter((x) => x.id !== c.id);
    const ranked = rankDuplicates(c.lng!, c.lat!, c.description, near.map((x) => ({ code: x.code, lng: x.lng, lat: x.lat, description: x.description })));
    const byCode = new Map(near.map((x) => [x.code, x]));
    return ranked.slice(0, 5).map((r) => ({ ...r, status: byCode.get(r.code)!.status, isPublic: byCode.get(r.code)!.isPublic, description: byCode.get(r.code)!.description.slice(0, 60) }));
  });
}
