/**
 * Photos and voice notes: uploaded one by one before the report (weak connections), checked by content,
 * stripped of location metadata, stored through the storage interface, then claimed by one case.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { imageSize, sniff, stripMetadata } from '../../lib/media.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as repo from './cases.repository.ts';

export const uploadLimits = { photoBytes: 10 * 1024 * 1024, voiceBytes: 5 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 10_000, photosPerCase: 9, voicePerCase: 1 } as const;

/** Stores one uploaded file. @throws UPLOAD_REJECTED naming the reason (type, size, dimensions) */
export async function storeUpload(ctx: AppContext, bytes: Uint8Array) {
  const type = sniff(bytes);
  if (!type) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'unsupported_type', message: '只接受 JPEG/PNG/WebP 图片和 AMR/MP3/M4A/OGG/WebM/WAV 录音' }]);
  const limit = type.kind === 'photo' ? uploadLimits.photoBytes : uploadLimits.voiceBytes;
  if (bytes.length > limit) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'too_large', message: `最大 ${limit / 1024 / 1024} MB` }]);
  let data = bytes;
  if (type.kind === 'photo') {
    const size = imageSize(bytes);
    // A tiny file can claim a huge canvas (a decompression bomb for whoever opens it).
    if (!size || size.width < 1 || size.height < 1 || size.width > uploadLimits.maxSide || size.height > uploadLimits.maxSide || size.width * size.height > uploadLimits.maxPixels) {
      throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'bad_dimensions', message: `图片尺寸不可读、为零或超过 ${uploadLimits.maxSide}px` }]);
    }
    data = stripMetadata(bytes);
  }
  const id = randomUUID();
  const now = ctx.clock.now();
  const storageKey = `uploads/${now.toISOString().slice(0, 7)}/${id}.${type.ext}`;
  await ctx.storage.put(storageKey, data);
  const row = { id, kind: type.kind, mime: type.mime, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), storageKey, claimed: false, createdAt: now };
  await repo.insertUpload(ctx.db, row);
  return { id, kind: type.kind, mime: type.mime, size: data.length };
}

/** Attaches uploads to a case inside its transaction. @throws UPLOAD_REJECTED for unknown, claimed or too many files */
export async function claimAttachments(tx: Executor, _ctx: AppContext, c: { countyCode: string; id: string }, ids: string[], eventType: string, now: Date): Promise<void> {
  if (!ids.length) return;
  const unique = [...new Set(ids)];
  const rows = await repo.lockUploads(tx, unique);
  if (rows.length !== unique.length) throw new AppError('UPLOAD_REJECTED', [{ path: 'body.uploadIds', code: 'unknown_upload', message: '文件不存在或已被使用' }]);
  const existing = await repo.attachmentsOf(tx, c);
  const photos = rows.filter((r) => r.kind === 'photo').length + existing.filter((a) => a.kind === 'photo' && a.eventType === eventType).length;
  const voices = rows.filter((r) => r.kind === 'voice').length + existing.filter((a) => a.kind === 'voice' && a.eventType === eventType).length;
  if (photos > uploadLimits.photosPerCase || voices > uploadLimits.voicePerCase) {
    throw new AppError('UPLOAD_REJECTED', [{ path: 'body.uploadIds', code: 'too_many', message: `最多 ${uploadLimits.photosPerCase} 张照片和 ${uploadLimits.voicePerCase} 段语音` }]);
  }
  await repo.claimUploads(tx, unique);
  await repo.insertAttachments(tx, rows.map((r) => ({ countyCode: c.countyCode, id: r.id, caseId: c.id, eventType, kind: r.kind, mime: r.mime, size: r.size, storageKey: r.storageKey, createdAt: now })));
}

/** A case's attachments for display. */
export async function listAttachments(ex: Executor, c: { countyCode: string; id: string; code: string }) {
  return (await repo.attachmentsOf(ex, c)).map((a) => ({ id: a.id, kind: a.kind, mime: a.mime, size: a.size, eventType: a.eventType, url: `/api/cases/${c.code}/attachments/${a.id}` }));
}

/** The bytes of one attachment of a case. @throws NOT_FOUND */
export async function readAttachment(ctx: AppContext, c: { countyCode: string; id: string }, id: string) {
  const a = await repo.attachment(ctx.db, c, id);
  if (!a) throw new AppError('NOT_FOUND');
  return { mime: a.mime, data: await ctx.storage.get(a.storageKey) };
}
