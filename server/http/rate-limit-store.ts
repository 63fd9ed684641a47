/**
 * A store for @fastify/rate-limit that counts in the database, so every server process on one PostgreSQL (or
 * Citus coordinator) shares each limit: requests to two servers together count once against it. The plugin
 * builds one store per limited route (`child`), so counters are keyed by route as its in-memory store keeps
 * them apart. PGlite is one process and keeps the plugin's in-memory store. The options `continueExceeding` and
 * `exponentialBackoff` are not used by Anwang's limits and not implemented here.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Executor } from '../db/client.ts';
import { hit, purgeEnded } from './rate-limits.repository.ts';

/** Counters whose window ended are deleted at most this often (by whichever process sees the time come). */
const PURGE_EVERY_MS = 60_000;

/** The store class to register with @fastify/rate-limit (`store`), counting in `ex`'s database. */
export function databaseRateStore(ex: Executor): FastifyRateLimitStoreCtor {
  let lastPurge = Date.now();
  const purgeNow = () => {
    if (Date.now() - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = Date.now();
    // Best effort: a failed purge leaves rows the next one deletes, and never fails a request.
    purgeEnded(ex, new Date()).catch(() => undefined);
  };
  class DatabaseRateStore implements FastifyRateLimitStore {
    constructor(_options: unknown, private readonly prefix = '') {}
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      purgeNow();
      hit(ex, this.prefix + key, new Date(), timeWindow).then((r) => callback(null, r), (e: Error) => callback(e));
    }
    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      // The plugin passes the route under `routeInfo` (empty for createRateLimit, whose keys name their limit):
      // a route's own limit is keyed by its method and path, as the in-memory store keeps one map per route.
      const r = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new DatabaseRateStore(undefined, r.url ? `${String(r.method)} ${String(r.url)} ` : '');
    }
  }
  return DatabaseRateStore as unknown as FastifyRateLimitStoreCtor;
}
