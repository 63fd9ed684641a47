/**
 * The effects of the agreement's actions: reaching it (a written one stores its rendered 调解协议书 sealed), each
 * signature or seal (effect at the last one: the 30-day confirmation window opens and the parties are texted),
 * judicial confirmation with the court's clocks, performance of each term and the follow-up visit, and uploads
 * filed in the mediation file. Values for the transition engine, which applies them in one transaction.
 */
import { AppError } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import { methodsOf, missingSigners, officialSigners } from '../../../core/mediation/agreement.ts';
import { COURT_EXTENSION_DAYS, confirmationRefusal } from '../../../core/mediation/judicial-confirmation.ts';
import { disputeClockKinds } from '../../../core/mediation/clock-kinds.ts';
import type { DisputeAction, DisputeVariant } from '../../../core/workflow/dispute-workflow.ts';
import type { Executor } from '../../db/client.ts';
import type { Effect, EffectFn } from '../../workflow/workflow-module.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import * as documents from '../documents/documents.service.ts';
import * as outbox from '../outbox/outbox.service.ts';
import { claimUploads } from '../uploads/uploads.service.ts';
import * as repo from './mediation.repository.ts';
import * as agreements from './agreement.repository.ts';
import { disputeStaff } from './dispute-people.ts';
import type { DisputeActionInput, DocumentExtra } from './dispute-effects.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';

type Fx<A extends DisputeAction> = EffectFn<repo.DisputeRow, DisputeVariant, DisputeAction, DisputeActionInput<A>>;
type Out = Effect<repo.DisputeRow, DisputeVariant, DisputeAction>;

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);
const keyOf = (d: repo.DisputeRow) => ({ type: 'dispute', id: d.id, countyCode: d.countyCode });
const notFuture = (path: string, at: Date, now: Date) => {
  if (at.getTime() > now.getTime() + 60_000) throw bad(path, 'future', '时间不能晚于现在');
};
/** The last day of a clock that ends at the start of `dueAt` (China time). */
const lastDay = (dueAt: string | Date) => cstDate(new Date(new Date(dueAt).getTime() - 1));

/** Texts every party with a phone (the phones stay encrypted until delivery). */
export async function smsParties(tx: Executor, d: repo.DisputeRow, text: string, now: Date): Promise<void> {
  for (const p of await repo.partiesOf(tx, d)) if (p.phoneEnc) await outbox.enqueue(tx, now, d.countyCode, { kind: 'sms', phoneEnc: p.phoneEnc, subject: { type: 'dispute', id: d.id, code: d.code }, text });
}

/** The agreement, or a refusal naming what is missing. */
async function agreementOrRefuse(tx: Executor, d: repo.DisputeRow, path: string) {
  const a = await agreements.agreementOf(tx, d);
  if (!a) throw bad(path, 'no_agreement', '尚未达成调解协议');
  return a;
}

/** An effective agreement (the window and the court's steps run from its effect). */
async function effectiveAgreement(tx: Executor, d: repo.DisputeRow, path: string) {
  const a = await agreementOrRefuse(tx, d, path);
  if (!a.effectiveAt) throw bad(path, 'not_effective', '调解协议尚未生效（各方当事人、调解员签名并加盖调委会印章后生效）');
  return a;
}

/** The agreement took effect now: the event, the parties told by SMS, and (unless never confirmable) the window. */
function takesEffect(d: repo.DisputeRow, statusMatter: string | null, now: Date): Pick<Out, 'clocks'> & { after: (tx: Executor) => Promise<void> } {
  const confirmable = !confirmationRefusal(statusMatter);
  const window = disputeClockKinds.confirmation_window.days;
  return {
    clocks: confirmable ? { open: ['confirmation_window'] } : undefined,
    after: async (tx) => {
      await agreements.updateAgreement(tx, d, { effectiveAt: now, updatedAt: now });
      await repo.insertEvent(tx, { countyCode: d.countyCode, disputeId: d.id, type: 'agreementEffective', actorId: 'system', actorName: 'system', actorRole: 'system', fromStatus: d.status, toStatus: 'agreed', reason: null, data: { effectiveAt: now.toISOString() }, isPublic: true, at: now });
      const confirm = confirmable ? `如需司法确认，双方可自生效之日起${window}日内共同向人民法院申请。` : '';
      await smsParties(tx, d, `您参与的纠纷（查询码${d.code}）的人民调解协议已于${cstDate(now)}生效，具有法律约束力，请按约履行。${confirm}`, now);
    },
  };
}

/**
 * Stores the document the service rendered for this action (sealed: it names the parties) in this transaction, its
 * SM3 going into the audit row; the file is written first (documents.store).
 */
export async function storeIssued(tx: Executor, ctx: AppContext, actor: Actor, d: repo.DisputeRow, input: DocumentExtra): Promise<documents.DocumentRef | null> {
  if (!input.rendered) return null;
  const doc = await documents.store(tx, ctx, actor, { countyCode: d.countyCode, regionCode: d.villageCode ?? d.committeeRegion, subjectType: 'dispute', subjectId: d.id, subjectCode: d.code, readPermission: 'dispute:read', personal: true, rendered: input.rendered });
  if (input.out) input.out.documentId = doc.id;
  return doc;
}

/** Per action of the agreement: what it changes and stores, whom it tells, which clocks it moves. */
export const agreementEffects: { [A in 'recordAgreement' | 'sign' | 'applyConfirmation' | 'recordCourtAcceptance' | 'extendCourtReview' | 'recordCourtDecision' | 'recordPerformance' | 'recordFollowUpVisit' | 'fileDocuments']: Fx<A> } = {
  async recordAgreement(tx, ctx, actor, d, input, now) {
    const written = input.form === 'written';
    if (written && !input.rendered) throw new Error('a written agreement is rendered before its transaction');
    const row: agreements.AgreementRow = {
      countyCode: d.countyCode, disputeId: d.id, form: input.form, docNo: input.docNo ?? null, documentId: null, points: input.points ?? null, responsibility: input.responsibility ?? null,
      statusMatter: input.statusMatter ?? null, effectiveAt: null, confirmationCourt: null, confirmationAppliedAt: null, confirmationCaseNo: null, confirmationAcceptedAt: null,
      confirmationExtendedBy: null, confirmationOutcome: null, confirmationDecidedAt: null, confirmationNote: null, createdAt: now, updatedAt: now,
    };
    const terms = input.items.map((t, i): agreements.TermRow => ({ countyCode: d.countyCode, disputeId: d.id, position: i, content: t.content, manner: t.manner, place: t.place ?? null, deadline: t.deadline, performance: null, performanceNote: null, performanceAt: null, createdAt: now }));
    const doc = await storeIssued(tx, ctx, actor, d, input);
    // An oral agreement takes effect when reached (Art. 30).
    const effect = written ? null : takesEffect(d, row.statusMatter, now);
    return {
      set: { agreementForm: input.form, agreementTerms: input.terms, outcomeAt: now },
      reason: input.note ?? null,
      data: { form: input.form, terms: terms.length, ...(doc ? { documentId: doc.id } : {}) },
      audit: doc ? { documentId: doc.id, sm3: doc.sm3 } : undefined,
      clocks: effect?.clocks,
      after: async (tx2) => {
        await agreements.insertAgreement(tx2, { ...row, documentId: doc?.id ?? null }, terms);
        if (effect) await effect.after(tx2);
      },
    };
  },
  async sign(tx, ctx, actor, d, input, now) {
    const a = await agreementOrRefuse(tx, d, 'body.signer');
    if (a.form !== 'written') throw bad('body.signer', 'oral_agreement', '口头协议自达成之日起生效，无需签名');
    const parties = await repo.partiesOf(tx, d);
    const party = parties.find((p) => p.id === input.signer);
    const kind = party ? 'party' : (officialSigners as readonly string[]).includes(input.signer) ? (input.signer as 'mediator' | 'committee') : null;
    if (!kind) throw bad('body.signer', 'unknown_party', input.signer);
    const who = party ? `当事人${party.nameMask}` : kind === 'mediator' ? '人民调解员' : '人民调解委员会';
    if (!methodsOf[kind].includes(input.method)) throw bad('body.method', 'method', `${who}不能以此方式签署`);
    const signed = await agreements.signaturesOf(tx, d);
    if (signed.some((s) => s.signer === input.signer)) throw bad('body.signer', 'already_signed', `${who}已签署，不能重复签署`);
    const missing = missingSigners(parties.map((p) => p.id), [...signed.map((s) => s.signer), input.signer]);
    const effect = missing.length ? null : takesEffect(d, a.statusMatter, now);
    return {
      set: {},
      reason: input.note ?? null,
      data: { signer: party ? party.nameMask : kind, side: party?.side ?? null, method: input.method, remaining: missing.length, effective: !missing.length },
      clocks: effect?.clocks,
      after: async (tx2) => {
        if (input.uploadId) {
          await claimUploads(tx2, ctx, [input.uploadId], { ownerType: 'dispute', countyCode: d.countyCode, maxPhotos: 1, maxVoice: 0 });
          await agreements.insertFiles(tx2, [{ countyCode: d.countyCode, disputeId: d.id, uploadId: input.uploadId, kind: 'signature', title: `${who}签名页`, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now }]);
        }
        if (!(await agreements.insertSignature(tx2, { countyCode: d.countyCode, disputeId: d.id, signer: input.signer, method: input.method, uploadId: input.uploadId ?? null, signedAt: now, recordedBy: actor.kind === 'user' ? actor.id : null }))) throw bad('body.signer', 'already_signed', `${who}已签署，不能重复签署`);
        if (effect) await effect.after(tx2);
      },
    };
  },
  async applyConfirmation(tx, _ctx, _actor, d, input, now) {
    const a = await agreementOrRefuse(tx, d, 'body');
    const refusal = confirmationRefusal(a.statusMatter);
    if (refusal) throw bad('body', 'not_confirmable', refusal);
    await effectiveAgreement(tx, d, 'body');
    if (a.confirmationAppliedAt) throw bad('body', 'already_applied', '已申请司法确认');
    notFuture('body.appliedAt', input.appliedAt, now);
    if (input.appliedAt < a.effectiveAt!) throw bad('body.appliedAt', 'before_effect', '申请日期不能早于协议生效日期');
    const window = (await clocks.clocksOf(tx, keyOf(d), now)).find((c) => c.kind === 'confirmation_window');
    const k = disputeClockKinds.confirmation_window;
    if (!window || input.appliedAt >= new Date(window.dueAt)) {
      throw bad('body.appliedAt', 'window_passed', `${k.label}已过：应自调解协议生效之日起${k.days}日内共同申请${window ? `（至${lastDay(window.dueAt)}）` : ''}`);
    }
    return {
      set: {},
      reason: input.note ?? null,
      data: { court: input.court, appliedAt: input.appliedAt.toISOString() },
      clocks: { settle: ['confirmation_window'], open: ['court_accept'], at: input.appliedAt },
      after: (tx2) => agreements.updateAgreement(tx2, d, { confirmationCourt: input.court, confirmationAppliedAt: input.appliedAt, updatedAt: now }),
    };
  },
  async recordCourtAcceptance(tx, _ctx, _actor, d, input, now) {
    const a = await agreementOrRefuse(tx, d, 'body');
    if (!a.confirmationAppliedAt || a.confirmationAcceptedAt || a.confirmationOutcome) throw bad('body', 'not_waiting', '没有等待法院受理的司法确认申请');
    notFuture('body.at', input.at, now);
    if (input.at < a.confirmationAppliedAt) throw bad('body.at', 'before_application', `法院受理或不予受理的日期不能早于申请日期（${cstDate(a.confirmationAppliedAt)}）`);
    if (!input.accepted) {
      return {
        set: {}, reason: input.reason ?? null, data: { accepted: false },
        clocks: { settle: ['court_accept'], at: input.at },
        after: (tx2) => agreements.updateAgreement(tx2, d, { confirmationOutcome: 'not_accepted', confirmationDecidedAt: input.at, confirmationNote: input.reason ?? null, updatedAt: now }),
      };
    }
    return {
      set: {}, reason: null, data: { accepted: true, caseNo: input.caseNo },
      clocks: { settle: ['court_accept'], open: ['court_decide'], at: input.at },
      after: (tx2) => agreements.updateAgreement(tx2, d, { confirmationCaseNo: input.caseNo ?? null, confirmationAcceptedAt: input.at, updatedAt: now }),
    };
  },
  async extendCourtReview(tx, _ctx, _actor, d, input, now) {
    const a = await agreementOrRefuse(tx, d, 'body');
    if (!a.confirmationAcceptedAt || a.confirmationOutcome) throw bad('body', 'not_waiting', '没有审查中的司法确认案件');
    if (a.confirmationExtendedBy) throw bad('body', 'already_extended', `审查期限已延长${COURT_EXTENSION_DAYS}日，不能再次延长`);
    return {
      set: {}, reason: input.note ?? null, data: { days: COURT_EXTENSION_DAYS, approvedBy: input.approvedBy },
      clocks: { extend: { minutes: COURT_EXTENSION_DAYS * 1440, kinds: ['court_decide'] } },
      after: (tx2) => agreements.updateAgreement(tx2, d, { confirmationExtendedBy: input.approvedBy, updatedAt: now }),
    };
  },
  async recordCourtDecision(tx, _ctx, _actor, d, input, now) {
    const a = await agreementOrRefuse(tx, d, 'body');
    if (!a.confirmationAcceptedAt || a.confirmationOutcome) throw bad('body', 'not_waiting', '没有审查中的司法确认案件');
    notFuture('body.decidedAt', input.decidedAt, now);
    if (input.decidedAt < a.confirmationAcceptedAt) throw bad('body.decidedAt', 'before_acceptance', `裁定日期不能早于法院受理日期（${cstDate(a.confirmationAcceptedAt)}）`);
    const text = input.outcome === 'confirmed' ? '人民法院裁定调解协议有效（可申请强制执行）' : '人民法院裁定驳回申请（协议无效或不予确认）';
    return {
      set: {}, reason: input.note ?? null, data: { outcome: input.outcome, caseNo: a.confirmationCaseNo },
      clocks: { settle: ['court_decide'], at: input.decidedAt },
      notify: { userIds: await disputeStaff(tx, d), text: `矛盾纠纷 ${d.code}：${text}` },
      after: (tx2) => agreements.updateAgreement(tx2, d, { confirmationOutcome: input.outcome, confirmationDecidedAt: input.decidedAt, confirmationNote: input.note ?? null, updatedAt: now }),
    };
  },
  async recordPerformance(tx, ctx, actor, d, input, now) {
    await effectiveAgreement(tx, d, 'body.term');
    const term = (await agreements.termsOf(tx, d)).find((t) => t.position === input.term);
    if (!term) throw bad('body.term', 'unknown_term', `协议没有第${input.term + 1}项`);
    return {
      set: {}, reason: input.note ?? null, data: { term: input.term, result: input.result, deadline: term.deadline },
      // Not (fully) performed: the mediators are asked to visit (回访) and urge it or tell the remedies.
      notify: input.result === 'performed' ? undefined : { userIds: await disputeStaff(tx, d), text: `矛盾纠纷 ${d.code} 协议第${input.term + 1}项${input.result === 'partly' ? '部分履行' : '未履行'}，请回访督促履行或告知诉讼、强制执行途径` },
      after: async (tx2) => {
        await agreements.updateTerm(tx2, d, input.term, { performance: input.result, performanceNote: input.note ?? null, performanceAt: now });
        if (input.proofUploadIds.length) {
          await claimUploads(tx2, ctx, input.proofUploadIds, { ownerType: 'dispute', countyCode: d.countyCode, maxPhotos: 9, maxVoice: 0 });
          await agreements.insertFiles(tx2, input.proofUploadIds.map((id) => ({ countyCode: d.countyCode, disputeId: d.id, uploadId: id, kind: 'performance', title: `协议第${input.term + 1}项履行凭证`, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now })));
        }
      },
    };
  },
  async recordFollowUpVisit(tx, _ctx, _actor, d, input, now) {
    await effectiveAgreement(tx, d, 'body');
    const terms = await agreements.termsOf(tx, d);
    if (input.term !== undefined && !terms.some((t) => t.position === input.term)) throw bad('body.term', 'unknown_term', `协议没有第${input.term + 1}项`);
    const visitedAt = input.visitedAt ?? now;
    notFuture('body.visitedAt', visitedAt, now);
    const told = input.outcome === 'told_remedies';
    return {
      set: {}, reason: input.note, data: { term: input.term ?? null, outcome: input.outcome, visitedAt: visitedAt.toISOString() },
      after: (tx2) => smsParties(tx2, d, told
        ? `您参与的纠纷（查询码${d.code}）的调解协议未履行，对方可就履行或协议内容向人民法院提起诉讼；经司法确认的协议可申请强制执行。`
        : `您参与的纠纷（查询码${d.code}）的调解协议尚未履行完毕，请按约定履行。`, now),
    };
  },
  async fileDocuments(_tx, ctx, actor, d, input, now) {
    return {
      set: {}, reason: input.title ?? null, data: { kind: input.kind, count: input.uploadIds.length },
      after: async (tx2) => {
        const files = await claimUploads(tx2, ctx, input.uploadIds, { ownerType: 'dispute', countyCode: d.countyCode, maxPhotos: 9, maxVoice: 0 });
        await agreements.insertFiles(tx2, files.map((f) => ({ countyCode: d.countyCode, disputeId: d.id, uploadId: f.id, kind: input.kind, title: input.title ?? null, createdBy: actor.kind === 'user' ? actor.id : null, createdAt: now })));
      },
    };
  },
};
