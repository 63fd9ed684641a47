/**
 * The field app's entry (/field): a grid worker's phone app that works offline. No framework: it must load fast on a
 * weak connection. Boot: open the device store, read the cached identity (no network needed), draw the shell, sync
 * at start, when the connection returns, when the app comes back to the screen, every minute and after each save.
 */
import './field.css';
import { call, serverLanguage } from './api';
import { registerScreen, startShell, type Shell } from './app';
import { cachedMe, meOf, signOut } from './auth';
import { h } from './dom';
import { askPersist } from './persist';
import { conflictScreen } from './screens/conflict';
import { signInScreen } from './screens/signin';
import { syncScreen } from './screens/sync';
import './screens/index';
import { sw } from './shell-words';
import { deviceCopy } from './store/copy';
import { idbStore } from './store/idb-store';
import { syncEngine } from './sync/engine';
import { records } from './sync/records';
import { refreshCopy } from './sync/refresh';
import { httpSend } from './sync/send';
import { startUpdates } from './update';

/** One sync runner across the app's tabs: the lock is held for a pass; a tab that finds it held skips its pass. */
async function acrossTabs(fn: () => Promise<void>): Promise<boolean> {
  if (!navigator.locks) {
    await fn();
    return true;
  }
  return navigator.locks.request('anwang-field-sync', { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    await fn();
    return true;
  });
}

async function boot(): Promise<void> {
  const root = document.getElementById('app')!;
  const store = await idbStore();
  const me = await cachedMe(store);
  if (!me) {
    // The worker is installed on the first visit, so the app is on the phone before the first walk.
    startUpdates(null);
    // Signed in: the app starts in place (no second page load on a weak connection).
    return signInScreen(root, store, () => void boot());
  }

  // Other tabs of the app hear about every change (the header's count stays right in each).
  const channel = new BroadcastChannel('anwang-field');
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  channel.onmessage = () => notify();
  const changed = () => {
    channel.postMessage('changed');
    notify();
  };
  let shell: Shell | null = null;
  let releaseLock: (() => void) | null = null;
  const signInBanner = () => h('div', { className: 'banner', 'data-testid': 'signin-banner' }, h('span', {}, sw.reSignIn), h('a', { className: 'btn', href: '#/signin' }, sw.reSignInButton));
  const engine = syncEngine({
    store,
    send: httpSend('', serverLanguage),
    userId: () => me.userId,
    changed,
    onSignInNeeded: () => shell?.banner('signin', signInBanner()),
    refreshCopy: async () => {
      if (await refreshCopy(store, (path) => call(path).catch(() => null))) changed();
    },
    lock: acrossTabs,
  });
  // Offline, an attempt would only count against the record's back-off: wait for the `online` event instead.
  const sync = async (opts: { now: boolean }) => {
    if (navigator.onLine) await engine.run(opts);
  };
  const recs = records({
    store,
    userId: () => me.userId,
    sync,
    changed,
    onChange: (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    firstSave: () => void askPersist(store),
  });
  const drafts = { get: <T>(k: string) => store.getDraft<T>(k), set: (k: string, v: unknown) => store.setDraft(k, v), delete: (k: string) => store.deleteDraft(k) };
  registerScreen('sync', syncScreen({
    signOut: async () => {
      if (await signOut(store, recs.unsyncedCount)) location.reload();
    },
    sessionEnded: async () => (await store.getMeta<boolean>('sessionEnded')) === true,
  }));
  registerScreen('conflict', conflictScreen(store, recs));
  registerScreen('signin', (el) => signInScreen(el, store, () => {
    shell?.banner('signin', null);
    void engine.signedIn();
    location.hash = '#/sync';
  }, true));
  shell = startShell(root, { me: meOf(me), app: { records: recs, copy: deviceCopy(store), drafts, position } });
  recs.onChange(() => void shell!.refreshCount());
  await shell.refreshCount();
  if (await store.getMeta<boolean>('sessionEnded')) shell.banner('signin', signInBanner());
  startUpdates(shell, {
    // Before a new version takes over: this tab's pass ends, then the sync lock is held until the page reloads, so
    // another tab's pass ends too and none starts (no request reaches the worker being swapped out).
    pause: async () => {
      await engine.pause();
      if (!navigator.locks) return;
      await new Promise<void>((held) => {
        navigator.locks.request('anwang-field-sync', () => {
          held();
          return new Promise<void>((release) => (releaseLock = release));
        }).catch(() => held());
      });
    },
    resume: () => {
      releaseLock?.();
      releaseLock = null;
      engine.resume();
    },
  });

  void sync({ now: false });
  addEventListener('online', () => void sync({ now: true }));
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void sync({ now: false }));
  setInterval(() => void sync({ now: false }), 60_000);
}

/** The phone's position now, or null when it gives none within 10 s. */
function position(): Promise<{ lat: number; lng: number; accuracy: number } | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition((p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }), () => resolve(null), { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 });
  });
}

void boot();
