/**
 * Keeps what each server process holds in memory from the database (the reference cache, the point → grid index)
 * in step when another process changes it. A service that changes reference data calls `announce` inside its
 * transaction: a NOTIFY that PostgreSQL delivers only on commit, to every process listening on one dedicated
 * connection (on Citus, the coordinator's). The listener clears or rebuilds what the topic names; after a lost
 * connection it reconnects and refreshes everything, since notifications sent meanwhile are gone. The process that
 * made the change refreshed its own copy after its commit and gets its own notice too (one more refresh of data that
 * changes rarely; cheaper than telling its connections apart). PGlite is one process (its directory is locked), so
 * there is nothing to tell.
 */
import pg from 'pg';
import type { Executor } from '../db/client.ts';
import type { AppContext } from './context.ts';
import { CHANGE_CHANNEL, notify } from './change-feed.repository.ts';

/** What changed: reference data read through the cache, or the grids the point → grid index is built from. */
export type ChangeTopic = 'reference' | 'grids';

/** Tells the other server processes, inside the writing transaction, that `topic` changed (sent on commit only). */
export async function announce(ctx: AppContext, tx: Executor, topic: ChangeTopic): Promise<void> {
  if (ctx.database.kind === 'postgres') await notify(tx, topic);
}

/** What the listener does per topic. */
export type ChangeHandlers = Record<ChangeTopic, () => Promise<void> | void>;

export interface ChangeListener {
  /** Resolves once the first LISTEN is in place (createContext waits for it, at most 5 s: a change made before is missed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs `fn` one at a time: a call while it runs makes it run once more afterwards (never twice at once, never
 * a change missed); calls that pile up meanwhile are one run.
 */
function coalesced(fn: () => Promise<void> | void, onError: (e: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      try {
        await fn();
      } catch (e) {
        onError(e);
      }
    } while (again);
    running = false;
  };
  return () => (running ? void (again = true) : void run());
}

/** Listens on the change channel over its own connection to `url`, reconnecting with back-off (1 s doubling to 30 s). */
export function listenForChanges(url: string, handlers: ChangeHandlers, log: (msg: string) => void = (m) => process.stderr.write(m + '\n')): ChangeListener {
  const onError = (e: unknown) => log(`change feed: refresh failed: ${(e as Error).message}`);
  const run: Record<ChangeTopic, () => void> = { reference: coalesced(handlers.reference, onError), grids: coalesced(handlers.grids, onError) };
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let wait = 1000;
  let first = true;
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));

  const connect = async () => {
    // TCP keep-alive: a connection a firewall dropped silently is noticed and replaced, not listened on forever.
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    client = c;
    let dropped = false;
    const lost = (why: string) => {
      if (dropped || closed) return;
      dropped = true;
      log(`change feed: connection lost (${why}); reconnecting in ${wait / 1000} s`);
      void c.end().catch(() => undefined);
      timer = setTimeout(() => void connect(), wait);
      timer.unref();
      wait = Math.min(wait * 2, 30_000);
    };
    c.on('error', (e) => lost((e as { code?: string }).code ?? e.message));
    c.on('end', () => lost('closed'));
    c.on('notification', (n) => {
      const topic = n.payload;
      if (topic === 'reference' || topic === 'grids') run[topic]();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (e) {
      lost((e as { code?: string }).code ?? (e as Error).message);
      return;
    }
    if (closed) return void (await c.end().catch(() => undefined));
    wait = 1000;
    // Anything may have changed while no one listened: refresh all (at start, the context has just loaded it).
    if (!first) for (const r of Object.values(run)) r();
    first = false;
    resolveReady();
  };
  void connect();
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
