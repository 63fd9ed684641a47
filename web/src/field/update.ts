/**
 * The service worker's registration and the update prompt: a new version waits until the worker presses "立即更新",
 * and the button is disabled while a form holds unsaved input (an update never reloads over typing).
 *
 * Moving on: the page first goes quiet (its sync pass ends and no tab starts another), then the waiting worker is
 * told to skip waiting, and the page reloads once, when the new worker takes control. Quiet matters: Chromium swaps
 * an active worker out only once it is idle, and a request reaching the old worker while it is being swapped out
 * (the sync after a save, say) kept the new version waiting for up to five minutes, the page not reloaded.
 */
import { registerSW } from 'virtual:pwa-register';
import type { Shell } from './app';
import { h } from './dom';
import { sw } from './shell-words';

/** Keeps the page from sending while a new version takes over (the sync: see main.ts). */
export interface Quiet {
  /** Resolves once nothing is being sent and nothing new will be until `resume()`. */
  pause(): Promise<void>;
  resume(): void;
}

let shell: Shell | null = null;
let quiet: Quiet | null = null;
let refresh: (() => void) | null = null;

/** Registers the service worker (once per page); with a shell, offers each new version in a banner. */
export function startUpdates(withShell: Shell | null, withQuiet: Quiet | null = null): void {
  shell = withShell;
  quiet = withQuiet;
  shell?.onDirtyChange(() => refresh?.());
  if (refresh || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  const hint = h('span', { className: 'muted', 'data-testid': 'update-wait' });
  const button = h('button', { type: 'button', className: 'btn primary', 'data-testid': 'update-now', onclick: () => void moveOn() }, sw.updateNow);
  const banner = h('div', { className: 'banner', 'data-testid': 'update-banner' }, h('span', {}, sw.updateReady, ' ', hint), button);
  let offered = false; // a new version was offered in this page
  let taken = false; // a newer worker controls the page: only the reload is missing
  let moving = false; // the worker pressed 立即更新
  let reloading = false;
  let controlled = !!container.controller;

  const reloadOnce = () => {
    if (reloading) return;
    reloading = true;
    location.reload();
  };
  refresh = () => {
    const dirty = (shell?.dirtyCount() ?? 0) > 0;
    button.disabled = dirty || moving;
    hint.textContent = dirty ? sw.updateWait : '';
  };
  const offer = () => {
    offered = true;
    refresh?.();
    shell?.banner('update', banner);
  };
  // A page's first worker taking control (the first install claims the page) is the version the page runs. Any later
  // controller is a new version: after the press the page reloads; without it (another tab pressed) it is offered here
  // too, and the press only reloads, so typed input is never lost to another tab's update.
  container.addEventListener('controllerchange', () => {
    if (!controlled && !offered) {
      controlled = true;
      return;
    }
    taken = true;
    if (moving) reloadOnce();
    else offer();
  });

  const moveOn = async () => {
    if (moving || reloading) return;
    moving = true;
    refresh?.();
    if (taken) return reloadOnce();
    await quiet?.pause();
    if (taken) return reloadOnce();
    // Whichever worker waits (also one from another build's address) is told; its taking control reloads the page.
    const waiting = (await container.getRegistration())?.waiting;
    if (waiting) return waiting.postMessage({ type: 'SKIP_WAITING' });
    if (taken) return reloadOnce();
    // Nothing waits any more (the new version failed or was replaced): the page goes on as it is.
    moving = false;
    quiet?.resume();
    refresh?.();
    shell?.banner('update', null);
  };

  registerSW({
    immediate: true,
    onNeedRefresh: offer,
    // The reload is this module's (after the press, or the press after another tab's), never vite-plugin-pwa's own.
    onNeedReload: () => undefined,
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
