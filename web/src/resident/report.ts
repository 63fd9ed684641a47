/** The report form: category, text, photos, a voice note, the location from the phone or the map, optional contact. */
import { h, mount } from './dom';
import { language, t } from './i18n';
import { call, PublicError, uploadFile } from './api';
import { photoUploads, placeControls, sendOnce } from './form-parts';
import { deviceId, rememberKey, trackingLink } from './keys';

// Types only: the resident entry stays free of zod at run time.
import type { Category } from '../../../core/schemas/catalog.response';
import type { CaseCreated as Created } from '../../../core/schemas/cases.response';

const KEY = 'anwang.pendingReport';

/** Renders the report page into `root`. */
export async function reportPage(root: HTMLElement): Promise<void> {
  const cats = await call<Category[]>('/api/public/categories');
  let voiceId: string | undefined;
  const err = h('div', { className: 'err', role: 'alert' });
  // Names in the reader's language; a private category (family dispute, tip-off) is marked confidential.
  const nameOf = (c: Category) => (language === 'en' ? c.nameEn || c.name : language === 'zh-TW' ? c.nameZhTw || c.name : c.name);
  const category = h('select', { name: 'category', required: true }, h('option', { value: '' }, t.choose),
    ...cats.filter((c) => !c.parentId).map((g) => h('optgroup', { label: nameOf(g) }, ...cats.filter((c) => c.parentId === g.id).map((c) => h('option', { value: c.id }, `${nameOf(c)}${c.isPublic ? '' : t.confidential}`)))));
  const privateNote = h('p', { className: 'note', hidden: true, 'data-testid': 'private-note' }, t.privateNote);
  category.addEventListener('change', () => (privateNote.hidden = cats.find((c) => c.id === category.value)?.isPublic !== false));
  const text = h('textarea', { name: 'description', placeholder: t.descHint, maxLength: 2000 });
  const photos = photoUploads(t, err, 9, 'photo-input');
  const recordBtn = h('button', { type: 'button' }, t.record);
  const voiceState = h('span', { className: 'muted' });
  let recorder: MediaRecorder | null = null;
  recordBtn.addEventListener('click', async () => {
    if (recorder) return recorder.stop();
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const chunks: Blob[] = [];
      recorder = new MediaRecorder(stream);
      recorder.ondataavailable = (e) => chunks.push(e.data);
      recorder.onstop = async () => {
        stream.getTracks().forEach((x) => x.stop());
        recorder = null;
        recordBtn.textContent = t.record;
        voiceState.textContent = t.uploading;
        const r = await uploadFile(new Blob(chunks, { type: chunks[0]?.type || 'audio/webm' }), 'voice.webm', () => undefined).catch((e: PublicError) => ((voiceState.textContent = e.message), null));
        if (r) { voiceId = r.id; voiceState.textContent = '✓'; }
      };
      recorder.start();
      recordBtn.textContent = t.stop;
    } catch {
      voiceState.textContent = t.failed;
    }
  });
  const place = placeControls(t);
  const name = h('input', { type: 'text', name: 'name', maxLength: 50, autocomplete: 'name' });
  const phone = h('input', { type: 'tel', name: 'phone', maxLength: 20, autocomplete: 'tel' });
  const submit = h('button', { type: 'submit', className: 'primary' }, t.submit);
  const form = h('form', { className: 'card', novalidate: true },
    h('label', {}, t.category), category, privateNote,
    h('label', {}, t.description), text,
    h('label', {}, t.photos), h('div', { className: 'row' }, h('button', { type: 'button', onclick: () => photos.input.click() }, t.addPhoto), photos.input), photos.thumbs,
    h('label', {}, t.voice), h('div', { className: 'row' }, recordBtn, voiceState),
    h('label', {}, t.location), place.gps, h('div', { className: 'row' }, place.state), h('div', { className: 'row muted' }, t.orMap, place.pick), place.mapBox,
    h('label', {}, t.name), name,
    h('label', {}, t.phone), phone,
    h('p', {}, err), submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    err.textContent = '';
    const where = place.where();
    if (!where) return void (err.textContent = t.needLocation);
    const body = { categoryId: category.value, description: text.value, lat: where.lat, lng: where.lng, name: name.value || undefined, phone: phone.value || undefined, uploadIds: [...photos.ids(), voiceId].filter(Boolean) };
    // One key per report, kept until it succeeds: a retry after a dropped connection never makes a second case.
    const r = await sendOnce<Created>(KEY, '/api/public/cases', body, submit, err, t);
    if (r) done(root, r);
  });
  mount(root, form);
}

function done(root: HTMLElement, r: Created): void {
  if (r.reporterKey) rememberKey(r.code, r.reporterKey);
  const link = trackingLink(r.code, r.reporterKey);
  mount(root,
    h('div', { className: 'card' },
      h('h2', { className: 'ok' }, t.done),
      h('div', { className: 'muted' }, t.yourCode),
      h('div', { className: 'code', 'data-testid': 'tracking-code' }, r.code),
      h('p', { className: 'muted' }, t.keepLink),
      h('div', { className: 'muted', 'data-testid': 'tracking-link', style: 'word-break:break-all' }, `${location.origin}${link}`),
      h('a', { href: link }, h('button', { className: 'primary', type: 'button' }, t.view))),
    r.duplicates.length > 0 && h('div', { className: 'card' }, h('b', {}, t.similar),
      ...r.duplicates.map((d) => h('div', { className: 'row' }, h('a', { href: `/track/${d.code}` }, d.code), h('span', { className: 'muted' }, `${d.distance} m`),
        h('button', { type: 'button', onclick: async (e: Event) => { await call(`/api/public/cases/${d.code}/me-too`, { method: 'POST', body: { deviceId: deviceId() }, key: crypto.randomUUID() }); (e.target as HTMLButtonElement).textContent = t.meTooDone; } }, t.meToo)))));
}
