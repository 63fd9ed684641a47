/**
 * Photos and voice notes, for any kind of record: uploaded one by one before the record that uses them (weak
 * connections), checked by content, stripped of location metadata, stored through the storage interface
 * (`ctx.storage`), then claimed by one record, whose module links them in its own table. Files nobody claims are
 * purged after a day.
 */
import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { imageSize, sniff, stripMetadata } from '../../lib/media.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as repo from './uploads.repository.ts';

export type { UploadRow } from './uploads.repository.ts';

/** Size and pixel limits of one file, and the default number of files one record may claim. */
export const uploadLimits = { photoBytes: 10 * 1024 * 1024, voiceBytes: 5 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 10_000, photosPerRecord: 9, voicePerRecord: 1 } as const;

/** Who sent a file: a resident's address (public page) or a signed-in staff account. */
export type UploadSource = { ip: string } | { userId: string };

/**
 * Refuses an upload that would take the unclaimed files of its sender (an address or a staff account) or of
 * everyone past the configured quota: files nobody attaches to a record must not be able to fill the disk.
 * @throws UPLOAD_QUOTA_EXCEEDED
 */
async function checkQuota(ctx: AppContext, size: number, from: UploadSource | undefined): Promise<void> {
  const { perIp, perUser, total } = ctx.config.uploadQuota;
  const all = await repo.unclaimedUsage(ctx.db);
  if (all.count + 1 > total.count || all.bytes + size > total.bytes) throw new AppError('UPLOAD_QUOTA_EXCEEDED', [{ path: 'file', code: 'total_quota', message: '服务器暂存的未提交文件已达上限' }]);
  if (!from) return;
  const [mine, quota, code] = 'ip' in from ? [await repo.unclaimedUsage(ctx.db, { ip: from.ip }), perIp, 'address_quota'] : [await repo.unclaimedUsage(ctx.db, { userId: from.userId }), perUser, 'user_quota'];
  if (mine.count + 1 > quota.count || mine.bytes + size > quota.bytes) throw new AppError('UPLOAD_QUOTA_EXCEEDED', [{ path: 'file', code, message: `未提交的文件最多 ${quota.count} 个` }]);
}

/** The file's type, checked by content, and the bytes to keep (metadata stripped). @throws UPLOAD_REJECTED */
function checkContent(bytes: Uint8Array) {
  const type = sniff(bytes);
  if (!type) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'unsupported_type', message: '只接受 JPEG/PNG/WebP 图片和 AMR/MP3/M4A/OGG/WebM/WAV 录音' }]);
  const limit = type.kind === 'photo' ? uploadLimits.photoBytes : uploadLimits.voiceBytes;
  if (bytes.length > limit) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'too_large', message: `最大 ${limit / 1024 / 1024} MB` }]);
  if (type.kind !== 'photo') return { type, data: bytes };
  const size = imageSize(bytes);
  // A tiny file can claim a huge canvas (a decompression bomb for whoever opens it).
  if (!size || size.width < 1 || size.height < 1 || size.width > uploadLimits.maxSide || size.height > uploadLimits.maxSide || size.width * size.height > uploadLimits.maxPixels) {
    throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'bad_dimensions', message: `图片尺寸不可读、为零或超过 ${uploadLimits.maxSide}px` }]);
  }
  return { type, data: stripMetadata(bytes) };
}

/**
 * Stores one uploaded file, counted against its sender's quota. The row is written before the file and marked
 * stored after it, so a write that fails (or a crash in between) leaves a row nobody can claim, which the purge
 * removes, and never a file without a row.
 * @throws UPLOAD_REJECTED naming the reason (type, size, dimensions), UPLOAD_QUOTA_EXCEEDED, the storage's error
 */
export async function storeUpload(ctx: AppContext, bytes: Uint8Array, from?: UploadSource) {
  const { type, data } = checkContent(bytes);
  await checkQuota(ctx, data.length, from);
  const id = randomUUID();
  const now = ctx.clock.now();
  const storageKey = `uploads/${now.toISOString().slice(0, 7)}/${id}.${type.ext}`;
  await repo.insertUpload(ctx.db, {
    id, kind: type.kind, mime: type.mime, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), storageKey, claimed: false, createdAt: now,
    uploaderIp: from && 'ip' in from ? from.ip : null, uploaderUserId: from && 'userId' in from ? from.userId : null, ownerType: null, countyCode: null, stored: false,
  });
  await ctx.storage.put(storageKey, data);
  await repo.markStored(ctx.db, id);
  return { id, kind: type.kind, mime: type.mime, size: data.length };
}

/** What a record claims: its kind, its county, and how many files of each kind it may hold. */
export interface ClaimOptions {
  /** The kind of record ('case', …), kept on the upload. */
  ownerType: string;
  /** The record's county. */
  countyCode: string;
  /** Photos the record may hold (default uploadLimits.photosPerRecord); 0 refuses photos. */
  maxPhotos?: number;
  /** Voice notes the record may hold (default uploadLimits.voicePerRecord); 0 refuses voice notes. */
  maxVoice?: number;
  /** Files the record (or the part of it the limits apply to) already holds, counted against the limits. */
  existing?: { photos: number; voice: number };
}

/**
 * Claims uploads for a record inside its transaction: each id must exist, be stored and unclaimed, and the kinds
 * and counts must fit; the rows are locked (two records cannot claim one file), marked claimed with the owner,
 * and returned so the owning module can insert them into its own link table.
 * @throws UPLOAD_REJECTED (unknown_upload, kind_not_allowed, too_many)
 */
export async function claimUploads(tx: Executor, _ctx: AppContext, ids: string[], opts: ClaimOptions): Promise<repo.UploadRow[]> {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  const rows = await repo.lockClaimable(tx, unique);
  if (rows.length !== unique.length) throw new AppError('UPLOAD_REJECTED', [{ path: 'body.uploadIds', code: 'unknown_upload', message: '文件不存在或已被使用' }]);
  const maxPhotos = opts.maxPhotos ?? uploadLimits.photosPerRecord;
  const maxVoice = opts.maxVoice ?? uploadLimits.voicePerRecord;
  const photos = rows.filter((r) => r.kind === 'photo').length;
  const voice = rows.filter((r) => r.kind === 'voice').length;
  if ((photos && !maxPhotos) || (voice && !maxVoice)) {
    throw new AppError('UPLOAD_REJECTED', [{ path: 'body.uploadIds', code: 'kind_not_allowed', message: photos && !maxPhotos ? '此处不接受照片' : '此处不接受语音' }]);
  }
  if (photos + (opts.existing?.photos ?? 0) > maxPhotos || voice + (opts.existing?.voice ?? 0) > maxVoice) {
    throw new AppError('UPLOAD_REJECTED', [{ path: 'body.uploadIds', code: 'too_many', message: `最多 ${maxPhotos} 张照片和 ${maxVoice} 段语音` }]);
  }
  await repo.markClaimed(tx, unique, opts.ownerType, opts.countyCode);
  return rows;
}

/** The bytes of a claimed file, by the storage key its owner's link table keeps. @throws Error (ENOENT) when absent */
export function readStoredFile(ctx: AppContext, storageKey: string): Promise<Buffer> {
  return ctx.storage.get(storageKey);
}

/**
 * Deletes uploads no record claimed within `unclaimedUploadHours`, and rows whose file was never written: the row
 * first (one statement, which skips a file claimed meanwhile), then the file, so a record can never claim a file
 * already gone. Returns how many; a file that cannot be deleted does not stop the others (the first error is
 * thrown at the end). Runs from the scheduler.
 */
export async function purgeUnclaimedUploads(ctx: AppContext): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - ctx.config.unclaimedUploadHours * 3600_000);
  let purged = 0;
  let failure: unknown = null;
  for (;;) {
    const stale = await repo.staleUnclaimed(ctx.db, before, 500);
    if (!stale.length) break;
    const deleted = new Set(await repo.deleteUnclaimed(ctx.db, stale.map((u) => u.id)));
    for (const u of stale) {
      if (deleted.has(u.id)) await ctx.storage.delete(u.storageKey).catch((e: unknown) => void (failure ??= e));
    }
    purged += deleted.size;
    if (stale.length < 500) break;
  }
  if (failure) throw failure;
  return purged;
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
    const batch = await repo.storageKeysAfter(ctx.db, after, 500);
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
