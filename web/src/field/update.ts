/**
 * The service worker's registration and the update prompt: a new version waits until the worker presses "立即更新",
 * and the button is disabled while a form holds unsaved input (an update never reloads over typing).
 */
import { registerSW } from 'virtual:pwa-register';
import type { Shell } from './app';
import { h } from './dom';
import { t } from './words';

/** Registers the service worker; with a shell, offers each new version in a banner. */
export function startUpdates(shell: Shell | null): void {
  if (!('serviceWorker' in navigator)) return;
  const hint = h('span', { className: 'muted', 'data-testid': 'update-wait' });
  const button = h('button', { type: 'button', className: 'btn primary', 'data-testid': 'update-now', onclick: () => void update() }, t.updateNow);
  const banner = h('div', { className: 'banner', 'data-testid': 'update-banner' }, h('span', {}, t.updateReady, ' ', hint), button);
  const refresh = () => {
    const dirty = (shell?.dirtyCount() ?? 0) > 0;
    button.disabled = dirty;
    hint.textContent = dirty ? t.updateWait : '';
  };
  shell?.onDirtyChange(refresh);
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => {
      refresh();
      shell?.banner('update', banner);
    },
    onOfflineReady: () => {
      if (!shell) return;
      shell.banner('offline-ready', h('div', { className: 'banner', 'data-testid': 'offline-ready' }, t.offlineReady));
      setTimeout(() => shell.banner('offline-ready', null), 4000);
    },
    // A worker who keeps the app open all day still hears of a new version within the hour.
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => navigator.onLine && void registration.update(), 3_600_000);
    },
  });
}
