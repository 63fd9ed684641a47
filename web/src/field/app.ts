/**
 * The field app's shell: a hash router over screens registered by name, the header (unsynced count, language), the
 * tab menu, the banners (update, sign in again) and the `FieldApp` every screen gets. Screens register through
 * screens/index.ts (helper U); the platform's own (sync, conflict, sign-in) through main.ts.
 */
import type { FieldApp, Me, Screen } from './contracts';
import { h, mount } from './dom';
import { fieldLanguages, language, switchLanguage, type FieldLanguage } from './lang';
import { sw, swr } from './shell-words';
import { t } from './words';

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

/** What the shell needs besides the screens. */
export interface ShellDeps {
  me: Me;
  app: Omit<FieldApp, 'go' | 'setDirty' | 'me'>;
}

/** The running shell: its banners and the dirty-form count the update banner waits on. */
export interface Shell {
  app: FieldApp;
  dirtyCount(): number;
  onDirtyChange(listener: () => void): void;
  /** Redraws the header's count (called on every record change). */
  refreshCount(): Promise<number>;
  /** Shows (or with null removes) the banner of a key. */
  banner(key: string, el: HTMLElement | null): void;
}

/** Draws the shell into `root` and starts routing. */
export function startShell(root: HTMLElement, deps: ShellDeps): Shell {
  const dirty = new Set<string>();
  const dirtyListeners: (() => void)[] = [];
  // Empty until the outbox has been counted: a "0" shown before that would claim everything is synced.
  const count = h('span', { className: 'field-sync-count', 'data-testid': 'sync-count' }, '');
  const syncLink = h('a', { className: 'field-sync', href: '#/sync' }, h('span', { className: 'field-sync-label' }, sw.menuSync), count);
  const offline = h('span', { className: 'field-offline', 'data-testid': 'offline' }, sw.offline);
  const showOffline = () => (offline.hidden = navigator.onLine);
  showOffline();
  const langSelect = h('select', { 'aria-label': t.language, onchange: (e: Event) => switchLanguage((e.target as HTMLSelectElement).value as FieldLanguage) },
    ...fieldLanguages.map((l) => h('option', { value: l.code, selected: l.code === language }, l.label)));
  const tabs = [['home', t.home], ['sync', sw.menuSync]] as const;
  const menu = h('details', { className: 'field-menu' }, h('summary', {}, sw.menu),
    h('nav', { className: 'field-menu-list' },
      h('p', { className: 'field-menu-who' }, deps.me.displayName),
      ...tabs.map(([name, label]) => h('a', { className: 'field-menu-item', href: `#/${name}`, 'data-route': name }, label)),
      h('label', { className: 'field-menu-item' }, t.language, langSelect)));
  const header = h('header', { className: 'field-header' }, h('a', { className: 'field-brand', href: '#/home' }, t.appName), offline, syncLink, menu);
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
    scrollTo(0, 0);
    if (!screen) return mount(view, h('p', { className: 'muted' }, sw.noScreen));
    const done = await screen(view, app, route.params);
    if (mine === current) cleanup = done;
    else if (typeof done === 'function') done();
  };
  addEventListener('hashchange', () => void render());
  addEventListener('online', showOffline);
  addEventListener('offline', showOffline);
  void render();

  return {
    app,
    banner,
    dirtyCount: () => dirty.size,
    onDirtyChange: (l) => void dirtyListeners.push(l),
    async refreshCount() {
      const n = await deps.app.records.unsyncedCount();
      count.textContent = String(n);
      syncLink.classList.toggle('is-zero', n === 0);
      syncLink.setAttribute('aria-label', swr('unsynced', { n }));
      return n;
    },
  };
}
