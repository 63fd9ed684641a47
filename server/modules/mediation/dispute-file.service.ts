/**
 * The mediation file (调解卷宗): what it holds against the checklist (core/mediation/file-checklist.ts), and the
 * whole file as one PDF — cover and contents, the agreement, each session's record, the notices, the back cover —
 * rebuilt from the stored data with `mediationFile`, rendered off the request thread, its read audited.
 */
import { AppError } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import { checkFile, type FileFacts } from '../../../core/mediation/file-checklist.ts';
import { disputeCategoryLabels, type DisputeCategory } from '../../../core/mediation/categories.ts';
import { sessionRecordDoc } from '../../../core/mediation/session-record.ts';
import { buildDocument } from '../../../core/documents/templates.ts';
import { mediationFile } from '../../../core/documents/mediation-templates.ts';
import type { PdfDoc } from '../../../core/documents/pdf-doc.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { requirePermission } from '../../lib/access.ts';
import { renderOffThread } from '../../lib/pdf/pdf-renderer.ts';
import * as audit from '../audit/audit.service.ts';
import * as documents from '../documents/documents.service.ts';
import * as orgRepo from './organisation.repository.ts';
import * as repo from './mediation.repository.ts';
import * as agreements from './agreement.repository.ts';
import { canRead } from './mediation.policy.ts';
import { subjectOf, whoOf } from './dispute-people.ts';
import { agreementData, documentOfAction } from './agreement-document.ts';

/** What the dispute's file holds now. */
export async function fileFactsOf(ex: Executor, d: repo.DisputeRow): Promise<FileFacts> {
  const [docs, files, sessions] = await Promise.all([documents.listOf(ex, d.countyCode, 'dispute', d.id), agreements.filesOf(ex, d), repo.sessionsOf(ex, d)]);
  return { status: d.status, agreementForm: d.agreementForm, templates: docs.map((x) => x.template), uploadKinds: files.map((f) => f.kind), sessionRecords: sessions.filter((s) => s.heldAt && s.recordEnc).length };
}

/** The file's checklist (the card and the close button show it). */
export async function fileChecklistOf(ex: Executor, d: repo.DisputeRow) {
  return checkFile(await fileFactsOf(ex, d));
}

/**
 * GET /api/disputes/:code/file.pdf: the whole file as one PDF (personal data: audited, dispute:read + scope).
 * @throws NOT_FOUND (missing or not readable)
 */
export async function exportFile(ctx: AppContext, actor: Actor, code: string): Promise<{ bytes: Buffer; fileName: string }> {
  requirePermission(actor, 'dispute:read');
  const who = await whoOf(ctx.db, actor);
  const d = await repo.findByCode(ctx.db, code);
  if (!d || !canRead(who, await subjectOf(ctx.db, d))) throw new AppError('NOT_FOUND');
  const [a, terms, sessions, mediators, committee, events, parties] = await Promise.all([
    agreements.agreementOf(ctx.db, d), agreements.termsOf(ctx.db, d), repo.sessionsOf(ctx.db, d), repo.mediatorsOfDispute(ctx.db, d),
    orgRepo.committeeById(ctx.db, d.committeeId, d.countyCode), repo.eventsOf(ctx.db, d), repo.partiesOf(ctx.db, d),
  ]);
  const committeeName = committee?.name ?? '人民调解委员会';
  const at = (type: string) => events.find((e) => e.type === type)?.at ?? null;
  const parts: { title: string; date?: string; doc: PdfDoc }[] = [];
  // The notices and the agreement are rebuilt from what was stored, dated as issued.
  const accepted = at('accept');
  if (accepted) {
    const n = await documentOfAction(ctx.db, ctx.crypto, d, 'accept', {}, accepted);
    if (n) parts.push({ title: '人民调解权利义务告知书', date: cstDate(accepted), doc: buildDocument(n.template, n.data as never) });
  }
  for (const s of sessions.filter((x) => x.heldAt && x.recordEnc)) {
    parts.push({ title: '人民调解记录', date: cstDate(s.heldAt!), doc: sessionRecordDoc({ committee: committeeName, disputeCode: d.code, heldAt: s.heldAt!.toISOString(), record: ctx.crypto.decrypt(s.recordEnc!), attendees: s.partyIds.length, signedParties: s.signedPartyIds.length }) });
  }
  if (a?.form === 'written') {
    const data = await agreementData(ctx.db, ctx.crypto, d, { form: 'written', terms: d.agreementTerms ?? '', points: a.points ?? undefined, responsibility: a.responsibility ?? undefined, items: terms.map((t) => ({ content: t.content, manner: t.manner, place: t.place ?? undefined, deadline: t.deadline })) }, a.createdAt);
    parts.push({ title: '人民调解协议书', date: cstDate(a.createdAt), doc: buildDocument('mediation.agreement', { ...data, docNo: a.docNo ?? data.docNo }) });
  }
  const failed = at('recordFailure');
  if (failed && d.failureReason) {
    const n = await documentOfAction(ctx.db, ctx.crypto, d, 'recordFailure', { reason: d.failureReason, routesTold: d.routesTold ?? '', toldAt: d.routesToldAt }, failed);
    if (n) parts.push({ title: '人民调解终止告知书', date: cstDate(failed), doc: buildDocument(n.template, n.data as never) });
  }
  const names = parties.map((p) => ctx.crypto.decrypt(p.nameEnc));
  const category = disputeCategoryLabels[d.category as DisputeCategory] ?? d.category;
  const outcome = d.agreementForm ? `调解成功，达成${d.agreementForm === 'written' ? '书面' : '口头'}协议` : d.failureReason ? '调解不成，已告知法律途径' : d.referralTo ? '已移交' : d.refusedByParty ? '当事人拒绝调解' : '调解中';
  const cover = {
    committee: committeeName, disputeCode: d.code, fileNo: `${committeeName}调卷〔${cstDate(d.createdAt).slice(0, 4)}〕${d.code.slice(7)}号`,
    title: `${names.slice(0, 2).join('与')}${category}`, category, parties: names, mediators: mediators.map((r) => r.m.name),
    acceptedOn: cstDate(d.acceptedAt ?? d.createdAt), closedOn: cstDate(d.closedAt ?? ctx.clock.now()), outcome, retention: '长期' as const,
    contents: [{ title: '人民调解受理登记表', date: cstDate(d.createdAt) }, ...parts.map((p) => ({ title: p.title, date: p.date }))],
  };
  const { bytes } = await renderOffThread(mediationFile(cover, parts.map((p) => p.doc)));
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'dispute.exportFile', objectType: 'dispute', objectId: d.code, countyCode: d.countyCode, detail: { documents: parts.length, pages: null } }, actor.ip);
  return { bytes, fileName: `人民调解卷宗_${d.code}.pdf` };
}
