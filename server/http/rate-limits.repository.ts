/**
 * I/O of the shared request-limit counters (rate-limit-store.ts). Times come from the calling server as parameters:
 * on Citus the table sits in the coordinator's metadata, where an upsert may call no function that is not IMMUTABLE
 * (not even now()); servers' clocks agree to NTP's precision, which is far finer than a limit's window.
 */
import { lt, sql } from 'drizzle-orm';
import { rateLimits } from '../db/schema.ts';
import type { Executor } from '../db/client.ts';

/**
 * Counts `n` hits on `key` at `now` in one statement (concurrent hits from any server queue on the row): a new
 * window of `windowMs` starts when there is none or the last has ended. Returns the hits in the window (these
 * `n` included) and the ms left.
 */
export async function hit(ex: Executor, key: string, now: Date, windowMs: number, n = 1): Promise<{ current: number; ttl: number }> {
  const ended = sql`${rateLimits.resetAt} <= ${now.toISOString()}::timestamptz`;
  const [row] = await ex
    .insert(rateLimits)
    .values({ key, hits: n, resetAt: new Date(now.getTime() + windowMs) })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`CASE WHEN ${ended} THEN ${n}::int ELSE ${rateLimits.hits} + ${n}::int END`,
        resetAt: sql`CASE WHEN ${ended} THEN excluded.reset_at ELSE ${rateLimits.resetAt} END`,
      },
    })
    .returning({ current: rateLimits.hits, resetAt: rateLimits.resetAt });
  return { current: row!.current, ttl: Math.max(0, row!.resetAt.getTime() - now.getTime()) };
}

/** Deletes counters whose window ended before `now`. */
export async function purgeEnded(ex: Executor, now: Date): Promise<void> {
  await ex.delete(rateLimits).where(lt(rateLimits.resetAt, now));
}
