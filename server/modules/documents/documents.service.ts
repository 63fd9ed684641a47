/**
 * Written documents of any record (petitions' notices today, mediation's later): rendered to PDF off the request
 * thread from a template and its data, stored in the file store (encrypted at rest) with the SM3 of the exact bytes
 * in the audit chain, downloaded through an audited read, and served (送达) with proof — the dates review windows
 * run from. Modules call this service; the permission to act on their record is theirs to check.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import type { Permission } from '../../../core/roles.ts';
import { buildDocument, documentReadPermissions, templateTitles, type TemplateData as AllTemplateData, type TemplateId as AnyTemplateId } from '../../../core/documents/templates.ts';
import type { Executor } from '../../db/client.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Actor } from '../../lib/actor.ts';
import { foundOrMissing, holds, requireAnyPermission, scopePrefix } from '../../lib/access.ts';
import { renderOffThread } from '../../lib/pdf/pdf-renderer.ts';
import * as audit from '../audit/audit.service.ts';
import { claimUploads } from '../uploads/uploads.service.ts';
import * as repo from './documents.repository.ts';

export type TemplateId = AnyTemplateId;
/** One typed data shape per template (core/documents/). */
export type TemplateData = AllTemplateData;

/** A rendered document, not yet stored. */
export interface Rendered {
  template: TemplateId;
  bytes: Buffer;
  sm3: string;
  pages: number;
}

/** A stored document as its record lists it. */
export interface DocumentRef {
  id: string;
  template: TemplateId;
  title: string;
  sm3: string;
  fileName: string;
  createdAt: Date;
}

/** A delivery to record. */
export interface ServiceInput {
  countyCode: string;
  documentId: string;
  method: 'in_person' | 'post' | 'sms_link';
  servedAt: Date;
  trackingNo?: string | null;
  proofUploadIds?: string[];
  note?: string | null;
}

/** SM3 of bytes, hex. */
const sm3Of = (bytes: Uint8Array) => createHash('sm3').update(bytes).digest('hex');

/**
 * Renders off the request thread (a worker); call BEFORE the transaction.
 * @throws VALIDATION_FAILED naming a character no font has; UNAVAILABLE when the main font is not installed
 */
export async function render<T extends TemplateId>(_ctx: AppContext, template: T, data: TemplateData[T]): Promise<Rendered> {
  const { bytes, pages } = await renderOffThread(buildDocument(template, data));
  return { template, bytes, sm3: sm3Of(bytes), pages };
}

/** What a download is called: the title and the record's code (file-name safe). */
const fileNameOf = (title: string, subjectCode: string) => `${title}_${subjectCode.replace(/[^0-9A-Za-z-]/g, '')}.pdf`;

/**
 * Stores a rendered document inside the caller's transaction (encrypted when personal) and appends its audit row
 * with the SM3 hash. The file is written first: a transaction rolled back afterwards leaves an encrypted file no
 * row names, never a row without its file.
 */
export async function store(
  tx: Executor,
  ctx: AppContext,
  actor: Actor,
  input: { countyCode: string; regionCode: string; subjectType: string; subjectId: string; subjectCode: string; readPermission: Permission; personal: boolean; rendered: Rendered },
): Promise<DocumentRef> {
  const { rendered: r } = input;
  if (!documentReadPermissions.includes(input.readPermission)) throw new Error(`documents cannot be read under ${input.readPermission}: add it to documentReadPermissions`);
  if (!/^\d{12}$/.test(input.regionCode) || !input.regionCode.startsWith(input.countyCode)) throw new Error(`region ${input.regionCode} is not a region of county ${input.countyCode}`);
  if (sm3Of(r.bytes) !== r.sm3) throw new Error('rendered bytes do not match their SM3');
  const id = randomUUID();
  const now = ctx.clock.now();
  const title = templateTitles[r.template];
  const storageKey = `documents/${input.countyCode}/${now.toISOString().slice(0, 7)}/${id}.pdf`;
  // The file store seals every file with SM4-GCM (storage.ts encryptedStorage), so a personal document is never
  // on disk in clear; `personal` is kept so readers and exports can tell what a document holds.
  await ctx.storage.put(storageKey, r.bytes);
  const row: repo.DocumentRow = {
    countyCode: input.countyCode, id, regionCode: input.regionCode, subjectType: input.subjectType, subjectId: input.subjectId, subjectCode: input.subjectCode,
    template: r.template, title, fileName: fileNameOf(title, input.subjectCode), readPermission: input.readPermission, personal: input.personal,
    storageKey, size: r.bytes.length, pages: r.pages, sm3: r.sm3, createdBy: actor.id, createdAt: now,
  };
  await repo.insertDocument(tx, row);
  await audit.record(tx, ctx, actor, { action: 'document.create', objectType: 'document', objectId: id, countyCode: input.countyCode, detail: { template: r.template, sm3: r.sm3, subjectType: input.subjectType, subjectCode: input.subjectCode, pages: r.pages, size: r.bytes.length } }, actor.ip);
  return refOf(row);
}

function refOf(row: repo.DocumentRow): DocumentRef {
  return { id: row.id, template: row.template as TemplateId, title: row.title, sm3: row.sm3, fileName: row.fileName, createdAt: row.createdAt };
}

/** Proof files a service record may hold (scans of a signed receipt or a return slip, photographed). */
const maxProofs = 9;

/**
 * Records how and when a document was delivered, with proof (a signed receipt or a return slip upload).
 * @throws NOT_FOUND (no such document in the county), VALIDATION_FAILED (post without a tracking number, a time in
 * the future or before the document existed), UPLOAD_REJECTED (proof files)
 */
export async function recordService(tx: Executor, ctx: AppContext, actor: Actor, input: ServiceInput): Promise<{ id: string; servedAt: Date }> {
  const doc = foundOrMissing(await repo.documentOf(tx, input.countyCode, input.documentId));
  const now = ctx.clock.now();
  const trackingNo = input.trackingNo?.trim() || null;
  const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);
  if (input.method === 'post' && !trackingNo) throw bad('body.trackingNo', 'required', '邮寄送达须填写挂号信或快递的单号');
  // A minute of slack for clocks between a phone and the server.
  if (input.servedAt.getTime() > now.getTime() + 60_000) throw bad('body.servedAt', 'future', '送达时间不能晚于现在');
  if (input.servedAt.getTime() < doc.createdAt.getTime()) throw bad('body.servedAt', 'before_document', '送达时间不能早于文书生成时间');
  const proofs = await claimUploads(tx, ctx, input.proofUploadIds ?? [], { ownerType: 'document_service', countyCode: input.countyCode, maxPhotos: maxProofs, maxVoice: 0 });
  const id = randomUUID();
  await repo.insertService(tx, {
    countyCode: input.countyCode, id, documentId: doc.id, method: input.method, servedAt: input.servedAt, trackingNo,
    proofUploadIds: proofs.map((p) => p.id), note: input.note?.trim() || null, recordedBy: actor.id, recordedAt: now,
  });
  await audit.record(tx, ctx, actor, { action: 'document.serve', objectType: 'document', objectId: doc.id, countyCode: input.countyCode, detail: { serviceId: id, method: input.method, servedAt: input.servedAt.toISOString(), trackingNo, proofs: proofs.length, subjectCode: doc.subjectCode } }, actor.ip);
  return { id, servedAt: input.servedAt };
}

/** A subject's documents with their service records, newest first. */
export async function listOf(ex: Executor, countyCode: string, subjectType: string, subjectId: string): Promise<(DocumentRef & { services: { id: string; method: string; servedAt: Date; trackingNo: string | null; proofUploadIds: string[] }[] })[]> {
  const docs = await repo.documentsOfSubject(ex, countyCode, subjectType, subjectId);
  const services = await repo.servicesOf(ex, countyCode, docs.map((d) => d.id));
  return docs.map((d) => ({
    ...refOf(d),
    services: services.filter((s) => s.documentId === d.id).map((s) => ({ id: s.id, method: s.method, servedAt: s.servedAt, trackingNo: s.trackingNo, proofUploadIds: s.proofUploadIds })),
  }));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A document's file for a reader: in their scope and readable under its permission (otherwise answered exactly like
 * a missing one), its bytes checked against the stored SM3, and the read audited with that hash.
 * @throws NOT_FOUND, FORBIDDEN (no document permission at all)
 */
export async function downloadDocument(ctx: AppContext, actor: Actor, id: string): Promise<{ bytes: Buffer; fileName: string }> {
  requireAnyPermission(actor, documentReadPermissions);
  const row = foundOrMissing(uuidPattern.test(id) ? await repo.documentInScope(ctx.db, id, scopePrefix(actor)) : undefined);
  if (!holds(actor, row.readPermission as Permission)) throw new AppError('NOT_FOUND');
  const bytes = await ctx.storage.get(row.storageKey);
  // A file changed behind the database's back is refused, not handed out as the document that was audited.
  if (sm3Of(bytes) !== row.sm3) throw new Error(`document ${row.id}: stored file does not match its SM3`);
  await ctx.db.transaction((tx) => audit.record(tx, ctx, actor, { action: 'document.download', objectType: 'document', objectId: row.id, countyCode: row.countyCode, detail: { template: row.template, sm3: row.sm3, subjectCode: row.subjectCode } }, actor.ip));
  return { bytes, fileName: row.fileName };
}
