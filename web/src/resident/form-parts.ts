/** Parts both resident forms (the report and the online petition) use: the place from the phone or the map, photo uploads, and sending once. */
import { h } from './dom';
import { call, PublicError, uploadFile } from './api';

/** The words the parts show, from the page's own dictionary. */
export interface PartWords { useGps: string; locating: string; gpsFailed: string; located: string; pickMap: string; uploading: string; failed: string; retry: string; sending: string }

/** The phone's position first (one tap); the map when it fails or is not precise enough. */
export function placeControls(w: PartWords) {
  let where: { lat: number; lng: number } | null = null;
  const state = h('span', { className: 'muted', 'data-testid': 'place-state' });
  const set = (lat: number, lng: number) => {
    where = { lat, lng };
    state.textContent = `${w.located} ${lat.toFixed(5)}, ${lng.toFixed(5)}`;
  };
  const mapBox = h('div', { id: 'map', hidden: true });
  let mapOpen = false;
  const openMap = async () => {
    mapBox.hidden = false;
    if (mapOpen) return;
    mapOpen = true;
    const { openPicker } = await import('./map'); // Leaflet loads only when someone opens the map
    await openPicker(mapBox, where, set);
  };
  const gps = h('button', { type: 'button', className: 'gps', onclick: () => {
    if (!navigator.geolocation) return void ((state.textContent = w.gpsFailed), openMap());
    state.textContent = w.locating;
    navigator.geolocation.getCurrentPosition((p) => set(p.coords.latitude, p.coords.longitude), () => ((state.textContent = w.gpsFailed), void openMap()), { enableHighAccuracy: true, timeout: 15000 });
  } }, w.useGps);
  const pick = h('button', { type: 'button', className: 'link', 'data-testid': 'pick-map', onclick: () => void openMap() }, w.pickMap);
  return { gps, pick, state, mapBox, where: () => where };
}

/** Photos uploaded as they are picked (weak connections), each with its progress; `ids` are those that arrived. */
export function photoUploads(w: PartWords, err: HTMLElement, max: number, testId: string) {
  const photos: { id?: string }[] = [];
  const thumbs = h('div', { className: 'thumbs' });
  const input = h('input', { type: 'file', accept: 'image/*', multiple: true, hidden: true, 'data-testid': testId });
  input.addEventListener('change', () => {
    for (const f of Array.from(input.files ?? []).slice(0, max - photos.length)) {
      const el = h('div', { style: `background-image:url(${URL.createObjectURL(f)})` }, h('span', {}, `${w.uploading} 0%`));
      const p: { id?: string } = {};
      photos.push(p);
      thumbs.append(el);
      uploadFile(f, f.name, (pct) => (el.firstChild!.textContent = `${w.uploading} ${pct}%`))
        .then((r) => { p.id = r.id; el.firstChild!.textContent = '✓'; })
        .catch((e: PublicError) => { el.firstChild!.textContent = w.failed; err.textContent = e.message; });
    }
    input.value = '';
  });
  return { input, thumbs, ids: () => photos.map((p) => p.id).filter((x): x is string => !!x) };
}

/**
 * Posts a form's body with one Idempotency-Key per intent, kept in sessionStorage until it succeeds, so a retry
 * after a dropped connection never makes a second record; the button shows it is sending, failures go to `err`.
 */
export async function sendOnce<T>(storageKey: string, path: string, body: unknown, submit: HTMLButtonElement, err: HTMLElement, w: PartWords): Promise<T | null> {
  const pending = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as { key: string; body: string } | null;
  const key = pending && pending.body === JSON.stringify(body) ? pending.key : crypto.randomUUID();
  sessionStorage.setItem(storageKey, JSON.stringify({ key, body: JSON.stringify(body) }));
  const label = submit.textContent;
  submit.disabled = true;
  submit.textContent = w.sending;
  try {
    const r = await call<T>(path, { method: 'POST', body, key });
    sessionStorage.removeItem(storageKey);
    return r;
  } catch (x) {
    const pe = x as PublicError;
    err.textContent = pe.code === 'NETWORK' ? w.retry : [pe.message, ...(pe.details ?? []).map((d) => d.message)].join(' ');
    return null;
  } finally {
    submit.disabled = false;
    submit.textContent = label;
  }
}
