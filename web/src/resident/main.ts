/** The resident H5 entry: /report to report a problem, /track/<code> to follow it; /report/petition and a petition code's tracking page are the petitioner's, /report/mediation and a dispute code's the mediation applicant's (each their own script). No framework: it must load fast on a weak connection. */
import './resident.css';
import { h, mount } from './dom';
import { language, languages, switchLanguage, t } from './i18n';
import type { Language } from './words';
import { reportPage } from './report';
import { trackPage } from './track';
import { isPetitionCode } from './petition-code';
import { isDisputeCode } from './dispute-code';

const app = document.getElementById('app')!;
const main = h('main');
const path = location.pathname;
const tracking = path.startsWith('/track');
// The language switch keeps the choice in the staff app's `lang` cookie.
const switcher = h('select', { 'aria-label': t.language, 'data-testid': 'resident-language', onchange: (e: Event) => switchLanguage((e.target as HTMLSelectElement).value as Language) },
  ...languages.map((l) => h('option', { value: l.code, selected: l.code === language }, l.label)));
// Petition pages (网上信访 at /report/petition, a petition code's tracking page) bring their own script and words.
const code = tracking ? decodeURIComponent(path.split('/')[2] ?? '') || null : null;
const petition = path.startsWith('/report/petition') || (!!code && isPetitionCode(code));
// Mediation (申请调解 at /report/mediation, a dispute code's follow-up) likewise.
const mediation = path.startsWith('/report/mediation') || (!!code && isDisputeCode(code));
const frame = (title: string) => {
  mount(app, h('header', {}, h('h1', {}, `${t.brand} · ${title}`), h('nav', {}, switcher, h('a', { href: tracking ? '/report' : '/track' }, tracking ? t.title : t.track))), main,
    // The report page points petitioners to their own form (a petition has statutory periods and a written reply).
    !tracking && !petition && !mediation && h('p', { className: 'muted', style: 'text-align:center' }, h('a', { href: '/report/petition', 'data-testid': 'to-petition' }, t.petition), ' · ', h('a', { href: '/report/mediation', 'data-testid': 'to-mediation' }, t.mediation)));
  document.title = `${t.brand} · ${title}`;
};
// A code no petition or dispute holds may be an older case's (core/tracking-code.ts).
const asCase = () => {
  frame(t.track);
  return trackPage(main, code);
};
if (mediation) {
  void import('./dispute').then((m) => {
    frame(m.disputeTitle(tracking));
    return tracking ? m.disputeTrackPage(main, code!, asCase) : m.disputePage(main);
  });
} else if (petition) {
  void import('./petition').then((m) => {
    frame(m.petitionTitle(tracking));
    return tracking ? m.petitionTrackPage(main, code!, asCase) : m.petitionPage(main);
  });
} else {
  frame(tracking ? t.track : t.title);
  void (tracking ? trackPage(main, code) : reportPage(main));
}
