/**
 * The dispute workflow's effects table: per action, the columns it changes, the rows it writes (mediators,
 * sessions), the event's reason and data, whom it tells, and which clocks it moves — returned as values for the
 * transition engine, which applies them in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import type { DisputeAction, DisputeVariant } from '../../../core/workflow/dispute-workflow.ts';
import type { disputeActionSchemas } from '../../../core/schemas/disputes.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { Effect, EffectFn } from '../../workflow/workflow-module.ts';
import * as orgRepo from './organisation.repository.ts';
import * as repo from './mediation.repository.ts';
import { disputeStaff } from './dispute-people.ts';
import type * as documents from '../documents/documents.service.ts';
import { agreementEffects, storeIssued } from './agreement-effects.ts';
import { missingFromFile } from '../../../core/mediation/file-checklist.ts';
import { fileFactsOf } from './dispute-file.service.ts';
import * as agreements from './agreement.repository.ts';

/** The validated body of an action. */
export type DisputeActionInput<A extends DisputeAction> = z.infer<(typeof disputeActionSchemas)[A]> & { actorMediatorIds?: string[] } & DocumentExtra;

/** What the action service adds: the document it rendered before the transaction, and where the stored id goes. */
export interface DocumentExtra {
  rendered?: documents.Rendered;
  docNo?: string;
  out?: { documentId?: string };
}
type Fx<A extends DisputeAction> = EffectFn<repo.DisputeRow, DisputeVariant, DisputeAction, DisputeActionInput<A>>;
type Out = Effect<repo.DisputeRow, DisputeVariant, DisputeAction>;

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);
const notFuture = (path: string, at: Date, now: Date) => {
  if (at.getTime() > now.getTime() + 60_000) throw bad(path, 'future', '时间不能晚于现在');
};

/** A room of the dispute's county that is in use. */
async function roomOf(tx: Executor, d: repo.DisputeRow, roomId: string | undefined, path: string) {
  if (!roomId) return null;
  const room = await orgRepo.roomById(tx, roomId, d.countyCode);
  if (!room || !room.active) throw bad(path, 'unknown_room', roomId);
  return room;
}

/** assign / choose: the mediators (active, of the committee when it appoints; of the county when the parties choose). */
async function appoint(tx: Executor, d: repo.DisputeRow, input: DisputeActionInput<'assign'>, by: 'committee' | 'parties', now: Date): Promise<Out> {
  const ids = [...new Set(input.mediatorIds)];
  const found = await orgRepo.mediatorsByIds(tx, d.countyCode, ids);
  for (const id of ids) {
    const m = found.find((x) => x.id === id);
    if (!m || !m.active || (by === 'committee' && m.committeeId !== d.committeeId)) throw bad('body.mediatorIds', 'unknown_mediator', id);
  }
  const lead = input.leadId ?? ids[0]!;
  if (!ids.includes(lead)) throw bad('body.leadId', 'not_appointed', lead);
  const room = await roomOf(tx, d, input.roomId, 'body.roomId');
  const names = ids.map((id) => found.find((x) => x.id === id)!.name);
  return {
    set: { assignedBy: by, roomId: room?.id ?? d.roomId },
    reason: input.note ?? null,
    data: { mediators: names, by, room: room?.name ?? null },
    notify: { userIds: found.flatMap((m) => (m.userId ? [m.userId] : [])), text: `矛盾纠纷 ${d.code} 已${by === 'parties' ? '由当事人选定' : '指派'}您调解，请及时受理` },
    after: (tx2) => repo.setMediators(tx2, d, ids.map((id) => ({ countyCode: d.countyCode, disputeId: d.id, mediatorId: id, lead: id === lead, createdAt: now }))),
  };
}

/** Checks that ids name parties of this dispute. */
function requireParties(parties: repo.PartyRow[], ids: readonly string[], path: string): void {
  for (const id of ids) if (!parties.some((p) => p.id === id)) throw bad(path, 'unknown_party', id);
}

/** Per action: what it changes, whom it tells, which clocks it moves. */
export const disputeEffects: { [A in DisputeAction]: Fx<A> } = {
  assign: (tx, _ctx, _actor, d, input, now) => appoint(tx, d, input, 'committee', now),
  choose: (tx, _ctx, _actor, d, input, now) => appoint(tx, d, input as DisputeActionInput<'assign'>, 'parties', now),
  async transfer(tx, _ctx, _actor, d, input) {
    const c = await orgRepo.committeeById(tx, input.committeeId, d.countyCode);
    if (!c || !c.active || c.id === d.committeeId) throw bad('body.committeeId', 'unknown_committee', input.committeeId);
    return {
      set: { committeeId: c.id, committeeRegion: c.regionCode, roomId: null, assignedBy: null },
      reason: input.reason,
      data: { to: c.name },
      notify: { userIds: await orgRepo.headUserIds(tx, d.countyCode, c.id), text: `矛盾纠纷 ${d.code} 已移送本委员会，请指派调解员` },
      after: (tx2) => repo.setMediators(tx2, d, []),
    };
  },
  async accept(tx, ctx, actor, d, input, now) {
    // The 权利义务告知书 the parties receive at acceptance (rendered by the service before the transaction).
    const doc = await storeIssued(tx, ctx, actor, d, input);
    return { set: { acceptedAt: now }, reason: input.note ?? null, data: doc ? { documentId: doc.id } : undefined, audit: doc ? { documentId: doc.id, sm3: doc.sm3 } : undefined };
  },
  async scheduleSession(tx, _ctx, actor, d, input, now) {
    if (input.at.getTime() < now.getTime() - 3600_000) throw bad('body.at', 'past', '调解时间不能早于现在');
    const room = await roomOf(tx, d, input.roomId, 'body.roomId');
    const id = randomUUID();
    return {
      set: {},
      data: { sessionId: id, at: input.at.toISOString(), room: room?.name ?? null, place: input.place ?? null, online: input.online },
      after: (tx2) => repo.insertSession(tx2, {
        countyCode: d.countyCode, id, disputeId: d.id, scheduledAt: input.at, roomId: room?.id ?? null, place: input.place ?? null, online: input.online || room?.mode === 'online',
        heldAt: null, partyIds: [], mediatorIds: [], othersCount: 0, recordEnc: null, signedPartyIds: [], signedMediatorIds: [], createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now, updatedAt: now,
      }),
    };
  },
  async recordSession(tx, ctx, actor, d, input, now) {
    const heldAt = input.heldAt ?? now;
    notFuture('body.heldAt', heldAt, now);
    const parties = await repo.partiesOf(tx, d);
    requireParties(parties, input.partyIds, 'body.partyIds');
    requireParties(parties, input.signedPartyIds, 'body.signedPartyIds');
    for (const id of input.signedPartyIds) if (!input.partyIds.includes(id)) throw bad('body.signedPartyIds', 'not_present', id);
    const onDispute = (await repo.mediatorsOfDispute(tx, d)).map((r) => r.m.id);
    const present = input.mediatorIds.length ? input.mediatorIds : onDispute.filter((id) => input.actorMediatorIds?.includes(id));
    for (const id of [...present, ...input.signedMediatorIds]) if (!onDispute.includes(id)) throw bad('body.mediatorIds', 'not_on_dispute', id);
    const earlier = input.sessionId ? (await repo.sessionsOf(tx, d)).find((s) => s.id === input.sessionId) : undefined;
    if (input.sessionId && (!earlier || earlier.heldAt)) throw bad('body.sessionId', 'unknown_session', input.sessionId);
    const held = { heldAt, partyIds: input.partyIds, mediatorIds: present, othersCount: input.othersCount, recordEnc: ctx.crypto.encrypt(input.record), signedPartyIds: input.signedPartyIds, signedMediatorIds: input.signedMediatorIds, updatedAt: now };
    const id = earlier?.id ?? randomUUID();
    return {
      set: {},
      // The record itself stays encrypted in its session row; the event says who came and who signed.
      data: { sessionId: id, heldAt: heldAt.toISOString(), parties: input.partyIds.length, signedParties: input.signedPartyIds.length, mediators: present.length, others: input.othersCount },
      after: (tx2) => earlier
        ? repo.updateSession(tx2, earlier, held)
        : repo.insertSession(tx2, { countyCode: d.countyCode, id, disputeId: d.id, scheduledAt: heldAt, roomId: d.roomId, place: null, online: false, ...held, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now }),
    };
  },
  async extend(tx, _ctx, _actor, d, input, now) {
    // Both (every) parties must have consented, each consent recorded with how and when (司法部 2002 rules).
    const parties = await repo.partiesOf(tx, d);
    requireParties(parties, input.consents.map((c) => c.partyId), 'body.consents');
    const missing = parties.filter((p) => !input.consents.some((c) => c.partyId === p.id));
    if (missing.length) throw bad('body.consents', 'consent_missing', `延长调解期限须经各方当事人同意：尚缺${missing.map((p) => p.nameMask).join('、')}的同意`);
    for (const c of input.consents) notFuture('body.consents', c.at, now);
    return {
      set: { extDays: d.extDays + input.days },
      reason: input.reason,
      data: { days: input.days, consents: input.consents.map((c) => ({ partyId: c.partyId, how: c.how, at: c.at.toISOString() })) },
      audit: { days: input.days, consents: input.consents.length },
      clocks: { extend: { minutes: input.days * 1440, kinds: ['mediate_by'] } },
    };
  },
  async recordFailure(tx, ctx, actor, d, input, now) {
    notFuture('body.toldAt', input.toldAt, now);
    // The 终止告知书 with the legal routes (Art. 26).
    const doc = await storeIssued(tx, ctx, actor, d, input);
    return {
      set: { failureReason: input.reason, routesTold: input.routesTold, routesToldAt: input.toldAt, outcomeAt: now }, reason: input.reason,
      data: { routesTold: input.routesTold, toldAt: input.toldAt.toISOString(), ...(doc ? { documentId: doc.id } : {}) }, audit: doc ? { documentId: doc.id, sm3: doc.sm3 } : undefined,
    };
  },
  async refer(_tx, _ctx, _actor, d, input, now) {
    return { set: { referralTo: input.to, referralReceiver: input.receiver, referralAnswer: null, referralAnsweredAt: null, outcomeAt: d.outcomeAt ?? now }, reason: input.reason, data: { to: input.to, receiver: input.receiver } };
  },
  async recordReferralAnswer(_tx, _ctx, _actor, d, input, now) {
    notFuture('body.answeredAt', input.answeredAt, now);
    return {
      set: { referralAnswer: `${input.answer === 'accepted' ? '已接收' : '不予接收'}：${input.text}`, referralAnsweredAt: input.answeredAt },
      reason: input.text,
      data: { answer: input.answer, receiver: d.referralReceiver, answeredAt: input.answeredAt.toISOString() },
      clocks: { settle: ['referral_answer'] },
    };
  },
  async refuse(tx, _ctx, _actor, d, input, now) {
    const parties = await repo.partiesOf(tx, d);
    const party = parties.find((p) => p.id === input.partyId);
    if (!party) throw bad('body.partyId', 'unknown_party', input.partyId);
    return { set: { refusedByParty: party.id, refusalReason: input.reason, outcomeAt: now }, reason: input.reason, data: { party: party.nameMask, side: party.side } };
  },
  async urge(tx, _ctx, _actor, d, input) {
    return { set: {}, reason: input.note ?? null, notify: { userIds: await disputeStaff(tx, d), text: `督办：矛盾纠纷 ${d.code} ${input.note ?? '请抓紧调处'}` } };
  },
  async close(tx, _ctx, _actor, d, input, now) {
    const missing = missingFromFile(await fileFactsOf(tx, d));
    if (missing.length) throw bad('body', 'file_incomplete', `卷宗材料不全，不能结案：缺${missing.join('、')}`);
    // A closed dispute takes no more steps: the court's answer to an application must be in the file first.
    const a = await agreements.agreementOf(tx, d);
    if (d.status === 'agreed' && a && !a.effectiveAt) throw bad('body', 'not_effective', '调解协议尚未经各方签名、盖章生效，请补齐签署后再结案');
    if (a?.confirmationAppliedAt && !a.confirmationOutcome) throw bad('body', 'court_pending', '司法确认申请尚待人民法院答复，请记录法院的受理和裁定结果后再结案');
    return { set: { closedAt: now }, reason: input.note ?? null };
  },
  ...agreementEffects,
};
