/**
 * The residents' mediation pages (loaded only on them): 申请调解 at /report/mediation, light and phone-first like the
 * report page, answering a dispute code; and /track/<dispute code>: stage, dates, the committee and the steps,
 * without any personal data (no names, no reasons, no record).
 */
import { h, mount } from './dom';
import { language } from './i18n';
import { call, type PublicError } from './api';
import { placeControls, sendOnce } from './form-parts';
import { rememberKey } from './keys';
import { den, dzhCN, dzhTW } from './dispute-words';
import { normaliseMobile } from '../../../core/contact';
import { disputeCategories } from '../../../core/mediation/categories';

// Types only: the resident entry stays free of zod at run time.
import type { DisputeTracking } from '../../../core/schemas/disputes.response';

const d = language === 'en' ? den : language === 'zh-TW' ? dzhTW : dzhCN;
const KEY = 'anwang.pendingDispute';
// China time for everyone: the sessions are those of a Chinese committee.
const fmt = (iso: string) => new Date(iso).toLocaleString(language, { hour12: false, timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const fmtDay = (iso: string) => new Date(iso).toLocaleDateString(language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The page's title, for the header and the browser tab. */
export function disputeTitle(tracking: boolean): string {
  return tracking ? d.track : d.title;
}

/** Renders the online application form into `root`. */
export function disputePage(root: HTMLElement): void {
  const err = h('div', { className: 'err', role: 'alert', 'data-testid': 'dispute-error' });
  const category = h('select', { name: 'category', required: true, 'data-testid': 'dispute-category' }, h('option', { value: '' }, d.choose), ...disputeCategories.map((c) => h('option', { value: c }, d.cat[c] ?? c)));
  const facts = h('textarea', { name: 'facts', placeholder: d.factsHint, maxLength: 2000, 'data-testid': 'dispute-facts' });
  const claims = h('textarea', { name: 'claims', placeholder: d.claimsHint, maxLength: 1000, rows: 2 });
  const place = placeControls(d);
  const address = h('input', { type: 'text', name: 'address', maxLength: 200 });
  const name = h('input', { type: 'text', name: 'name', maxLength: 50, autocomplete: 'name', 'data-testid': 'dispute-name' });
  const phone = h('input', { type: 'tel', name: 'phone', maxLength: 20, autocomplete: 'tel', 'data-testid': 'dispute-phone' });
  const idNumber = h('input', { type: 'text', name: 'idNumber', maxLength: 18, autocapitalize: 'characters' });
  const otherKind = h('div', { className: 'row' }, ...(['person', 'organisation'] as const).map((k, i) => h('label', { className: 'choice' }, h('input', { type: 'radio', name: 'otherKind', value: k, checked: i === 0 }), ` ${d[k]}`)));
  const otherName = h('input', { type: 'text', name: 'otherName', maxLength: 100, 'data-testid': 'dispute-other-name' });
  const otherPhone = h('input', { type: 'tel', name: 'otherPhone', maxLength: 20 });
  const submit = h('button', { type: 'submit', className: 'primary' }, d.submit);
  const form = h('form', { className: 'card', novalidate: true, 'data-testid': 'dispute-form' },
    h('p', { className: 'note' }, d.intro),
    h('label', {}, d.category), category,
    h('label', {}, d.facts), facts,
    h('label', {}, d.claims), claims,
    h('label', {}, d.place), place.gps, h('div', { className: 'row' }, place.state), place.pick, place.mapBox,
    h('label', {}, d.address), address,
    h('h3', {}, d.you),
    h('label', {}, d.name), name,
    h('label', {}, d.phone), phone,
    h('label', {}, d.idNumber), idNumber,
    h('h3', {}, d.other),
    h('label', {}, d.otherKind), otherKind,
    h('label', {}, d.otherName), otherName,
    h('label', {}, d.otherPhone), otherPhone,
    h('p', {}, err), submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.textContent = '';
    const missing = [[category.value, d.category], [facts.value.trim(), d.facts], [name.value.trim(), d.name], [phone.value.trim(), d.phone], [otherName.value.trim(), d.otherName]].find(([v]) => !v);
    if (missing) return void (err.textContent = `${d.required}${d.colon}${missing[1]}`);
    if (!normaliseMobile(phone.value)) return void (err.textContent = d.badPhone);
    // The server finds the committee from the place: it is asked before anything is sent.
    if (!place.where()) return void (err.textContent = d.needPlace);
    const kind = (form.querySelector('input[name=otherKind]:checked') as HTMLInputElement | null)?.value ?? 'person';
    const body = {
      category: category.value, facts: facts.value.trim(), claims: claims.value.trim() || undefined, ...(place.where() ?? {}), address: address.value.trim() || undefined,
      name: name.value.trim(), phone: phone.value.trim(), idNumber: idNumber.value.trim().toUpperCase() || undefined,
      otherParty: { name: otherName.value.trim(), phone: otherPhone.value.trim() || undefined, kind },
    };
    // One key per application, kept until it succeeds: a retry after a dropped connection never registers it twice.
    const r = await sendOnce<{ code: string; committee: string; applicantKey?: string }>(KEY, '/api/public/disputes', body, submit, err, d);
    if (r) done(root, r);
  });
  mount(root, form);
}

function done(root: HTMLElement, r: { code: string; committee: string; applicantKey?: string }): void {
  if (r.applicantKey) rememberKey(r.code, r.applicantKey);
  mount(root, h('div', { className: 'card' },
    h('h2', { className: 'ok' }, d.done),
    h('div', { className: 'muted' }, d.yourCode),
    h('div', { className: 'code', 'data-testid': 'dispute-code' }, r.code),
    h('div', { className: 'muted' }, `${d.committee}${d.colon}${r.committee}`),
    h('p', { className: 'muted' }, d.keep),
    h('a', { href: `/track/${r.code}` }, h('button', { className: 'primary', type: 'button', 'data-testid': 'dispute-view' }, d.view))));
}

/** Renders the follow-up page of a dispute code (orElse: what to show when no dispute has it). */
export async function disputeTrackPage(root: HTMLElement, code: string, orElse?: () => Promise<void>): Promise<void> {
  const input = h('input', { type: 'text', placeholder: '632221-M1234567', value: code, autocapitalize: 'characters' });
  const form = h('form', { className: 'card row' }, input, h('button', { type: 'submit' }, d.search));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.href = `/track/${input.value.trim().toUpperCase()}`;
  });
  let c: DisputeTracking;
  try {
    c = await call<DisputeTracking>(`/api/public/disputes/${encodeURIComponent(code)}`);
  } catch (e) {
    // A case code made before case codes kept off this kind's letter (core/tracking-code.ts) is a case's.
    if ((e as PublicError).status === 404 && orElse) return orElse();
    return mount(root, form, h('div', { className: 'card err' }, (e as PublicError).status === 404 ? d.notFound : (e as Error).message));
  }
  const line = (label: string, value: string | null, testId: string) => value && h('div', { className: 'muted', 'data-testid': testId }, `${label}${d.colon}${value}`);
  mount(root,
    form,
    h('div', { className: 'card' },
      h('div', { className: 'code' }, c.code),
      h('p', {}, `${d.status}${d.colon}`, h('span', { className: 'status', 'data-testid': 'dispute-stage' }, d.stage[c.stage] ?? c.stage)),
      h('div', { className: 'muted' }, d.cat[c.category] ?? c.category),
      line(d.registeredAt, fmtDay(c.registeredAt), 'dispute-registered-at'),
      line(d.committee, c.committeeName, 'dispute-committee'),
      line(d.nextSession, c.nextSessionAt && fmt(c.nextSessionAt), 'dispute-next-session'),
      line(d.outcome, c.outcome && (d.outcomes[c.outcome] ?? c.outcome), 'dispute-outcome')),
    h('div', { className: 'card' }, h('b', {}, d.steps), h('ol', { className: 'steps', 'data-testid': 'dispute-steps' }, ...c.timeline.map((s) => h('li', {}, h('div', {}, d.ev[s.type] ?? s.type), h('div', { className: 'muted' }, fmt(s.at)))))));
}
