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
import * as uploadsRepo from './uploads.repository.ts';

export const uploadLimits = { photoBytes: 10 * 1024 * 1024, voiceBytes: 5 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 10_000, photosPerCase: 9, voicePerCase: 1 } as const;

/**
 * Refuses an upload that would take the unclaimed files of its address (anonymous uploads) or of everyone past
 * the configured quota: files nobody attaches to a report must not be able to fill the disk.
 * @throws UPLOAD_QUOTA_EXCEEDED
 */
async function checkQuota(ctx: AppContext, size: number, ip: string | undefined): Promise<void> {
  const { perIp, total } = ctx.config.uploadQuota;
  const all = await uploadsRepo.unclaimedUsage(ctx.db);
  if (all.count + 1 > total.count || all.bytes + size > total.bytes) throw new AppError('UPLOAD_QUOTA_EXCEEDED', [{ path: 'file', code: 'total_quota', message: '服务器暂存的未提交文件已达上限' }]);
  if (ip === undefined) return;
  const mine = await uploadsRepo.unclaimedUsage(ctx.db, ip);
  if (mine.count + 1 > perIp.count || mine.bytes + size > perIp.bytes) throw new AppError('UPLOAD_QUOTA_EXCEEDED', [{ path: 'file', code: 'address_quota', message: `未提交的文件最多 ${perIp.count} 个` }]);
}

/**
 * Stores one uploaded file; `from.ip` (anonymous uploads) counts it against that address's quota.
 * @throws UPLOAD_REJECTED naming the reason (type, size, dimensions), UPLOAD_QUOTA_EXCEEDED
 */
export async function storeUpload(ctx: AppContext, bytes: Uint8Array, from?: { ip: string }) {
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
  await checkQuota(ctx, data.length, from?.ip);
  const id = randomUUID();
  const now = ctx.clock.now();
  const storageKey = `uploads/${now.toISOString().slice(0, 7)}/${id}.${type.ext}`;
  await ctx.storage.put(storageKey, data);
  const row = { id, kind: type.kind, mime: type.mime, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), storageKey, claimed: false, createdAt: now, uploaderIp: from?.ip ?? null };
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

/**
 * Deletes uploads no report claimed within `unclaimedUploadHours` (row first, then file, so a report can never
 * claim a file already gone); returns how many. Runs from the scheduler.
 */
export async function purgeUnclaimedUploads(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - ctx.config.unclaimedUploadHours * 3600_000);
  let purged = 0;
  for (;;) {
    const stale = await uploadsRepo.staleUnclaimed(ctx.db, before, 500);
    if (!stale.length) return purged;
    const deleted = new Set(await uploadsRepo.deleteUnclaimed(ctx.db, stale.map((u) => u.id)));
    for (const u of stale) if (deleted.has(u.id)) await ctx.storage.delete(u.storageKey);
    purged += deleted.size;
    if (stale.length < 500) return purged;
  }
}

/**
 * Seals every stored upload still in clear (written before encryption) or under an older key, with the current
 * key (`anwang files seal`; run it after upgrading and after a key rotation, before dropping the old key).
 */
export async function sealStoredFiles(ctx: AppContext, onProgress?: (done: number) => void): Promise<{ files: number; plain: number; oldKey: number; missing: number }> {
  const reseal = ctx.storage.reseal?.bind(ctx.storage);
  if (!reseal) throw new Error('the file store does not encrypt');
  const r = { files: 0, plain: 0, oldKey: 0, missing: 0 };
  for (let after = ''; ; ) {
    const batch = await uploadsRepo.storageKeysAfter(ctx.db, after, 500);
    if (!batch.length) return r;
    for (const u of batch) {
      r.files++;
      const was = await reseal(u.storageKey).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return 'missing' as const;
        throw e;
      });
      if (was === 'plain') r.plain++;
      else if (was === 'old-key') r.oldKey++;
      else if (was === 'missing') r.missing++;
    }
    after = batch[batch.length - 1]!.id;
    onProgress?.(r.files);
  }
}
