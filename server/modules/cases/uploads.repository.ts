/** Reads and writes of unclaimed uploads for their quota and purge (uploads claimed by a case stay in cases.repository). */
import { and, asc, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { uploads } from '../../db/schema.ts';

/** Count and bytes of unclaimed uploads, from one address or (without `ip`) in all. */
export async function unclaimedUsage(ex: Executor, ip?: string): Promise<{ count: number; bytes: number }> {
  const [row] = await ex
    .select({ count: count(), bytes: sql<number>`coalesce(sum(${uploads.size}), 0)::bigint` })
    .from(uploads)
    .where(ip === undefined ? eq(uploads.claimed, false) : and(eq(uploads.claimed, false), eq(uploads.uploaderIp, ip)));
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

/** Unclaimed uploads created before `before`, oldest first. */
export function staleUnclaimed(ex: Executor, before: Date, limit: number): Promise<{ id: string; storageKey: string }[]> {
  return ex.select({ id: uploads.id, storageKey: uploads.storageKey }).from(uploads).where(and(eq(uploads.claimed, false), lt(uploads.createdAt, before))).orderBy(uploads.createdAt).limit(limit);
}

/** Deletes the rows of uploads still unclaimed; returns the ids deleted (a report may have claimed one meanwhile). */
export async function deleteUnclaimed(ex: Executor, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  return (await ex.delete(uploads).where(and(inArray(uploads.id, ids), eq(uploads.claimed, false))).returning({ id: uploads.id })).map((r) => r.id);
}

/** Ids and storage keys of all uploads (claimed or not) after `afterId`, in id order (to walk every stored file). */
export function storageKeysAfter(ex: Executor, afterId: string, limit: number): Promise<{ id: string; storageKey: string }[]> {
  const q = ex.select({ id: uploads.id, storageKey: uploads.storageKey }).from(uploads);
  return (afterId ? q.where(gt(uploads.id, afterId)) : q).orderBy(asc(uploads.id)).limit(limit);
}
