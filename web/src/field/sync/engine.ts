/**
 * The sync engine (plan §2.2–2.3): sends the outbox one row at a time in the order saved, each with its own id as
 * the Idempotency-Key, marks a row synced only on 2xx, backs off, pauses on 401 until the worker signs in again, and
 * refreshes the device copy afterwards. One runner across the app's tabs (the `lock`); calls during a pass are folded
 * into one more pass.
 */
import type { OutboxRow, Store } from '../store/types';
import type { Send } from './send';
import { afterAnswer, readiness } from './states';

/** What the engine needs; clock, randomness and the lock are injected so tests can drive them. */
export interface EngineDeps {
  store: Store;
  send: Send;
  userId: () => string;
  changed: () => void;
  /** The session has ended (401): show "请重新登录"; nothing is sent until `signedIn()`. */
  onSignInNeeded: () => void;
  /** Refreshes the device copy after a pass (errors are ignored: it is tried again next time). */
  refreshCopy?: () => Promise<void>;
  /** Runs `fn` only when no other tab is syncing (navigator.locks `ifAvailable`); resolves false when it did not run. */
  lock?: (fn: () => Promise<void>) => Promise<boolean>;
  now?: () => number;
  random?: () => number;
}

/** What one pass did. */
export interface PassResult {
  sent: number;
  synced: number;
  offline: boolean;
  signInNeeded: boolean;
  skipped?: 'locked' | 'signed-out' | 'paused';
}

/** The engine: `run` starts (or joins) a pass; `signedIn` resumes after a new sign-in. */
export interface Engine {
  run(opts?: { now?: boolean }): Promise<PassResult>;
  signedIn(): Promise<void>;
  running(): boolean;
  /**
   * Starts no pass until `resume()` (a new version is taking over the page): calls folded into the running pass are
   * dropped, later calls skip; resolves once the running pass, if any, has ended.
   */
  pause(): Promise<void>;
  resume(): void;
}

const noLock = async (fn: () => Promise<void>) => {
  await fn();
  return true;
};

/** Creates the engine over a store and a sender. */
export function syncEngine(deps: EngineDeps): Engine {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const lock = deps.lock ?? noLock;
  let current: Promise<PassResult> | null = null;
  let again: { now: boolean } | null = null;
  let paused = false;

  async function pass(ignoreBackoff: boolean): Promise<PassResult> {
    const result: PassResult = { sent: 0, synced: 0, offline: false, signInNeeded: false };
    if (await deps.store.getMeta<boolean>('sessionEnded')) return { ...result, signInNeeded: true, skipped: 'signed-out' };
    const ran = await lock(async () => {
      const userId = deps.userId();
      // Under the lock no other runner exists: a row still "uploading" was cut off (page closed, tab killed).
      // It goes again with the same key, so the server replays it if it had arrived.
      const cut = (await deps.store.allRows()).filter((r) => r.userId === userId && r.state === 'uploading');
      if (cut.length) {
        await deps.store.putRows(cut.map((r) => ({ ...r, state: 'pending' as const })));
        deps.changed();
      }
      const tried = new Set<string>();
      for (;;) {
        const rows = (await deps.store.allRows()).filter((r) => r.userId === userId);
        const byId = new Map(rows.map((r) => [r.id, r]));
        const queue = rows.filter((r) => r.state === 'pending' && !tried.has(r.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.order - b.order);
        let next: OutboxRow | undefined;
        let cascaded = false;
        for (const r of queue) {
          const ready = readiness(r, byId, now(), ignoreBackoff);
          if (ready === 'wait') continue;
          if (ready === 'send') {
            next = r;
            break;
          }
          // A rejected dependency takes its dependants with it, with its reason, so the worker sees why.
          const reason = ready.rejectedBy.lastError ?? { status: 0, code: 'DEPENDENCY', message: ready.rejectedBy.label };
          await deps.store.putRows([{ ...r, state: ready.rejectedBy.state === 'discarded' ? 'discarded' : 'rejected', lastError: reason }]);
          deps.changed();
          cascaded = true;
          break;
        }
        if (cascaded) continue;
        if (!next) break;
        tried.add(next.id);
        const uploading: OutboxRow = { ...next, state: 'uploading', attempts: next.attempts + 1 };
        await deps.store.putRows([uploading]);
        deps.changed();
        const file = next.kind === 'attachment' ? (await deps.store.getBlob(next.id))?.blob : undefined;
        const answer = await deps.send(uploading, file);
        result.sent++;
        const outcome = afterAnswer(uploading, answer, now(), random());
        const writes = [outcome.row];
        if (outcome.row.state === 'synced') {
          result.synced++;
          // A correction that reached the server retires the record it corrects.
          const old = outcome.row.supersedes ? byId.get(outcome.row.supersedes) : undefined;
          if (old?.state === 'synced') writes.push({ ...old, state: 'superseded' });
        }
        await deps.store.putRows(writes);
        if (outcome.row.state === 'synced' && next.kind === 'attachment') await deps.store.deleteBlob(next.id);
        deps.changed();
        if (outcome.signIn) {
          result.signInNeeded = true;
          await deps.store.setMeta('sessionEnded', true);
          deps.onSignInNeeded();
        }
        if (outcome.stop) {
          result.offline = !outcome.signIn;
          break;
        }
      }
    });
    if (!ran) return { ...result, skipped: 'locked' };
    if (!result.offline && !result.signInNeeded && deps.refreshCopy) await deps.refreshCopy().catch(() => undefined);
    return result;
  }

  const run = (opts: { now?: boolean } = {}): Promise<PassResult> => {
    if (paused) return Promise.resolve({ sent: 0, synced: 0, offline: false, signInNeeded: false, skipped: 'paused' });
    if (current) {
      again = { now: (again?.now ?? false) || !!opts.now };
      return current;
    }
    current = (async () => {
      let r = await pass(!!opts.now);
      while (again && !paused) {
        const a = again;
        again = null;
        r = await pass(a.now);
      }
      return r;
    })().finally(() => {
      current = null;
    });
    return current;
  };

  return {
    run,
    running: () => current !== null,
    async pause() {
      paused = true;
      again = null;
      await current?.catch(() => undefined);
    },
    resume() {
      paused = false;
    },
    async signedIn() {
      await deps.store.setMeta('sessionEnded', false);
      void run({ now: true });
    },
  };
}

