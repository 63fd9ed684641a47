/**
 * Registering a dispute from screening, a walk-in, a case, a petition or a resident's online application: checks
 * the parties (encrypted, hashed, masked), places it on a grid, finds its committee (the one named, else the
 * village's, the township's or the county's), flags a 民转刑 risk as urgent and tells the leaders, links the record
 * it came from, audits — one transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { levelOfCode } from '../../../core/region-code.ts';
import { cstDate } from '../../../core/calendar.ts';
import type { DisputePartyInput } from '../../../core/schemas/disputes.schema.ts';
import type { DisputeCategory } from '../../../core/mediation/categories.ts';
import type { DisputeSource } from '../../../core/workflow/dispute-workflow.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { inActorScope, requirePermission } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as users from '../users/users.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { newReporterKey } from '../cases/reporter-key.ts';
import * as orgRepo from './organisation.repository.ts';
import * as repo from './mediation.repository.ts';
import { partyRows } from './dispute-parties.ts';
import { countRegistration } from './mediation-stats.service.ts';
import { codeChars, kindPrefixes } from '../../../core/tracking-code.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** A dispute's code: the county, `M` and 7 random characters (35 bits), e.g. 632221-M7KQ2M9F. */
export function newDisputeCode(countyCode: string): string {
  return `${countyCode}-${kindPrefixes.dispute}${codeChars(randomBytes(7))}`;
}

/** What every way in gives. */
export interface NewDispute {
  source: DisputeSource;
  category: DisputeCategory;
  scale?: 'ordinary' | 'complex' | 'major';
  peopleCount?: number;
  escalationRisk?: boolean;
  facts: string;
  claims?: string;
  lat?: number | null;
  lng?: number | null;
  villageCode?: string | null;
  gridCode?: string | null;
  address?: string | null;
  committeeId?: string;
  parties: DisputePartyInput[];
  receivedAt?: Date;
  /** The case or petition it came from (already read by the caller in the actor's view). */
  from?: { type: 'case' | 'petition'; id: string; code: string };
}

/** The registered answer (the key only to the resident who applied online). */
export interface RegisteredDispute {
  code: string;
  status: string;
  committee: string;
  urgent: boolean;
  applicantKey?: string;
}

/** The grid and village of the place (a point, or the village named with a grid already known). */
function placeOf(ctx: AppContext, actor: Actor, input: NewDispute): { villageCode: string; gridCode: string | null } {
  if (input.lat != null && input.lng != null && !input.gridCode) {
    const grid = ctx.gridIndex.locate(input.lng, input.lat);
    if (!grid) throw bad('body.lat', 'outside_grids', '该位置不在任何网格内');
    return { villageCode: grid.slice(0, 12), gridCode: grid };
  }
  const village = input.villageCode ?? input.gridCode?.slice(0, 12);
  if (!village) throw bad('body.villageCode', 'location_required', '请在地图上选择纠纷发生地或选择村（社区）');
  if (levelOfCode(village) !== 'village' || (actor.kind === 'user' && !inActorScope(actor, village))) throw bad('body.villageCode', 'unknown_village', village);
  return { villageCode: village, gridCode: input.gridCode ?? null };
}

/** The committee: the one named (active, same county), else the village's, the township's, the county's. */
async function committeeFor(ex: Executor, countyCode: string, villageCode: string, committeeId?: string): Promise<orgRepo.CommitteeRow> {
  if (committeeId) {
    const c = await orgRepo.committeeById(ex, committeeId, countyCode);
    if (!c || !c.active) throw bad('body.committeeId', 'unknown_committee', committeeId);
    return c;
  }
  for (const region of [villageCode, `${villageCode.slice(0, 9)}000`, `${countyCode}000000`]) {
    const [c] = (await orgRepo.committeesAt(ex, countyCode, region)).filter((x) => x.level !== 'industry');
    if (c) return c;
  }
  throw bad('body.committeeId', 'no_committee', '该地尚无人民调解委员会，请先在调解组织中建立');
}

/**
 * Registers a dispute (staff, or the resident's online application when `actor` is public).
 * @throws FORBIDDEN, VALIDATION_FAILED (place, committee, ID number, phone)
 */
export async function registerDispute(ctx: AppContext, actor: Actor, input: NewDispute, ticket?: Ticket, tx?: Executor): Promise<RegisteredDispute> {
  if (actor.kind !== 'public') requirePermission(actor, 'dispute:register');
  const now = ctx.clock.now();
  const place = placeOf(ctx, actor, input);
  const countyCode = place.villageCode.slice(0, 6);
  const id = randomUUID();
  const parties = partyRows(ctx, countyCode, id, input.parties, cstDate(now), now);
  const key = actor.kind === 'public' ? newReporterKey() : null;
  const urgent = !!input.escalationRisk;
  const work = async (tx: Executor): Promise<RegisteredDispute> => {
    const committee = await committeeFor(tx, countyCode, place.villageCode, input.committeeId);
    const row: repo.DisputeRow = {
      countyCode, id, code: newDisputeCode(countyCode), status: 'registered', source: input.source, category: input.category, scale: input.scale ?? 'ordinary',
      peopleCount: input.peopleCount ?? parties.length, escalationRisk: urgent, urgent, facts: input.facts, claims: input.claims ?? null,
      address: input.address ?? null, lat: input.lat ?? null, lng: input.lng ?? null, ...place, committeeId: committee.id, committeeRegion: committee.regionCode,
      roomId: null, assignedBy: null, registeredBy: actor.kind === 'user' ? actor.id : null, acceptedAt: null, extDays: 0, outcomeAt: null,
      agreementForm: null, agreementTerms: null, failureReason: null, routesTold: null, routesToldAt: null, referralTo: null, referralReceiver: null,
      referralAnswer: null, referralAnsweredAt: null, refusedByParty: null, refusalReason: null, applicantKeyHash: key?.hash ?? null, isOverdue: false,
      receivedAt: input.receivedAt && input.receivedAt < now ? input.receivedAt : now, createdAt: now, updatedAt: now, closedAt: null, version: 1,
    };
    await repo.insertDispute(tx, row, parties);
    if (input.from && !(await repo.insertLink(tx, { countyCode, disputeId: id, subjectType: input.from.type, subjectId: input.from.id, subjectCode: input.from.code, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now }))) {
      throw new AppError('CONFLICT', [{ path: 'code', code: 'already_dispute', message: `${input.from.code} 已转为矛盾纠纷` }]);
    }
    await repo.insertEvent(tx, {
      countyCode, disputeId: id, type: 'register', actorId: actor.id, actorName: actor.kind === 'public' ? null : actor.name, actorRole: actor.kind === 'public' ? 'applicant' : actor.role,
      fromStatus: null, toStatus: 'registered', reason: null, data: { source: input.source, committee: committee.name, urgent, from: input.from?.code ?? null }, isPublic: true, at: now,
    });
    await countRegistration(tx, row);
    const subject = { type: 'dispute', id, code: row.code };
    const heads = await orgRepo.headUserIds(tx, countyCode, committee.id);
    if (heads.length) await outbox.enqueue(tx, now, countyCode, { kind: 'notify', userIds: heads, subject, text: `${urgent ? '【紧急·民转刑风险】' : ''}新矛盾纠纷 ${row.code} 待指派调解员` });
    // 民转刑: the leaders of the township and the county are told at once.
    if (urgent) {
      const leaders = [...new Set([...(await users.staffIdsAt(tx, `${place.villageCode.slice(0, 9)}000`, ['leader'])), ...(await users.staffIdsAt(tx, `${countyCode}000000`, ['leader']))])];
      if (leaders.length) await outbox.enqueue(tx, now, countyCode, { kind: 'notify', userIds: leaders, subject, text: `【紧急】矛盾纠纷 ${row.code} 有民转刑风险，请关注并督促化解` });
    }
    await audit.record(tx, ctx, actor.kind === 'public' ? null : actor, { action: 'dispute.register', objectType: 'dispute', objectId: row.code, countyCode, detail: { source: input.source, category: input.category, urgent, parties: parties.length, from: input.from?.code ?? null } }, actor.ip);
    const answer: RegisteredDispute = { code: row.code, status: row.status, committee: committee.name, urgent };
    if (ticket) await completeKey(tx, ticket, 201, key ? { ...answer, applicantKeyEnc: ctx.crypto.encrypt(key.key) } : answer);
    return answer;
  };
  const result = tx ? await work(tx) : await ctx.db.transaction(work);
  return key ? { ...result, applicantKey: key.key } : result;
}
