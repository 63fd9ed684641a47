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
import * as outbox from '../outbox/outbox.service.ts';
import * as repo from './documents.repository.ts';

declare module '../outbox/outbox.service.ts' {
  interface OutboxMessages {
    /** After commit: a stored document's pending file gets its final key. */
    documentFile: { from: string; to: string };
  }
}

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

/** Where a document's file waits until its row commits: the write time in the key lets the purge judge its age. */
const pendingPrefix = 'pending/documents/';
const pendingKeyOf = (countyCode: string, id: string, at: Date) => `${pendingPrefix}${countyCode}/${at.getTime()}-${id}.pdf`;

/**
 * Stores a rendered document inside the caller's transaction (encrypted when personal) and appends its audit row
 * with the SM3 hash. The file is written first under a pending key, and the outbox (in the same transaction) gives
 * it its final key after the commit: a rollback leaves only a pending file, which the hourly purge deletes after a
 * day, never a final file no row names nor a row without its file (reads fall back to the pending key meanwhile).
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
  const pendingKey = pendingKeyOf(input.countyCode, id, now);
  await ctx.storage.put(pendingKey, r.bytes);
  const row: repo.DocumentRow = {
    countyCode: input.countyCode, id, regionCode: input.regionCode, subjectType: input.subjectType, subjectId: input.subjectId, subjectCode: input.subjectCode,
    template: r.template, title, fileName: fileNameOf(title, input.subjectCode), readPermission: input.readPermission, personal: input.personal,
    storageKey, size: r.bytes.length, pages: r.pages, sm3: r.sm3, createdBy: actor.id, createdAt: now,
  };
  await repo.insertDocument(tx, row);
  await outbox.enqueue(tx, now, input.countyCode, { kind: 'documentFile', from: pendingKey, to: storageKey });
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
  const bytes = await fileOf(ctx, row);
  // A file changed behind the database's back is refused, not handed out as the document that was audited.
  if (sm3Of(bytes) !== row.sm3) throw new Error(`document ${row.id}: stored file does not match its SM3`);
  await ctx.db.transaction((tx) => audit.record(tx, ctx, actor, { action: 'document.download', objectType: 'document', objectId: row.id, countyCode: row.countyCode, detail: { template: row.template, sm3: row.sm3, subjectCode: row.subjectCode } }, actor.ip));
  return { bytes, fileName: row.fileName };
}

/**
 * Seals every stored document under the current key (`anwang files seal`, after a key rotation and before the old
 * key is dropped); says how many were under an older key and how many files were missing.
 */
export async function sealDocumentFiles(ctx: AppContext, onProgress?: (done: number) => void): Promise<{ files: number; oldKey: number; missing: number }> {
  const reseal = ctx.storage.reseal?.bind(ctx.storage);
  if (!reseal) throw new Error('the file store does not encrypt');
  const r = { files: 0, oldKey: 0, missing: 0 };
  for (let after: { countyCode: string; id: string } | null = null; ; ) {
    const batch = await repo.storageKeysAfter(ctx.db, after, 500);
    if (!batch.length) return r;
    for (const d of batch) {
      r.files++;
      const was = await reseal(d.storageKey).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return reseal(pendingKeyOf(d.countyCode, d.id, d.createdAt));
        throw e;
      }).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return 'missing' as const;
        throw e;
      });
      if (was === 'old-key' || was === 'plain') r.oldKey++;
      else if (was === 'missing') r.missing++;
    }
    after = batch[batch.length - 1]!;
    onProgress?.(r.files);
  }
}

/** A document's bytes: under its final key, or still under its pending one when the outbox has not moved it yet. */
async function fileOf(ctx: AppContext, row: Pick<repo.DocumentRow, 'countyCode' | 'id' | 'storageKey' | 'createdAt'>): Promise<Buffer> {
  try {
    return await ctx.storage.get(row.storageKey);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    return ctx.storage.get(pendingKeyOf(row.countyCode, row.id, row.createdAt));
  }
}

// After commit: the pending file takes its final key. A retry after a move that was done finds the final file there.
outbox.registerDeliverer('documentFile', async (ctx, _tx, msg) => {
  await ctx.storage.move(msg.from, msg.to).catch(async (e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
    await ctx.storage.get(msg.to);
  });
});

const DAY = 86_400_000;

/**
 * Hourly upkeep: pending document files older than a day. One whose row committed (its move never ran) is made
 * final; one with no row (its transaction rolled back) is deleted. Returns how many were deleted.
 */
export async function purgePendingDocuments(ctx: AppContext): Promise<number> {
  const before = ctx.clock.now().getTime() - DAY;
  let deleted = 0;
  for (const key of await ctx.storage.list(pendingPrefix)) {
    const m = /^pending\/documents\/(\d{6})\/(\d+)-([0-9a-f-]{36})\.pdf$/.exec(key);
    if (!m || Number(m[2]) >= before) continue;
    const row = await repo.documentOf(ctx.db, m[1]!, m[3]!);
    if (row) await ctx.storage.move(key, row.storageKey);
    else {
      await ctx.storage.delete(key);
      deleted++;
    }
  }
  return deleted;
}
