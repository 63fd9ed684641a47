/** A record's state machine on the device (plan §2.2): pure, unit-tested in states.test.ts. */
import type { OutboxRow, OutboxState, RecordError } from '../store/types';

/** States after which nothing more happens to a row. */
export function isSettled(state: OutboxState): boolean {
  return state === 'synced' || state === 'superseded' || state === 'discarded';
}

/** What the server (or the network) said to one attempt: `null` when no answer came at all. */
export type Answer = { status: number; body: unknown } | null;

/** The row after an answer, and whether the pass goes on (`stop`) or the session has ended (`signIn`). */
export interface Outcome {
  row: OutboxRow;
  stop: boolean;
  signIn: boolean;
}

const minDelay = 5_000;
const maxDelay = 15 * 60_000;

/** The wait before the next attempt after `attempts` failures: 5 s doubling up to 15 min, ±20 % so phones spread out. */
export function backoff(attempts: number, random: number): number {
  const base = Math.min(minDelay * 2 ** Math.max(0, attempts - 1), maxDelay);
  return Math.round(base * (0.8 + 0.4 * random));
}

function errorOf(answer: { status: number; body: unknown }): RecordError {
  const e = (answer.body as { error?: { code?: string; message?: string; details?: { code?: string; current?: unknown }[]; current?: unknown } } | null)?.error;
  const current = e?.current ?? e?.details?.find((d) => d.current !== undefined)?.current;
  return { status: answer.status, code: e?.code ?? 'HTTP', message: e?.message ?? `HTTP ${answer.status}`, ...(current !== undefined ? { current } : {}) };
}

/** Whether a 409 is the optimistic-concurrency one (core/errors.ts staleVersion: details[0].code === 'stale'). */
function isStale(answer: { status: number; body: unknown }): boolean {
  const e = (answer.body as { error?: { code?: string; details?: { code?: string }[] } } | null)?.error;
  return answer.status === 409 && e?.code === 'CONFLICT' && !!e.details?.some((d) => d.code === 'stale');
}

/**
 * The row after one attempt. "Synced" only on 2xx. No answer, 5xx, 408, 429 and a key still in flight → pending with
 * back-off (no answer also ends the pass: the phone is offline); 401 → pending and the pass ends until the worker
 * signs in again; 409 stale → conflict; any other 4xx → rejected with the server's message.
 */
export function afterAnswer(row: OutboxRow, answer: Answer, now: number, random: number): Outcome {
  const at = new Date(now).toISOString();
  if (answer && answer.status >= 200 && answer.status < 300) {
    const { lastError: _drop, ...rest } = row;
    return { row: { ...rest, state: 'synced', syncedAt: at, answer: answer.body, nextAttemptAt: 0 }, stop: false, signIn: false };
  }
  const retry = (lastError: RecordError) => ({ ...row, state: 'pending' as const, nextAttemptAt: now + backoff(row.attempts, random), lastError });
  if (!answer) return { row: retry({ status: 0, code: 'NETWORK', message: 'network' }), stop: true, signIn: false };
  const err = errorOf(answer);
  if (answer.status === 401) return { row: { ...row, state: 'pending', nextAttemptAt: 0, lastError: err }, stop: true, signIn: true };
  if (answer.status >= 500 || answer.status === 408 || answer.status === 429 || (answer.status === 409 && err.code === 'IDEMPOTENCY_IN_FLIGHT')) return { row: retry(err), stop: false, signIn: false };
  if (isStale(answer)) return { row: { ...row, state: 'conflict', lastError: err }, stop: false, signIn: false };
  return { row: { ...row, state: 'rejected', lastError: err }, stop: false, signIn: false };
}

/** What to do with a pending row now: send it, wait (dependency or back-off), or reject it because a dependency was. */
export function readiness(row: OutboxRow, byId: Map<string, OutboxRow>, now: number, ignoreBackoff: boolean): 'send' | 'wait' | { rejectedBy: OutboxRow } {
  for (const dep of row.dependsOn) {
    const d = byId.get(dep);
    // A dependency no longer on the device reached the server long ago (rows are only removed once synced).
    if (!d || d.state === 'synced') continue;
    if (d.state === 'rejected' || d.state === 'discarded') return { rejectedBy: d };
    return 'wait';
  }
  return ignoreBackoff || row.nextAttemptAt <= now ? 'send' : 'wait';
}
