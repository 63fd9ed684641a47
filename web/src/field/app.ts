/**
 * The field app's shell: a hash router over screens registered by name, the header (unsynced count, menu), the
 * banners (update, sign in again) and the `FieldApp` every screen gets. Screens register through screens/index.ts.
 */
import type { FieldApp, Me, Screen } from './contracts';
import { h, mount } from './dom';
import { fieldLanguages, language, switchLanguage, type FieldLanguage } from './lang';
import { sw } from './shell-words';

const screens = new Map<string, Screen>();

/** Adds a screen under a route name (`#/<name>?…`). */
export function registerScreen(name: string, screen: Screen): void {
  screens.set(name, screen);
}

/** The route a hash names: screen name and parameters (`#/visit?task=…` → visit, task=…); home by default. */
export function parseRoute(hash: string): { name: string; params: URLSearchParams } {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const name = (q < 0 ? raw : raw.slice(0, q)) || 'home';
  return { name, params: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

/** What the shell needs from the platform besides the screens' `FieldApp`. */
export interface ShellDeps {
  me: Me;
  app: Omit<FieldApp, 'go' | 'setDirty' | 'me'>;
  signOut: () => Promise<void>;
}

/** The running shell: its banners and the dirty-form count the update banner waits on. */
export interface Shell {
  app: FieldApp;
  banners: HTMLElement;
  dirtyCount(): number;
  onDirtyChange(listener: () => void): void;
  /** Redraws the header's count (called on every record change). */
  refreshCount(): Promise<void>;
  /** Shows or hides a banner by its key. */
  banner(key: string, el: HTMLElement | null): void;
}

/** Draws the shell into `root` and starts routing. */
export function startShell(root: HTMLElement, deps: ShellDeps): Shell {
  const dirty = new Set<string>();
  const dirtyListeners: (() => void)[] = [];
  const count = h('span', { className: 'field-sync-count', 'data-testid': 'sync-count' }, '0');
  const syncLink = h('a', { className: 'field-sync', href: '#/sync', 'aria-label': sw.unsynced }, h('span', { className: 'field-sync-label' }, sw.unsynced), count);
  const offline = h('span', { className: 'field-offline', hidden: navigator.onLine }, sw.offline);
  const signOutHint = h('p', { className: 'field-menu-hint', hidden: true });
  const signOut = h('button', { type: 'button', className: 'field-menu-item', 'data-testid': 'sign-out', onclick: () => void deps.signOut() }, sw.signOut);
  const langSelect = h('select', { className: 'field-menu-item', 'aria-label': sw.language, onchange: (e: Event) => switchLanguage((e.target as HTMLSelectElement).value as FieldLanguage) },
    ...fieldLanguages.map((l) => h('option', { value: l.code, selected: l.code === language }, l.label)));
  const menu = h('details', { className: 'field-menu' }, h('summary', { 'aria-label': sw.menu }, sw.menu),
    h('nav', { className: 'field-menu-list' },
      h('p', { className: 'field-menu-who' }, deps.me.displayName),
      h('a', { className: 'field-menu-item', href: '#/home' }, sw.home),
      h('a', { className: 'field-menu-item', href: '#/sync' }, sw.sync),
      h('label', { className: 'field-menu-item' }, `${sw.language} `, langSelect),
      signOut, signOutHint));
  const header = h('header', { className: 'field-header' }, h('a', { className: 'field-brand', href: '#/home' }, sw.brand), offline, syncLink, menu);
  const banners = h('div', { className: 'field-banners' });
  const main = h('main', { className: 'field-main' });
  mount(root, header, banners, main);
  root.className = 'field-shell';

  const bannerEls = new Map<string, HTMLElement>();
  const banner = (key: string, el: HTMLElement | null) => {
    bannerEls.get(key)?.remove();
    bannerEls.delete(key);
    if (el) {
      bannerEls.set(key, el);
      banners.append(el);
    }
  };

  const app: FieldApp = {
    ...deps.app,
    me: deps.me,
    go: (route) => {
      location.hash = route.startsWith('#') ? route : `#${route}`;
    },
    setDirty: (formKey, isDirty) => {
      const had = dirty.size;
      if (isDirty) dirty.add(formKey);
      else dirty.delete(formKey);
      if (had !== dirty.size) for (const l of dirtyListeners) l();
    },
  };

  let cleanup: (() => void) | void = undefined;
  let current = 0;
  const render = async () => {
    const route = parseRoute(location.hash);
    const mine = ++current;
    if (typeof cleanup === 'function') cleanup();
    cleanup = undefined;
    menu.open = false;
    const screen = screens.get(route.name) ?? (route.name === 'home' ? screens.get('sync') : undefined);
    const view = h('section', { className: `field-screen field-screen-${route.name}` });
    mount(main, view);
    if (!screen) {
      mount(view, h('p', { className: 'field-empty' }, sw.noScreen));
      return;
    }
    const done = await screen(view, app, route.params);
    if (mine === current) cleanup = done;
    else if (typeof done === 'function') done();
  };
  addEventListener('hashchange', () => void render());
  addEventListener('online', () => (offline.hidden = true));
  addEventListener('offline', () => (offline.hidden = false));
  void render();

  return {
    app,
    banners,
    banner,
    dirtyCount: () => dirty.size,
    onDirtyChange: (l) => void dirtyListeners.push(l),
    async refreshCount() {
      const n = await deps.app.records.unsyncedCount();
      count.textContent = String(n);
      syncLink.classList.toggle('is-zero', n === 0);
      signOut.disabled = n > 0;
      signOutHint.hidden = n === 0;
      signOutHint.textContent = n > 0 ? sw.signOutBlocked(n) : '';
    },
  };
}
