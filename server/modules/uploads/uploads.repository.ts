/** I/O of the uploads table: the row written before the file, quotas, claims, the purge and the walk over stored files. */
import { and, asc, count, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { uploads } from '../../db/schema.ts';

export type UploadRow = typeof uploads.$inferSelect;

/** Records an upload before its file is written (`stored` false). */
export async function insertUpload(ex: Executor, row: UploadRow): Promise<void> {
  await ex.insert(uploads).values(row);
}

/** Marks an upload's file as written: from now on it can be claimed. */
export async function markStored(ex: Executor, id: string): Promise<void> {
  await ex.update(uploads).set({ stored: true }).where(eq(uploads.id, id));
}

/** Count and bytes of unclaimed stored uploads: of one address, of one staff account, or (neither given) of all. */
export async function unclaimedUsage(ex: Executor, of: { ip?: string; userId?: string } = {}): Promise<{ count: number; bytes: number }> {
  const where: SQL[] = [eq(uploads.claimed, false), eq(uploads.stored, true)];
  if (of.ip !== undefined) where.push(eq(uploads.uploaderIp, of.ip));
  if (of.userId !== undefined) where.push(eq(uploads.uploaderUserId, of.userId));
  const [row] = await ex
    .select({ count: count(), bytes: sql<number>`coalesce(sum(${uploads.size}), 0)::bigint` })
    .from(uploads)
    .where(and(...where));
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/** Unclaimed, stored uploads by id, locked so two records cannot claim the same file. */
export function lockClaimable(tx: Executor, ids: string[]): Promise<UploadRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return tx.select().from(uploads).where(and(inArray(uploads.id, ids), eq(uploads.claimed, false), eq(uploads.stored, true))).for('update');
}

/** Marks uploads claimed by a record of `ownerType` in `countyCode`. */
export async function markClaimed(tx: Executor, ids: string[], ownerType: string, countyCode: string): Promise<void> {
  if (ids.length) await tx.update(uploads).set({ claimed: true, ownerType, countyCode }).where(inArray(uploads.id, ids));
}

/** Unclaimed uploads (file written or not) created before `before`, oldest first. */
export function staleUnclaimed(ex: Executor, before: Date, limit: number): Promise<{ id: string; storageKey: string }[]> {
  return ex.select({ id: uploads.id, storageKey: uploads.storageKey }).from(uploads).where(and(eq(uploads.claimed, false), lt(uploads.createdAt, before))).orderBy(uploads.createdAt).limit(limit);
}

/** Deletes the rows of uploads still unclaimed; returns the ids deleted (a record may have claimed one meanwhile). */
export async function deleteUnclaimed(ex: Executor, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await ex.delete(uploads).where(and(inArray(uploads.id, ids), eq(uploads.claimed, false))).returning({ id: uploads.id })).map((r) => r.id);
}

/** Ids and storage keys of all uploads (claimed or not) after `afterId`, in id order (to walk every stored file). */
export function storageKeysAfter(ex: Executor, afterId: string, limit: number): Promise<{ id: string; storageKey: string }[]> {
  const q = ex.select({ id: uploads.id, storageKey: uploads.storageKey }).from(uploads);
  return (afterId ? q.where(gt(uploads.id, afterId)) : q).orderBy(asc(uploads.id)).limit(limit);
}
