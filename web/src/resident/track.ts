/** The tracking page: status, public steps and expected time by code; rating once checked; "me too". */
import { h, mount } from './dom';
import { t, language } from './i18n';
import { call, PublicError } from './api';
import { deviceId, keyFor } from './keys';

import type { CaseTracking as Track } from '../../../core/schemas/cases.response';
const fmt = (iso: string) => new Date(iso).toLocaleString(language, { hour12: false });

/** Renders the tracking page for a code (or a code form). */
export async function trackPage(root: HTMLElement, code: string | null): Promise<void> {
  const input = h('input', { type: 'text', placeholder: '632221-XXXXXXXX', value: code ?? '', autocapitalize: 'characters' });
  const form = h('form', { className: 'card row' }, input, h('button', { type: 'submit' }, t.search));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.href = `/track/${input.value.trim().toUpperCase()}`;
  });
  if (!code) return mount(root, h('label', {}, t.enterCode), form);
  let c: Track;
  try {
    c = await call<Track>(`/api/public/cases/${encodeURIComponent(code)}`);
  } catch (e) {
    return mount(root, form, h('div', { className: 'card err' }, (e as PublicError).status === 404 ? t.notFound : (e as Error).message));
  }
  // Only the reporter rates: the key their tracking link carries (or this phone kept) proves it.
  const reporterKey = keyFor(c.code);
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
      h('p', {}, `${t.status}：`, h('span', { className: 'status', 'data-testid': 'track-status' }, t.st[c.status] ?? c.status)),
      h('div', { className: 'muted' }, c.category ?? t.private, c.place ? ` · ${c.place}` : ''),
      c.expectedBy && h('div', { className: 'muted' }, `${t.expected}：${fmt(c.expectedBy)}`),
      c.satisfaction && h('div', { className: 'ok' }, `${t.thanks}：${t[c.satisfaction as 'satisfied']}`)),
    c.canRate && rating,
    h('div', { className: 'card' }, h('b', {}, t.steps), h('ol', { className: 'steps', 'data-testid': 'track-steps' }, ...c.timeline.map((s) => h('li', {}, h('div', {}, t.ev[s.type] ?? s.type), h('div', { className: 'muted' }, fmt(s.at)))))),
    c.canMeToo && h('div', { className: 'card row' }, h('span', {}, `${t.meToo}: ${c.meTooCount}`), h('button', { type: 'button', onclick: async (e: Event) => {
      const button = e.target as HTMLButtonElement;
      const r = await call<{ counted: boolean }>(`/api/public/cases/${c.code}/me-too`, { method: 'POST', body: { deviceId: deviceId() }, key: crypto.randomUUID() });
      button.textContent = r.counted ? t.meTooDone : t.meTooAlready;
      button.disabled = true;
    } }, t.meToo)));
}
