/**
 * A photo or voice note of a field record, sent after its record as its own request: PUT by the attachment's
 * client UUID, so sending it again finds it (200) instead of storing it twice. The file is an upload (content
 * checked, metadata stripped, encrypted at rest); a finding's photo is claimed into its case, where handlers see it.
 */
import { AppError } from '../../../core/errors.ts';
import type { AttachmentAnswer } from '../../../core/schemas/field.response.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { countyPrefix, requirePermission, scopePrefix } from '../../lib/access.ts';
import { claimAttachments } from '../cases/attachments.service.ts';
import { claimUploads, storeUpload, uploadLimits } from '../uploads/uploads.service.ts';
import { idTaken, recorderId } from './field-records.ts';
import * as repo from './attachments.repository.ts';
import { patrolById } from './patrols.repository.ts';
import * as scope from './scope.repository.ts';

/** Which record a file belongs to. */
export type OwnerType = 'visit' | 'finding' | 'assessment';

/** What an attachment answers. */
export type AttachmentView = AttachmentAnswer;

const view = (a: repo.AttachmentRow): AttachmentView => ({ id: a.id, ownerType: a.ownerType as OwnerType, ownerId: a.ownerId, kind: a.kind as AttachmentView['kind'], mime: a.mime, size: a.size });

/** The actor's own record the file belongs to (another's, or one outside the scope, reads as missing). @throws NOT_FOUND */
async function ownedRecord(ctx: AppContext, actor: Actor, type: OwnerType, id: string): Promise<{ countyCode: string; caseId?: string }> {
  const prefix = scopePrefix(actor);
  if (type === 'visit' || type === 'assessment') {
    const row = type === 'visit' ? await scope.visitUnder(ctx.db, id, prefix) : await scope.assessmentUnder(ctx.db, id, prefix);
    if (row && row.createdBy === actor.id) return { countyCode: row.countyCode };
  } else if (countyPrefix(actor).length === 6) {
    // Recording roles work in one county (a village's workers); the finding's patrol carries the place.
    const county = countyPrefix(actor);
    const f = await repo.findingIn(ctx.db, county, id);
    const p = f && (await patrolById(ctx.db, county, f.patrolId));
    if (f && p && f.createdBy === actor.id && p.gridCode.startsWith(prefix)) return { countyCode: county, caseId: f.caseId };
  }
  throw new AppError('NOT_FOUND');
}

/**
 * Stores one file of a record of the actor's. Answers `created: false` with the stored attachment when this id
 * was stored before. @throws NOT_FOUND (record), CONFLICT (id taken by another file), UPLOAD_REJECTED
 */
export async function putAttachment(ctx: AppContext, actor: Actor, id: string, owner: { type: OwnerType; id: string }, read: () => Promise<Uint8Array>): Promise<{ created: boolean; attachment: AttachmentView }> {
  requirePermission(actor, 'field:record');
  recorderId(actor);
  const rec = await ownedRecord(ctx, actor, owner.type, owner.id);
  const sameFile = (a: repo.AttachmentRow) => a.ownerType === owner.type && a.ownerId === owner.id && a.createdBy === actor.id;
  const before = await repo.attachmentById(ctx.db, rec.countyCode, id);
  if (before) {
    if (!sameFile(before)) throw idTaken();
    return { created: false, attachment: view(before) };
  }
  const upload = await storeUpload(ctx, await read(), { userId: actor.id });
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const row: repo.AttachmentRow = { countyCode: rec.countyCode, id, ownerType: owner.type, ownerId: owner.id, uploadId: upload.id, kind: upload.kind, mime: upload.mime, size: upload.size, createdBy: actor.id, createdAt: now };
    if (!(await repo.insertAttachment(tx, row))) {
      // The same file raced in twice: the other request stored it; this upload stays unclaimed and is purged.
      const other = await repo.attachmentById(tx, rec.countyCode, id);
      if (!other || !sameFile(other)) throw idTaken();
      return { created: false, attachment: view(other) };
    }
    if (rec.caseId) {
      await claimAttachments(tx, ctx, { countyCode: rec.countyCode, id: rec.caseId }, [upload.id], 'submit', now);
    } else {
      const had = (await repo.attachmentsOf(tx, rec.countyCode, owner.type, owner.id)).filter((a) => a.id !== id);
      await claimUploads(tx, ctx, [upload.id], { ownerType: owner.type, countyCode: rec.countyCode, maxPhotos: uploadLimits.photosPerRecord, maxVoice: uploadLimits.voicePerRecord, existing: { photos: had.filter((a) => a.kind === 'photo').length, voice: had.filter((a) => a.kind === 'voice').length } });
    }
    return { created: true, attachment: view(row) };
  });
}
