/**
 * The service worker's registration and the update prompt: a new version waits until the worker presses "立即更新",
 * and the button is disabled while a form holds unsaved input (an update never reloads over typing).
 */
import { registerSW } from 'virtual:pwa-register';
import type { Shell } from './app';
import { h } from './dom';
import { sw } from './shell-words';

let shell: Shell | null = null;
let refresh: (() => void) | null = null;

/** Registers the service worker (once per page); with a shell, offers each new version in a banner. */
export function startUpdates(withShell: Shell | null): void {
  shell = withShell;
  shell?.onDirtyChange(() => refresh?.());
  if (refresh || !('serviceWorker' in navigator)) return;
  const hint = h('span', { className: 'muted', 'data-testid': 'update-wait' });
  // The page moves to the new version once it controls the page (also when it came from another build's address).
  const moveOn = () => {
    button.disabled = true;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    void update();
  };
  const button = h('button', { type: 'button', className: 'btn primary', 'data-testid': 'update-now', onclick: moveOn }, sw.updateNow);
  const banner = h('div', { className: 'banner', 'data-testid': 'update-banner' }, h('span', {}, sw.updateReady, ' ', hint), button);
  refresh = () => {
    const dirty = (shell?.dirtyCount() ?? 0) > 0;
    button.disabled = dirty;
    hint.textContent = dirty ? sw.updateWait : '';
  };
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      refresh?.();
      shell?.banner('update', banner);
    },
    onOfflineReady: () => {
      if (!shell) return;
      const s = shell;
      s.banner('offline-ready', h('div', { className: 'banner', 'data-testid': 'offline-ready' }, sw.offlineReady));
      setTimeout(() => s.banner('offline-ready', null), 4000);
    },
    // A worker who keeps the app open all day still hears of a new version within the hour.
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => navigator.onLine && void registration.update(), 3_600_000);
    },
  });
}
