/**
 * The field app's shell: a hash router over screens registered by name, the header (unsynced count, language), the
 * tab menu, the banners (update, sign in again) and the `FieldApp` every screen gets. Screens register through
 * screens/index.ts (helper U); the platform's own (sync, conflict, sign-in) through main.ts.
 */
import type { FieldApp, Me, Screen } from './contracts';
import { h, mount } from './dom';
import { sw } from './shell-words';
import { language, languages, switchLanguage, t, tr, type Language } from './words';

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
  const count = h('a', { className: 'badge zero', href: '#/sync', 'data-testid': 'sync-count', 'aria-label': tr('unsynced', { n: 0 }) }, '0');
  const offline = h('span', { className: 'chip', hidden: navigator.onLine, 'data-testid': 'offline' }, t.offline);
  const langSelect = h('select', { 'aria-label': t.language, onchange: (e: Event) => switchLanguage((e.target as HTMLSelectElement).value as Language) },
    ...languages.map((l) => h('option', { value: l.code, selected: l.code === language }, l.label)));
  const header = h('header', { className: 'bar' }, h('h1', { className: 'bar-title' }, t.appName), h('div', { className: 'bar-side' }, offline, count, langSelect));
  const tabs = [['home', t.home], ['sync', t.menuSync]] as const;
  const menu = h('nav', { className: 'menu' }, ...tabs.map(([name, label]) => h('a', { href: `#/${name}`, 'data-route': name }, label)));
  const banners = h('div', { className: 'banners' });
  const main = h('main', { className: 'screen' });
  mount(root, header, menu, banners, main);

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
    for (const a of menu.querySelectorAll('a')) a.classList.toggle('active', a.dataset.route === route.name);
    const screen = screens.get(route.name) ?? (route.name === 'home' ? screens.get('sync') : undefined);
    const view = h('section', { className: `view view-${route.name}` });
    mount(main, view);
    scrollTo(0, 0);
    if (!screen) return mount(view, h('p', { className: 'muted' }, sw.noScreen));
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
    banner,
    dirtyCount: () => dirty.size,
    onDirtyChange: (l) => void dirtyListeners.push(l),
    async refreshCount() {
      const n = await deps.app.records.unsyncedCount();
      count.textContent = String(n);
      count.classList.toggle('zero', n === 0);
      count.setAttribute('aria-label', tr('unsynced', { n }));
      return n;
    },
  };
}
