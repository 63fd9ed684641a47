/** Photos and voice notes of field records (field_attachments, migration 0033). */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fieldAttachments, patrolFindings } from '../../db/schema.ts';

export type AttachmentRow = typeof fieldAttachments.$inferSelect;

/** An attachment by county and id. */
export async function attachmentById(ex: Executor, countyCode: string, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await ex.select().from(fieldAttachments).where(and(eq(fieldAttachments.countyCode, countyCode), eq(fieldAttachments.id, id)));
  return row;
}

/** Inserts an attachment unless its id is taken; true when made. */
export async function insertAttachment(tx: Executor, row: AttachmentRow): Promise<boolean> {
  return (await tx.insert(fieldAttachments).values(row).onConflictDoNothing().returning({ id: fieldAttachments.id })).length > 0;
}

/** The attachments of one record. */
export function attachmentsOf(ex: Executor, countyCode: string, ownerType: string, ownerId: string): Promise<AttachmentRow[]> {
  return ex.select().from(fieldAttachments).where(and(eq(fieldAttachments.countyCode, countyCode), eq(fieldAttachments.ownerType, ownerType), eq(fieldAttachments.ownerId, ownerId)));
}

/** A finding in a county (its patrol's scope is checked by the caller). */
export async function findingIn(ex: Executor, countyCode: string, id: string) {
  const [row] = await ex.select().from(patrolFindings).where(and(eq(patrolFindings.countyCode, countyCode), eq(patrolFindings.id, id)));
  return row;
}
