/**
 * The tracking page: status, its clocks each for what it means (a response within the hour, then the expected
 * resolution), public steps; for the reporter (the link's key) the checked result and its after-photos, then the
 * rating; "me too".
 */
import { h, mount } from './dom';
import { t, language } from './i18n';
import { call, imageUrl, PublicError } from './api';
import { deviceId, keyFor } from './keys';

import type { CaseTracking as Track } from '../../../core/schemas/cases.response';
// China time for everyone: the clocks are promises of a Chinese office.
const fmt = (iso: string) => new Date(iso).toLocaleString(language, { hour12: false, timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The handler's report-back text and after-photos (fetched with the key, which never goes in a URL). */
function resultCard(c: Track, key: string): HTMLElement | null {
  if (!c.result) return null;
  const photos = h('div', { className: 'thumbs result-photos', 'data-testid': 'result-photos' });
  for (const p of c.result.photos) {
    void imageUrl(p.url, { 'x-reporter-key': key }).then((src) => src && photos.append(h('a', { href: src, target: '_blank' }, h('img', { src, alt: t.resultPhotos }))));
  }
  return h('div', { className: 'card', 'data-testid': 'result' },
    h('b', {}, t.result),
    c.result.text && h('p', { className: 'result-text', 'data-testid': 'result-text' }, c.result.text),
    c.result.photos.length > 0 && h('div', { className: 'muted' }, t.resultPhotos),
    photos);
}

/** Renders the tracking page for a code (or a code form). */
export async function trackPage(root: HTMLElement, code: string | null): Promise<void> {
  const input = h('input', { type: 'text', placeholder: '632221-XXXXXXXX', value: code ?? '', autocapitalize: 'characters' });
  const form = h('form', { className: 'card row' }, input, h('button', { type: 'submit' }, t.search));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.href = `/track/${input.value.trim().toUpperCase()}`;
  });
  if (!code) return mount(root, h('label', {}, t.enterCode), form);
  // Only the reporter rates and sees the result: the key their tracking link carries (or this phone kept) proves it.
  const reporterKey = keyFor(code);
  let c: Track;
  try {
    c = await call<Track>(`/api/public/cases/${encodeURIComponent(code)}`, { headers: reporterKey ? { 'x-reporter-key': reporterKey } : {} });
  } catch (e) {
    return mount(root, form, h('div', { className: 'card err' }, (e as PublicError).status === 404 ? t.notFound : (e as Error).message));
  }
  const ratingErr = h('div', { className: 'err', role: 'alert' });
  const rating = reporterKey
    ? h('div', { className: 'card', 'data-testid': 'rating' }, h('b', {}, t.rate), h('div', { className: 'row', style: 'margin-top:8px' },
      ...(['satisfied', 'basically', 'unsatisfied'] as const).map((s) => h('button', { type: 'button', onclick: async () => {
        try {
          await call(`/api/public/cases/${c.code}/rating`, { method: 'POST', body: { satisfaction: s, key: reporterKey }, key: crypto.randomUUID() });
          await trackPage(root, c.code);
        } catch (e) {
          ratingErr.textContent = (e as PublicError).status === 404 ? t.rateNeedsLink : (e as Error).message;
        }
      } }, t[s]))), ratingErr)
    : h('div', { className: 'card muted', 'data-testid': 'rating-needs-link' }, t.rateNeedsLink);
  mount(root,
    form,
    h('div', { className: 'card' },
      h('div', { className: 'code' }, c.code),
      h('p', {}, `${t.status}${t.colon}`, h('span', { className: 'status', 'data-testid': 'track-status' }, t.st[c.status] ?? c.status)),
      h('div', { className: 'muted' }, c.category ?? t.private, c.place ? ` · ${c.place}` : ''),
      c.respondBy && h('div', { className: 'muted', 'data-testid': 'respond-by' }, `${t.respondBy} ${fmt(c.respondBy)}`),
      c.expectedBy && h('div', { className: 'muted', 'data-testid': 'expected-by' }, `${t.expected}${t.colon}${fmt(c.expectedBy)}`),
      c.satisfaction && h('div', { className: 'ok' }, `${t.thanks}${t.colon}${t[c.satisfaction as 'satisfied']}`)),
    // What was done comes before the question of how well.
    reporterKey && resultCard(c, reporterKey),
    c.canRate && rating,
    h('div', { className: 'card' }, h('b', {}, t.steps), h('ol', { className: 'steps', 'data-testid': 'track-steps' }, ...c.timeline.map((s) => h('li', {}, h('div', {}, t.ev[s.type] ?? s.type), h('div', { className: 'muted' }, fmt(s.at)))))),
    c.canMeToo && h('div', { className: 'card row' }, h('span', {}, `${t.meToo}${t.colon}${c.meTooCount}`), h('button', { type: 'button', onclick: async (e: Event) => {
      const button = e.target as HTMLButtonElement;
      const r = await call<{ counted: boolean }>(`/api/public/cases/${c.code}/me-too`, { method: 'POST', body: { deviceId: deviceId() }, key: crypto.randomUUID() });
      button.textContent = r.counted ? t.meTooDone : t.meTooAlready;
      button.disabled = true;
    } }, t.meToo)));
}
