/**
 * The field app's entry (/field): a grid worker's phone app that works offline. No framework: it must load fast on a
 * weak connection. Boot: open the device store, read the cached identity (no network needed), draw the shell, sync.
 */
import { registerScreen, startShell } from './app';
import { cachedMe, meOf, signOut } from './auth';
import { language } from './lang';
import { signInScreen } from './screens/signin';
import './screens/index';
import { deviceCopy } from './store/copy';
import { idbStore } from './store/idb-store';
import { records } from './sync/records';

const signInLanguage = language === 'bo' ? 'zh-CN' : language;

async function boot(): Promise<void> {
  const root = document.getElementById('app')!;
  const store = await idbStore();
  const me = await cachedMe(store);
  if (!me) {
    signInScreen(root, store, () => location.reload(), signInLanguage);
    return;
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
  const recs = records({
    store,
    userId: () => me.userId,
    sync: async () => undefined,
    changed,
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  registerScreen('signin', (el) => signInScreen(el, store, () => location.assign('#/home'), signInLanguage, true));
  const shell = startShell(root, {
    me: meOf(me),
    app: { records: recs, copy: deviceCopy(store), position },
    signOut: async () => {
      if (await signOut(store, recs.unsyncedCount)) location.reload();
    },
  });
  recs.onChange(() => void shell.refreshCount());
  await shell.refreshCount();
}

/** The phone's position now, or null when it gives none within 10 s. */
function position(): Promise<{ lat: number; lng: number; accuracy: number } | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition((p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }), () => resolve(null), { enableHighAccuracy: true, timeout: 10_000, maximumAge: 30_000 });
  });
}

void boot();
