/**
 * A case's photos and voice notes: uploads (the uploads module) claimed by the case at intake or report-back and
 * linked in `case_attachments`, each under the event that brought it.
 */
import { AppError } from '../../../core/errors.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import { claimUploads, readStoredFile, uploadLimits } from '../uploads/uploads.service.ts';
import * as repo from './cases.repository.ts';

/** Attaches uploads to a case inside its transaction; each event may carry up to 9 photos and 1 voice note. @throws UPLOAD_REJECTED */
export async function claimAttachments(tx: Executor, ctx: AppContext, c: { countyCode: string; id: string }, ids: string[], eventType: string, now: Date): Promise<void> {
  if (!ids.length) return;
  const already = (await repo.attachmentsOf(tx, c)).filter((a) => a.eventType === eventType);
  const rows = await claimUploads(tx, ctx, ids, {
    ownerType: 'case',
    countyCode: c.countyCode,
    maxPhotos: uploadLimits.photosPerRecord,
    maxVoice: uploadLimits.voicePerRecord,
    existing: { photos: already.filter((a) => a.kind === 'photo').length, voice: already.filter((a) => a.kind === 'voice').length },
  });
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
  return { mime: a.mime, data: await readStoredFile(ctx, a.storageKey) };
}
