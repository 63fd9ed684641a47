/**
 * A store for @fastify/rate-limit that counts in the database, so every server process on one PostgreSQL (or
 * Citus coordinator) shares each limit: requests to two servers together count once against it. The plugin
 * builds one store per limited route (`child`), so counters are keyed by route as its in-memory store keeps
 * them apart. Hits on one key that arrive while its upsert is on its way are counted together by the next one
 * (`hits + n`), each still getting its own place in the count, so a busy token costs one statement per round
 * trip instead of one per request and the limit is exactly as strict. PGlite is one process and keeps the
 * plugin's in-memory store. The options `continueExceeding` and
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
  type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;
  // Per key: whether an upsert is on its way, and the hits waiting for the next one.
  const keys = new Map<string, { busy: boolean; waiting: Callback[]; windowMs: number }>();
  const send = (key: string) => {
    const k = keys.get(key)!;
    const batch = k.waiting.splice(0);
    k.busy = true;
    hit(ex, key, new Date(), k.windowMs, batch.length).then(
      ({ current, ttl }) => batch.forEach((cb, i) => cb(null, { current: current - batch.length + 1 + i, ttl })),
      (e: Error) => batch.forEach((cb) => cb(e)),
    ).finally(() => {
      k.busy = false;
      if (k.waiting.length) send(key);
      else keys.delete(key);
    });
  };
  class DatabaseRateStore implements FastifyRateLimitStore {
    constructor(_options: unknown, private readonly prefix = '') {}
    incr(key: string, callback: Callback, timeWindow: number): void {
      purgeNow();
      const full = this.prefix + key;
      const k = keys.get(full) ?? { busy: false, waiting: [], windowMs: timeWindow };
      keys.set(full, k);
      k.waiting.push(callback);
      if (!k.busy) send(full);
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
