/**
 * Persistent storage: asked at the first save (a user's gesture) so the browser does not clear unsynced records
 * under storage pressure; the answer and the space used are shown on the sync screen. Chromium decides by its own
 * heuristics and shows no prompt, so the answer is often "no" until the app is installed.
 */
import type { Store } from './store/types';

/** What the browser said. */
export interface PersistAnswer {
  supported: boolean;
  granted: boolean;
  usage: number | null;
  quota: number | null;
}

/** Asks once (and again after a "no" at later first saves of a page), remembering the answer on the device. */
export async function askPersist(store: Store): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  const granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
  await store.setMeta('persist', { asked: true, granted, at: new Date().toISOString() });
  return granted;
}

/** The browser's current answer and the space used. */
export async function persistAnswer(): Promise<PersistAnswer> {
  const s = navigator.storage;
  if (!s?.persisted) return { supported: false, granted: false, usage: null, quota: null };
  const [granted, estimate] = await Promise.all([s.persisted(), s.estimate?.().catch(() => null) ?? null]);
  return { supported: true, granted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** A byte count as a person reads it (KB, MB, GB). */
export function bytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
