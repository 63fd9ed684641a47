/**
 * The petition workflow's effects table: per action, the columns it changes, the document it stores (rendered
 * before the transaction by petition-actions.service.ts), the event's reason and data, whom it tells, and which
 * clocks it moves — returned as values for the transition engine, which applies them in one transaction.
 */
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import type { PetitionAction, PetitionVariant } from '../../../core/workflow/petition-workflow.ts';
import type { petitionActionSchemas } from '../../../core/schemas/petitions.schema.ts';
import { petitionClockKinds } from '../../../core/petitions/clock-kinds.ts';
import { servedTemplates } from '../../../core/petitions/document-data.ts';
import { cstDate } from '../../../core/calendar.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Effect, EffectFn } from '../../workflow/workflow-module.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as documents from '../documents/documents.service.ts';
import * as outbox from '../outbox/outbox.service.ts';
import * as users from '../users/users.service.ts';
import { bodyStaff, officeStaff, resolveBody } from './petition-bodies.ts';
import * as repo from './petitions.repository.ts';
import { bodyRegionOf } from './petitions.policy.ts';

/** What the service adds to an action's body: the document it rendered before the transaction. */
export interface Extra {
  rendered?: documents.Rendered;
  /** Filled in by the effect: the stored document's id. */
  out?: { documentId?: string };
  /** Renders' inputs the effect repeats in its event (the body names at render time). */
  issuer?: string;
}
/** The validated body of an action, with the service's extras. */
export type PetitionActionInput<A extends PetitionAction> = z.infer<(typeof petitionActionSchemas)[A]> & Extra;
type Fx<A extends PetitionAction> = EffectFn<repo.PetitionRow, PetitionVariant, PetitionAction, PetitionActionInput<A>>;
type Out = Effect<repo.PetitionRow, PetitionVariant, PetitionAction>;

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);
const keyOf = (p: repo.PetitionRow) => ({ type: 'petition', id: p.id, countyCode: p.countyCode });
const subjectOf = (p: repo.PetitionRow) => ({ type: 'petition', id: p.id, code: p.code });

/** Texts every petitioner with a phone receives (the phones stay encrypted until delivery). */
export async function smsPetitioners(tx: Executor, p: repo.PetitionRow, text: string, now: Date): Promise<void> {
  for (const person of await repo.petitionersOf(tx, p)) if (person.phoneEnc) await outbox.enqueue(tx, now, p.countyCode, { kind: 'sms', phoneEnc: person.phoneEnc, subject: subjectOf(p), text });
}

/** Stores the rendered document of this action (if any) in the transaction; the SM3 goes into the audit event. */
async function storeDocument(tx: Executor, ctx: AppContext, actor: Actor, p: repo.PetitionRow, input: Extra): Promise<{ id: string; sm3: string; template: string; served: boolean } | null> {
  if (!input.rendered) return null;
  const ref = await documents.store(tx, ctx, actor, {
    countyCode: p.countyCode,
    regionCode: p.villageCode ?? p.officeRegion,
    subjectType: 'petition',
    subjectId: p.id,
    subjectCode: p.code,
    readPermission: 'petition:read',
    // Every petition document names the petitioner or their matter.
    personal: true,
    rendered: input.rendered,
  });
  if (input.out) input.out.documentId = ref.id;
  return { id: ref.id, sm3: ref.sm3, template: ref.template, served: servedTemplates.includes(ref.template) };
}

/** A document-issuing effect's common part: store, remember what waits for service, audit the hash. */
async function withDocument(tx: Executor, ctx: AppContext, actor: Actor, p: repo.PetitionRow, input: Extra, out: Out): Promise<Out> {
  const doc = await storeDocument(tx, ctx, actor, p, input);
  if (!doc) return out;
  return {
    ...out,
    set: { ...out.set, ...(doc.served ? { unservedDocumentId: doc.id } : {}) },
    data: { ...out.data, documentId: doc.id, template: doc.template },
    audit: { ...out.audit, documentId: doc.id, sm3: doc.sm3 },
  };
}

/** The open clock of a kind, if any. */
async function openClock(tx: Executor, p: repo.PetitionRow, kind: string) {
  return (await clocks.clocksOf(tx, keyOf(p), new Date(0))).find((c) => c.kind === kind && c.state !== 'met' && c.state !== 'cancelled');
}

/** Cancels the objection clock: once the body accepted, refused or objected, the 5 working days are moot. */
const cancelObjection = (p: repo.PetitionRow, now: Date) => async (tx: Executor) => {
  await clocks.settleClocks(tx, keyOf(p), ['objection_by'], now, true);
};

/** A request for 复查/复核 within its window (counted from service), else refused naming the window. */
async function requireWithinWindow(tx: Executor, p: repo.PetitionRow, kind: 'review_window' | 're_review_window', at: Date, now: Date): Promise<void> {
  const c = await openClock(tx, p, kind);
  const k = petitionClockKinds[kind];
  if (at.getTime() > now.getTime() + 60_000) throw bad('body.requestedAt', 'future', '申请时间不能晚于现在');
  if (!c || at >= new Date(c.dueAt)) {
    const until = c ? `（至${cstDate(new Date(new Date(c.dueAt).getTime() - 1))}）` : '';
    throw bad('body.requestedAt', 'window_passed', `${k.label}已过：应自${kind === 'review_window' ? '答复意见书' : '复查意见书'}送达之日起${k.days}日内提出${until}`);
  }
}

/** Per action: what it changes, what it stores, whom it tells, which clocks it moves. */
export const petitionEffects: { [A in PetitionAction]: Fx<A> } = {
  async transfer(tx, ctx, actor, p, input) {
    const body = await resolveBody(tx, p.countyCode, input.to);
    if (body.bodyRegionCode === p.officeRegion) throw bad('body.to.regionCode', 'own_office', '不能转送给本机关');
    return withDocument(tx, ctx, actor, p, input, {
      set: { ...body, reportBy: null },
      reason: input.note ?? null,
      data: { to: body.bodyName, mode: 'transfer' },
      notify: { userIds: await bodyStaff(tx, body), text: `信访事项 ${p.code} 已转送本单位，请于15日内书面告知信访人或于5个工作日内提出异议` },
      after: (tx2) => smsPetitioners(tx2, p, `您的信访事项(编号${p.code})已转送${body.bodyName}办理。`, ctx.clock.now()),
    });
  },
  async assign(tx, ctx, actor, p, input) {
    const body = await resolveBody(tx, p.countyCode, input.to);
    if (body.bodyRegionCode === p.officeRegion) throw bad('body.to.regionCode', 'own_office', '不能交办给本机关');
    if (input.reportBy <= cstDate(ctx.clock.now())) throw bad('body.reportBy', 'past', '报送结果日期应晚于今天');
    return withDocument(tx, ctx, actor, p, input, {
      set: { ...body, reportBy: input.reportBy },
      reason: input.note ?? null,
      data: { to: body.bodyName, mode: 'assign', reportBy: input.reportBy },
      notify: { userIds: await bodyStaff(tx, body), text: `信访事项 ${p.code} 已交办本单位，请于${input.reportBy}前报送办理结果` },
      after: (tx2) => smsPetitioners(tx2, p, `您的信访事项(编号${p.code})已交由${body.bodyName}办理。`, ctx.clock.now()),
    });
  },
  async handOver(_tx, _ctx, _actor, _p, input) {
    return { set: { bodyDepartmentId: null, bodyRegionCode: null, bodyName: input.to }, reason: input.note ?? null, data: { to: input.to } };
  },
  async notAccept(tx, ctx, actor, p, input, now) {
    return withDocument(tx, ctx, actor, p, input, {
      set: { notAcceptGround: input.ground, notAcceptReason: input.reason, steerTo: input.steerTo ?? null },
      reason: input.reason,
      data: { ground: input.ground, steerTo: input.steerTo ?? null },
      after: cancelObjection(p, now),
    });
  },
  async accept(tx, ctx, actor, p, input, now) {
    if (p.kind === 'accusation') throw bad('body', 'accusation', '检举控告类事项应移交纪检监察机关，不在此受理');
    // The office handling a matter of its own remit becomes the body that replies.
    const self = p.status === 'registered' ? { bodyDepartmentId: null, bodyRegionCode: p.officeRegion, bodyName: input.issuer ?? p.bodyName } : {};
    return withDocument(tx, ctx, actor, p, input, {
      set: { ...self, acceptedAt: now },
      reason: input.note ?? null,
      data: { body: self.bodyName ?? p.bodyName },
      after: async (tx2) => {
        await cancelObjection(p, now)(tx2);
        await smsPetitioners(tx2, p, `您的信访事项(编号${p.code})已受理，将自受理之日起60日内办结，可凭编号查询进度。`, now);
      },
    });
  },
  async object(tx, _ctx, _actor, p, input, now) {
    const c = await openClock(tx, p, 'objection_by');
    // 5 working days from receipt: on the sixth the body can no longer send it back.
    if (!c || now >= new Date(c.dueAt)) throw bad('body.reason', 'objection_window_passed', `异议期限已过：应自收到之日起${petitionClockKinds.objection_by.days}个工作日内提出`);
    return {
      set: { bodyDepartmentId: null, bodyRegionCode: null, bodyName: null, reportBy: null },
      reason: input.reason,
      data: { from: p.bodyName },
      notify: { userIds: await officeStaff(tx, p.officeRegion), text: `${p.bodyName ?? ''}对信访事项 ${p.code} 提出异议，已退回，请重新转送或交办` },
      after: cancelObjection(p, now),
    };
  },
  async requestExtension(tx, _ctx, actor, p, input) {
    return {
      set: { extDays: input.days, extReason: input.reason, extRequestedBy: actor.id === 'system' ? null : actor.id },
      reason: input.reason,
      data: { days: input.days },
      notify: { userIds: await users.staffIdsAt(tx, bodyRegionOf(p), ['leader']), text: `信访事项 ${p.code} 申请延期${input.days}日，待批准` },
    };
  },
  async approveExtension(_tx, ctx, actor, p, input, now) {
    // Only a pending request can be approved (the policy hides the action otherwise; a direct call lands here).
    if (p.extDays === null || p.extApprovedBy !== null) throw new AppError('INVALID_TRANSITION');
    const days = p.extDays;
    return {
      set: { extApprovedBy: actor.id, extApprovedAt: now },
      reason: input.note ?? null,
      data: { days, approvedBy: actor.name },
      audit: { days, approvedBy: actor.id },
      clocks: { extend: { minutes: days * 1440, kinds: ['conclude_by'] } },
      // The 条例 requires telling the petitioner why.
      after: (tx2) => smsPetitioners(tx2, p, `您的信访事项(编号${p.code})因${p.extReason ?? '情况复杂'}，经批准办理期限延长${days}日。`, ctx.clock.now()),
    };
  },
  async conclude(tx, ctx, actor, p, input, now) {
    return withDocument(tx, ctx, actor, p, input, { set: { repliedAt: now }, data: { body: p.bodyName } });
  },
  async serve(tx, ctx, actor, p, input) {
    const documentId = input.documentId ?? p.unservedDocumentId;
    if (!documentId || documentId !== p.unservedDocumentId) throw bad('body.documentId', 'not_waiting', '该文书无需或已经送达');
    const s = await documents.recordService(tx, ctx, actor, { countyCode: p.countyCode, documentId, method: input.method, servedAt: input.servedAt, trackingNo: input.trackingNo ?? null, proofUploadIds: input.proofUploadIds, note: input.note ?? null });
    // 复查/复核 windows run from the service itself, not from when it was recorded.
    const window = p.kind === 'complaint' ? (p.status === 'replied' ? 'review_window' : p.status === 'reviewed' ? 're_review_window' : null) : null;
    const closes = p.status === 'not_accepted' || p.status === 're_reviewed' || (p.status === 'replied' && p.kind === 'suggestion');
    return {
      set: { unservedDocumentId: null, servedAt: s.servedAt },
      data: { documentId, method: input.method, servedAt: s.servedAt.toISOString(), trackingNo: input.trackingNo ?? null },
      after: window
        ? async (tx2) => {
            const k = petitionClockKinds[window];
            await clocks.openClocks(tx2, keyOf(p), [{ kind: window, limit: k.days, rules: k.rules }], await catalog.workCalendar(ctx, tx2, p.countyCode), s.servedAt);
          }
        : undefined,
      followOn: closes ? [{ action: 'close', input: { note: '送达后办结' } }] : [],
    };
  },
  async requestReview(tx, _ctx, _actor, p, input, now) {
    await requireWithinWindow(tx, p, 'review_window', input.requestedAt ?? now, now);
    const body = await resolveBody(tx, p.countyCode, input.to);
    return { set: { ...body, servedAt: null }, reason: input.reason, data: { to: body.bodyName, from: p.bodyName, requestedAt: (input.requestedAt ?? now).toISOString() }, notify: { userIds: await bodyStaff(tx, body), text: `信访事项 ${p.code} 申请复查，请于30日内出具复查意见` } };
  },
  async concludeReview(tx, ctx, actor, p, input) {
    return withDocument(tx, ctx, actor, p, input, { set: {}, data: { body: p.bodyName } });
  },
  async requestReReview(tx, _ctx, _actor, p, input, now) {
    await requireWithinWindow(tx, p, 're_review_window', input.requestedAt ?? now, now);
    const body = await resolveBody(tx, p.countyCode, input.to);
    return { set: { ...body, servedAt: null }, reason: input.reason, data: { to: body.bodyName, from: p.bodyName, requestedAt: (input.requestedAt ?? now).toISOString() }, notify: { userIds: await bodyStaff(tx, body), text: `信访事项 ${p.code} 申请复核，请于30日内出具复核意见（听证时间不计入）` } };
  },
  async startHearing(_tx, _ctx, _actor, _p, input, now) {
    return { set: { hearingStartedAt: now }, reason: input.note ?? null, clocks: { pause: true } };
  },
  async endHearing(_tx, _ctx, _actor, p, input, now) {
    const days = Math.round((now.getTime() - (p.hearingStartedAt ?? now).getTime()) / 86_400_000);
    return { set: { hearingStartedAt: null, hearingDays: p.hearingDays + days }, reason: input.note ?? null, data: { days }, clocks: { resume: true } };
  },
  async concludeReReview(tx, ctx, actor, p, input, now) {
    return withDocument(tx, ctx, actor, p, input, { set: { finalAt: now }, data: { body: p.bodyName } });
  },
  async urge(tx, _ctx, _actor, p, input) {
    const ids = p.status === 'registered' ? await officeStaff(tx, p.officeRegion) : await bodyStaff(tx, p);
    return { set: {}, reason: input.note ?? null, notify: { userIds: ids, text: `督办：信访事项 ${p.code} ${input.note ?? '请抓紧办理'}` } };
  },
  async close(tx, _ctx, actor, p, input, now) {
    // Staff close a complaint's reply only once its review window lapsed (the scheduler does it then anyway).
    if (actor.kind !== 'system' && p.kind === 'complaint' && (p.status === 'replied' || p.status === 'reviewed')) {
      const c = await openClock(tx, p, p.status === 'replied' ? 'review_window' : 're_review_window');
      if (c && now < new Date(c.dueAt)) throw bad('body', 'window_open', '复查（复核）申请期限未满，不能办结');
    }
    return { set: { closedAt: now }, reason: input.note ?? null };
  },
};
