/** The resident H5 entry: /report to report a problem, /track/<code> to follow it. No framework: it must load fast on a weak connection. */
import './resident.css';
import { h, mount } from './dom';
import { language, languages, switchLanguage, t } from './i18n';
import type { Language } from './words';
import { reportPage } from './report';
import { trackPage } from './track';

const app = document.getElementById('app')!;
const main = h('main');
const path = location.pathname;
const tracking = path.startsWith('/track');
// The language switch keeps the choice in the staff app's `lang` cookie.
const switcher = h('select', { 'aria-label': t.language, 'data-testid': 'resident-language', onchange: (e: Event) => switchLanguage((e.target as HTMLSelectElement).value as Language) },
  ...languages.map((l) => h('option', { value: l.code, selected: l.code === language }, l.label)));
mount(app, h('header', {}, h('h1', {}, `${t.brand} · ${tracking ? t.track : t.title}`), h('nav', {}, switcher, h('a', { href: tracking ? '/report' : '/track' }, tracking ? t.title : t.track))), main);
document.title = `${t.brand} · ${tracking ? t.track : t.title}`;
const code = tracking ? decodeURIComponent(path.split('/')[2] ?? '') || null : null;
void (tracking ? trackPage(main, code) : reportPage(main));
