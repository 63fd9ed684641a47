/**
 * The petitioner's pages (loaded only on them): 网上信访 at /report/petition, light and phone-first like the report
 * page, answering a petition code and a tracking link; and /track/<petition code>: stage, dates and steps without
 * any personal data, and for the petitioner (the link's key) the rating once a reply has been served.
 */
import { h, mount } from './dom';
import { language } from './i18n';
import { call, type PublicError } from './api';
import { photoUploads, placeControls, sendOnce } from './form-parts';
import { keyFor, rememberKey, trackingLink } from './keys';
import { pen, pzhCN, pzhTW } from './petition-words';
import { lastDayOf } from './due-day';
import { normaliseMobile } from '../../../core/contact';

// Types only: the resident entry stays free of zod at run time.
import type { Category } from '../../../core/schemas/catalog.response';
import type { PetitionRegistered, PetitionTracking } from '../../../core/schemas/petitions.response';

const p = language === 'en' ? pen : language === 'zh-TW' ? pzhTW : pzhCN;
const KEY = 'anwang.pendingPetition';
// China time for everyone: the periods are those of a Chinese office.
const fmt = (iso: string) => new Date(iso).toLocaleString(language, { hour12: false, timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const fmtDay = (iso: string) => new Date(iso).toLocaleDateString(language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The page's title, for the header and the browser tab. */
export function petitionTitle(tracking: boolean): string {
  return tracking ? p.track : p.title;
}

/** Renders the online petition form into `root`. */
export async function petitionPage(root: HTMLElement): Promise<void> {
  const cats = await call<Category[]>('/api/public/categories');
  const err = h('div', { className: 'err', role: 'alert', 'data-testid': 'petition-error' });
  const nameOf = (c: Category) => (language === 'en' ? c.nameEn || c.name : language === 'zh-TW' ? c.nameZhTw || c.name : c.name);
  const kind = h('div', { className: 'row' }, ...(['complaint', 'suggestion'] as const).map((k, i) => h('label', { className: 'choice' }, h('input', { type: 'radio', name: 'kind', value: k, checked: i === 0 }), ` ${p[k]}`)));
  const category = h('select', { name: 'category', required: true }, h('option', { value: '' }, p.choose),
    ...cats.filter((c) => !c.parentId).map((g) => h('optgroup', { label: nameOf(g) }, ...cats.filter((c) => c.parentId === g.id).map((c) => h('option', { value: c.id }, nameOf(c))))));
  const matter = h('textarea', { name: 'matter', placeholder: p.matterHint, maxLength: 4000 });
  const place = placeControls(p);
  const address = h('input', { type: 'text', name: 'address', maxLength: 200 });
  const name = h('input', { type: 'text', name: 'name', maxLength: 50, autocomplete: 'name' });
  const idNumber = h('input', { type: 'text', name: 'idNumber', maxLength: 18, autocapitalize: 'characters' });
  const phone = h('input', { type: 'tel', name: 'phone', maxLength: 20, autocomplete: 'tel' });
  const photos = photoUploads(p, err, 9, 'petition-photo-input');
  const submit = h('button', { type: 'submit', className: 'primary' }, p.submit);
  const form = h('form', { className: 'card', novalidate: true, 'data-testid': 'petition-form' },
    h('p', { className: 'note' }, p.intro),
    h('label', {}, p.kind), kind, h('div', { className: 'muted' }, p.accusationNote),
    h('label', {}, p.category), category,
    h('label', {}, p.matter), matter,
    h('label', {}, p.place), place.gps, h('div', { className: 'row' }, place.state), place.pick, place.mapBox,
    h('label', {}, p.address), address,
    h('label', {}, p.photos), h('div', { className: 'row' }, h('button', { type: 'button', onclick: () => photos.input.click() }, p.addPhoto), photos.input), photos.thumbs,
    h('label', {}, p.name), name,
    h('label', {}, p.idNumber), idNumber,
    h('label', {}, p.phone), phone,
    h('p', {}, err), submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.textContent = '';
    const missing = [[category.value, p.category], [matter.value.trim(), p.matter], [name.value.trim(), p.name], [phone.value.trim(), p.phone]].find(([v]) => !v);
    if (missing) return void (err.textContent = `${p.required}${p.colon}${missing[1]}`);
    if (!normaliseMobile(phone.value)) return void (err.textContent = p.badPhone);
    // The server locates the matter to a grid: the place is asked before anything is sent.
    if (!place.where()) return void (err.textContent = p.needPlace);
    const chosen = (form.querySelector('input[name=kind]:checked') as HTMLInputElement | null)?.value ?? 'complaint';
    const body = {
      kind: chosen, categoryId: category.value, matter: matter.value, ...(place.where() ?? {}), address: address.value || undefined,
      name: name.value, idNumber: idNumber.value.trim().toUpperCase() || undefined, phone: phone.value.trim(), uploadIds: photos.ids(),
    };
    // One key per petition, kept until it succeeds: a retry after a dropped connection never registers it twice.
    const r = await sendOnce<PetitionRegistered>(KEY, '/api/public/petitions', body, submit, err, p);
    if (r) done(root, r);
  });
  mount(root, form);
}

function done(root: HTMLElement, r: PetitionRegistered): void {
  if (r.petitionerKey) rememberKey(r.code, r.petitionerKey);
  const link = trackingLink(r.code, r.petitionerKey);
  mount(root, h('div', { className: 'card' },
    h('h2', { className: 'ok' }, p.done),
    h('div', { className: 'muted' }, p.yourCode),
    h('div', { className: 'code', 'data-testid': 'petition-code' }, r.code),
    h('p', { className: 'muted' }, p.keepLink),
    h('div', { className: 'muted', 'data-testid': 'petition-link', style: 'word-break:break-all' }, `${location.origin}${link}`),
    h('a', { href: link }, h('button', { className: 'primary', type: 'button' }, p.view))));
}

/** Renders the tracking page of a petition code (orElse: what to show when no petition has it). */
export async function petitionTrackPage(root: HTMLElement, code: string, orElse?: () => Promise<void>): Promise<void> {
  const input = h('input', { type: 'text', placeholder: '632221-X1234567', value: code, autocapitalize: 'characters' });
  const form = h('form', { className: 'card row' }, input, h('button', { type: 'submit' }, p.search));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.href = `/track/${input.value.trim().toUpperCase()}`;
  });
  // Only the petitioner rates: the key their tracking link carries (or this phone kept) proves it.
  const petitionerKey = keyFor(code);
  let c: PetitionTracking;
  try {
    c = await call<PetitionTracking>(`/api/public/petitions/${encodeURIComponent(code)}`, { headers: petitionerKey ? { 'x-petitioner-key': petitionerKey } : {} });
  } catch (e) {
    // A case code made before case codes kept off this kind's letter (core/tracking-code.ts) is a case's.
    if ((e as PublicError).status === 404 && orElse) return orElse();
    return mount(root, form, h('div', { className: 'card err' }, (e as PublicError).status === 404 ? p.notFound : (e as Error).message));
  }
  const ratingErr = h('div', { className: 'err', role: 'alert' });
  const rating = petitionerKey
    ? h('div', { className: 'card', 'data-testid': 'petition-rating' }, h('b', {}, p.rate), h('div', { className: 'row', style: 'margin-top:8px' },
      ...(['satisfied', 'basically', 'unsatisfied'] as const).map((s) => h('button', { type: 'button', onclick: async () => {
        try {
          await call(`/api/public/petitions/${c.code}/rating`, { method: 'POST', body: { rating: s, key: petitionerKey }, key: crypto.randomUUID() });
          await petitionTrackPage(root, c.code);
        } catch (e) {
          ratingErr.textContent = (e as PublicError).status === 404 ? p.rateNeedsLink : (e as Error).message;
        }
      } }, p[s]))), ratingErr)
    : h('div', { className: 'card muted', 'data-testid': 'petition-rating-needs-link' }, p.rateNeedsLink);
  const line = (label: string, value: string | null, testId: string) => value && h('div', { className: 'muted', 'data-testid': testId }, `${label}${p.colon}${value}`);
  mount(root,
    form,
    h('div', { className: 'card' },
      h('div', { className: 'code' }, c.code),
      h('p', {}, `${p.status}${p.colon}`, h('span', { className: 'status', 'data-testid': 'petition-stage' }, p.stage[c.stage] ?? c.stage)),
      line(p.registeredAt, fmtDay(c.registeredAt), 'petition-registered-at'),
      line(p.body, c.bodyName, 'petition-body'),
      line(p.expectedBy, c.expectedBy && fmtDay(lastDayOf(c.expectedBy).toISOString()), 'petition-expected-by'),
      line(p.servedAt, c.servedAt && fmt(c.servedAt), 'petition-served-at'),
      line(p.reviewUntil, c.reviewUntil && fmtDay(lastDayOf(c.reviewUntil).toISOString()), 'petition-review-until'),
      c.rating && h('div', { className: 'ok', 'data-testid': 'petition-rated' }, `${p.rated}${p.colon}${p[c.rating as 'satisfied']}`)),
    c.canRate && rating,
    h('div', { className: 'card' }, h('b', {}, p.steps), h('ol', { className: 'steps', 'data-testid': 'petition-steps' }, ...c.timeline.map((s) => h('li', {}, h('div', {}, p.ev[s.type] ?? s.type), h('div', { className: 'muted' }, fmt(s.at)))))));
}
