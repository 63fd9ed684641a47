/**
 * Registering a petition from any of the five channels (staff) or the online form (residents): validates the
 * petitioners (ID number checked, phone normalised, each encrypted, hashed and masked), places it, links a
 * registered person, suggests repeats, opens the 15-day routing clock, claims the letter's scans, audits — one
 * transaction. A repeat of a final (复核) petition on the same facts is flagged 不再受理 for the officer to confirm.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { levelOfCode } from '../../../core/region-code.ts';
import { cstDate } from '../../../core/calendar.ts';
import { maskIdNumber, maskName } from '../../../core/people/masks.ts';
import { maskPhone, normaliseMobile } from '../../../core/contact.ts';
import { idNumberIssue, parseIdNumber } from '../../../core/people/id-number.ts';
import { COLLECTIVE_VISIT_MIN } from '../../../core/workflow/petition-workflow.ts';
import type { PetitionRegisterInput, PetitionerInput, PetitionRepeatQuery } from '../../../core/schemas/petitions.schema.ts';
import { isFinalRepeat, rankRepeats, type Repeat } from '../../../core/petitions/repeats.ts';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { inActorScope, requirePermission } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import { countRegistration } from './petition-stats.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import { claimUploads } from '../uploads/uploads.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { newReporterKey } from '../cases/reporter-key.ts';
import * as repo from './petitions.repository.ts';
import { petitionClockSpecs } from './petitions.workflow.ts';
import { officeStaff } from './petition-bodies.ts';
import { canRead } from './petitions.policy.ts';
import * as outbox from '../outbox/outbox.service.ts';
import { codeChars, kindPrefixes } from '../../../core/tracking-code.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** A petition's tracking code: the county, `X` and 7 random characters (35 bits), e.g. 632221-X7KQ2M9F. */
export function newPetitionCode(countyCode: string): string {
  return `${countyCode}-${kindPrefixes.petition}${codeChars(randomBytes(7))}`;
}

/** One petitioner's values, checked and normalised (ID number upper-case 18 digits, mobile without +86). */
interface CleanPetitioner {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  representative: boolean;
}

function clean(p: PetitionerInput, i: number, today: string): CleanPetitioner {
  let idNumber: string | null = null;
  if (p.idNumber) {
    const parsed = parseIdNumber(p.idNumber, today);
    if ('problem' in parsed) throw new AppError('VALIDATION_FAILED', [idNumberIssue(`body.petitioners.${i}.idNumber`, parsed.problem)]);
    idNumber = parsed.number;
  }
  let phone: string | null = null;
  if (p.phone) {
    phone = normaliseMobile(p.phone) ?? (/^0\d{2,3}-?\d{7,8}$/.test(p.phone.replace(/\s/g, '')) ? p.phone.replace(/\s/g, '') : null);
    if (!phone) throw bad(`body.petitioners.${i}.phone`, 'bad_phone', '电话号码格式不正确');
  }
  return { name: p.name.trim(), idNumber, phone, address: p.address?.trim() || null, representative: p.representative };
}

const idHash = (ctx: AppContext, n: string) => ctx.crypto.lookupHash(`id:${n}`);
const phoneHash = (ctx: AppContext, n: string) => ctx.crypto.lookupHash(`phone:${n}`);

/** Earlier petitions of the same person or matter in a county (item 6). */
export async function findRepeats(ex: Executor, ctx: AppContext, countyCode: string, q: { idNumbers: string[]; phones: string[]; matter: string; villageCode: string | null; concerns: string | null }, excludeId?: string, reader?: Actor): Promise<Repeat[]> {
  const [byPerson, near] = await Promise.all([
    repo.byPersonHashes(ex, countyCode, q.idNumbers.map((n) => idHash(ctx, n)), q.phones.map((n) => phoneHash(ctx, n)), excludeId),
    q.matter ? repo.nearMatter(ex, countyCode, q.villageCode, q.concerns) : Promise.resolve([]),
  ]);
  // Staff are shown only earlier petitions they may read; the scheduler and the register's own check see all.
  const earlier = (rows: repo.PetitionRow[]) => rows.filter((r) => r.id !== excludeId && (!reader || canRead(reader, r))).map((r) => ({ code: r.code, status: r.status, matter: r.matter, createdAt: r.createdAt, final: r.finalAt !== null }));
  return rankRepeats(q.matter, earlier(byPerson), earlier(near));
}

/** GET /api/petitions/repeats: candidates before registering. */
export async function repeatsFor(ctx: AppContext, actor: Actor, q: z.infer<typeof PetitionRepeatQuery>): Promise<Repeat[]> {
  requirePermission(actor, 'petition:register');
  const today = cstDate(ctx.clock.now());
  const idNumbers = q.idNumber ? [clean({ name: 'x', idNumber: q.idNumber, representative: false }, 0, today).idNumber!] : [];
  const phones = q.phone ? [clean({ name: 'x', phone: q.phone, representative: false }, 0, today).phone!] : [];
  return findRepeats(ctx.db, ctx, actor.scopeCode.slice(0, 6), { idNumbers, phones, matter: q.matter ?? '', villageCode: q.villageCode ?? null, concerns: null }, undefined, actor);
}

/** The registering office: a petition officer's own region (a county or a township); the online form files with the county. */
function officeOf(actor: Actor, villageCode: string | null): string {
  // The online form and the system (demo seed, tests' worlds) file with the county of the place.
  if (actor.kind === 'public' || actor.kind === 'system') {
    if (!villageCode) throw bad('body.lat', 'location_required', '请在地图上选择事项发生地');
    return `${villageCode.slice(0, 6)}000000`;
  }
  const level = levelOfCode(actor.scopeCode);
  if (actor.role !== 'petitionOfficer' || (level !== 'county' && level !== 'township')) throw new AppError('FORBIDDEN');
  return actor.scopeCode;
}

async function placeOf(ctx: AppContext, actor: Actor, input: { lat?: number; lng?: number; villageCode?: string }): Promise<{ villageCode: string | null; gridCode: string | null }> {
  if (input.lat !== undefined && input.lng !== undefined) {
    const grid = ctx.gridIndex.locate(input.lng, input.lat);
    if (!grid) throw bad('body.lat', 'outside_grids', '该位置不在任何网格内');
    return { villageCode: grid.slice(0, 12), gridCode: grid };
  }
  if (input.villageCode) {
    if (levelOfCode(input.villageCode) !== 'village' || (actor.kind === 'user' && !inActorScope(actor, input.villageCode.slice(0, 6) + '000000'))) throw bad('body.villageCode', 'unknown_village', input.villageCode);
    return { villageCode: input.villageCode, gridCode: null };
  }
  return { villageCode: null, gridCode: null };
}

/** The registered answer. */
export interface Registered {
  code: string;
  status: string;
  repeats: Repeat[];
  petitionerKey?: string;
}

/**
 * Registers a petition (staff: any channel; public: the online form); `also` writes more in its transaction. @throws FORBIDDEN, VALIDATION_FAILED
 * (category, place, ID number, phone, a repeat code that is not a suggested one), UPLOAD_REJECTED
 */
export async function registerPetition(ctx: AppContext, actor: Actor, input: PetitionRegisterInput, ticket?: Ticket, also?: (tx: Executor, row: repo.PetitionRow) => Promise<void>): Promise<Registered> {
  if (actor.kind !== 'public') requirePermission(actor, 'petition:register');
  const now = ctx.clock.now();
  const today = cstDate(now);
  const category = await catalog.findCategory(ctx, ctx.db, input.categoryId);
  if (!category || !category.active) throw bad('body.categoryId', 'unknown_category', input.categoryId);
  const place = await placeOf(ctx, actor, input);
  const officeRegion = officeOf(actor, place.villageCode);
  if (place.villageCode && !place.villageCode.startsWith(officeRegion.slice(0, 6))) throw bad('body.lat', 'outside_scope', '事项发生地不在本县');
  const countyCode = officeRegion.slice(0, 6);
  const people = input.petitioners.map((p, i) => clean(p, i, today));
  const peopleCount = input.channel === 'visit' ? input.peopleCount : people.length;
  const id = randomUUID();
  const repeats = await findRepeats(ctx.db, ctx, countyCode, { idNumbers: people.flatMap((p) => (p.idNumber ? [p.idNumber] : [])), phones: people.flatMap((p) => (p.phone ? [p.phone] : [])), matter: input.matter, villageCode: place.villageCode, concerns: input.concerns ?? null });
  // The officer confirms a suggested repeat by naming it; anything else named is refused.
  if (input.repeatOf && !repeats.some((r) => r.code === input.repeatOf)) throw bad('body.repeatOf', 'not_a_repeat', input.repeatOf);
  const final = isFinalRepeat(repeats);
  const shown = new Set(actor.kind === 'user' ? (await findRepeats(ctx.db, ctx, countyCode, { idNumbers: people.flatMap((p) => (p.idNumber ? [p.idNumber] : [])), phones: people.flatMap((p) => (p.phone ? [p.phone] : [])), matter: input.matter, villageCode: place.villageCode, concerns: input.concerns ?? null }, undefined, actor)).map((r) => r.code) : []);
  // Every petitioner gets the key of their tracking link (the online form answers it; staff-registered ones by SMS).
  const key = actor.kind === 'system' ? null : newReporterKey();
  const persons = await Promise.all(people.map(async (p) => (p.idNumber ? (await repo.personIdByIdHash(ctx.db, countyCode, idHash(ctx, p.idNumber))) : null)));
  const row: repo.PetitionRow = {
    countyCode, id, code: newPetitionCode(countyCode), status: 'registered', kind: input.kind, channel: input.channel, categoryId: input.categoryId,
    matter: input.matter, concerns: input.concerns ?? null, address: input.address ?? null, lat: input.lat ?? null, lng: input.lng ?? null, ...place,
    officeRegion, registeredBy: actor.kind === 'user' ? actor.id : null, skippedLevel: input.skippedLevel, peopleCount, collective: input.channel === 'visit' && peopleCount >= COLLECTIVE_VISIT_MIN,
    bodyDepartmentId: null, bodyRegionCode: null, bodyName: null, reportBy: null, repeatOf: input.repeatOf ?? final?.code ?? null, repeatFinal: !!final,
    notAcceptGround: null, notAcceptReason: null, steerTo: null, extDays: null, extReason: null, extRequestedBy: null, extApprovedBy: null, extApprovedAt: null,
    hearingStartedAt: null, hearingDays: 0, unservedDocumentId: null, servedAt: null, rating: null, ratedAt: null, petitionerKeyHash: key?.hash ?? null,
    isOverdue: false, receivedAt: input.receivedAt && input.receivedAt < now ? input.receivedAt : now, createdAt: now, updatedAt: now,
    acceptedAt: null, repliedAt: null, finalAt: null, closedAt: null, version: 1,
  };
  const petitionerRows: repo.PetitionerRow[] = people.map((p, i) => ({
    countyCode, id: randomUUID(), petitionId: id, position: i,
    nameEnc: ctx.crypto.encrypt(p.name), nameMask: maskName(p.name),
    idNumberEnc: p.idNumber ? ctx.crypto.encrypt(p.idNumber) : null, idNumberHash: p.idNumber ? idHash(ctx, p.idNumber) : null, idNumberMask: p.idNumber ? maskIdNumber(p.idNumber) : null,
    phoneEnc: p.phone ? ctx.crypto.encrypt(p.phone) : null, phoneHash: p.phone ? phoneHash(ctx, p.phone) : null, phoneMask: p.phone ? maskPhone(p.phone) : null,
    addressEnc: p.address ? ctx.crypto.encrypt(p.address) : null, personId: persons[i] ?? null, representative: p.representative, createdAt: now,
  }));
  const files = [
    ...(input.channel === 'letter' ? input.letterUploadIds.map((u) => [u, 'letter'] as const) : []),
    ...(input.channel === 'letter' ? input.envelopeUploadIds.map((u) => [u, 'envelope'] as const) : []),
    ...input.uploadIds.map((u) => [u, 'evidence'] as const),
  ];
  const result = await ctx.db.transaction(async (tx) => {
    await repo.insertPetition(tx, row, petitionerRows);
    await countRegistration(tx, row, now);
    const claimed = await claimUploads(tx, ctx, files.map(([u]) => u), { ownerType: 'petition', countyCode, maxPhotos: 30, maxVoice: 1 });
    const roleOf = new Map(files);
    await repo.insertAttachments(tx, claimed.map((u) => ({ countyCode, id: u.id, petitionId: id, role: roleOf.get(u.id) ?? 'evidence', mime: u.mime, size: u.size, storageKey: u.storageKey, createdAt: now })));
    await clocks.openClocks(tx, { type: 'petition', id, countyCode }, petitionClockSpecs(['transfer_by']), await catalog.workCalendar(ctx, tx, countyCode), row.receivedAt);
    await repo.insertEvent(tx, { countyCode, petitionId: id, type: 'register', actorId: actor.id, actorName: actor.kind === 'public' ? null : actor.name, actorRole: actor.kind === 'public' ? 'petitioner' : 'office', fromStatus: null, toStatus: 'registered', reason: null, data: { channel: input.channel, peopleCount, repeatOf: row.repeatOf, finalRepeat: !!final }, isPublic: true, at: now });
    const phoneEnc = petitionerRows.find((r) => r.phoneEnc)?.phoneEnc;
    if (key && actor.kind === 'user' && phoneEnc) await outbox.enqueue(tx, now, countyCode, { kind: 'sms', phoneEnc, subject: { type: 'petition', id, code: row.code }, text: `您的信访事项已登记，编号${row.code}。查询进度和评价：${ctx.config.publicUrl}/track/${row.code}#k=${key.key}` });
    const staff = await officeStaff(tx, officeRegion);
    if (actor.kind === 'public' && staff.length) await outbox.enqueue(tx, now, countyCode, { kind: 'notify', userIds: staff, subject: { type: 'petition', id, code: row.code }, text: `网上信访 ${row.code} 待登记处理` });
    await audit.record(tx, ctx, actor.kind === 'public' ? null : actor, { action: 'petition.register', objectType: 'petition', objectId: row.code, countyCode, detail: { channel: input.channel, kind: input.kind, peopleCount, finalRepeat: !!final } }, actor.ip);
    // What the caller adds in the same transaction (a case sent to petitions links itself here).
    if (also) await also(tx, row);
    // A resident is never shown other petitions; staff only those they may read.
    const answer: Registered = { code: row.code, status: row.status, repeats: actor.kind === 'user' ? repeats.filter((r) => r.code === row.repeatOf || shown.has(r.code)) : [] };
    if (ticket) await completeKey(tx, ticket, 201, key && actor.kind === 'public' ? { ...answer, petitionerKeyEnc: ctx.crypto.encrypt(key.key) } : answer);
    return answer;
  });
  // Only the petitioner sees the key: the resident who filed online; staff never do (the SMS carries it).
  return key && actor.kind === 'public' ? { ...result, petitionerKey: key.key } : result;
}
