/** I/O of the shared request-limit counters (rate-limit-store.ts). Time is the database's, the same for every server. */
import { lt, sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';

/**
 * Counts one hit on `key` in one statement (concurrent hits from any server queue on the row): a new window of
 * `windowMs` starts when there is none or the last has ended. Returns the hits in the window and the ms left.
 */
export async function hit(ex: Executor, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const ended = sql`${rateLimits.resetAt} <= clock_timestamp()`;
  const [row] = await ex
    .insert(rateLimits)
    .values({ key, hits: 1, resetAt: sql`clock_timestamp() + make_interval(secs => ${windowMs / 1000})` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`CASE WHEN ${ended} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
        resetAt: sql`CASE WHEN ${ended} THEN excluded.reset_at ELSE ${rateLimits.resetAt} END`,
      },
    })
    .returning({ current: rateLimits.hits, ttl: sql<number>`greatest(0, ceil(extract(epoch FROM ${rateLimits.resetAt} - clock_timestamp()) * 1000))::int` });
  return { current: row!.current, ttl: Number(row!.ttl) };
}

/** Deletes counters whose window has ended. */
export async function purgeEnded(ex: Executor): Promise<void> {
  await ex.delete(rateLimits).where(lt(rateLimits.resetAt, sql`clock_timestamp()`));
}
