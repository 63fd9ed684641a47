/**
 * Photos and voice notes taken in the field. A phone photo (4000 px, 3–6 MB) is redrawn to at most 1600 px on its
 * long side as a JPEG of quality 0.8 before it is stored (about 300 KB: the device keeps it until it is uploaded,
 * over a weak connection). Voice comes from the phone's own recorder through a file input, so no microphone
 * permission or MediaRecorder format question arises.
 */
import type { AttachmentInput } from './contracts';
import { h } from '../resident/dom';
import { t } from './words';

export const photoRules = { maxSide: 1600, quality: 0.8, type: 'image/jpeg' } as const;

/** The size a picture is drawn at: its own when it fits, else scaled down to `max` on the long side (never up). */
export function fitWithin(width: number, height: number, max: number = photoRules.maxSide): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const k = max / long;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Redraws a photo to at most 1600 px as JPEG q 0.8 (EXIF orientation applied). A file the browser cannot decode is kept as it is. */
export async function shrinkPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const size = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff'; // a transparent PNG gets a white ground, not black, as JPEG
  g.fillRect(0, 0, size.width, size.height);
  g.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, photoRules.type, photoRules.quality));
  return blob ?? file;
}

/** A file name for a stored photo (the original name with .jpg). */
const jpgName = (name: string) => `${name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;

/**
 * The photo and voice pickers of a form: a camera button, a recorder button, thumbnails. `files()` gives what to
 * save with the record; `onChange` runs after each pick or removal.
 */
export function mediaPicker(opts: { testId: string; maxPhotos?: number; onChange?: () => void }) {
  const picked: (AttachmentInput & { url: string })[] = [];
  const thumbs = h('div', { className: 'thumbs', 'data-testid': `${opts.testId}-thumbs` });
  const redraw = () => {
    thumbs.replaceChildren(...picked.map((p, i) => {
      const remove = () => {
        URL.revokeObjectURL(p.url);
        picked.splice(i, 1);
        redraw();
        opts.onChange?.();
      };
      return p.kind === 'photo'
        ? h('img', { src: p.url, alt: t.photo, title: t.photo, onclick: remove })
        : h('span', { className: 'voice', title: t.voiceNote, onclick: remove }, t.voiceNote);
    }));
  };
  const photoInput = h('input', { type: 'file', accept: 'image/*', capture: 'environment', multiple: true, hidden: true, 'data-testid': `${opts.testId}-photo` });
  const voiceInput = h('input', { type: 'file', accept: 'audio/*', capture: 'user', hidden: true, 'data-testid': `${opts.testId}-voice` });
  photoInput.addEventListener('change', async () => {
    const room = (opts.maxPhotos ?? 9) - picked.filter((p) => p.kind === 'photo').length;
    for (const f of Array.from(photoInput.files ?? []).slice(0, Math.max(0, room))) {
      const blob = await shrinkPhoto(f);
      picked.push({ kind: 'photo', blob, name: blob === f ? f.name : jpgName(f.name), url: URL.createObjectURL(blob) });
    }
    photoInput.value = '';
    redraw();
    opts.onChange?.();
  });
  voiceInput.addEventListener('change', () => {
    const f = voiceInput.files?.[0];
    if (f) picked.push({ kind: 'voice', blob: f, name: f.name || 'voice', url: '' });
    voiceInput.value = '';
    redraw();
    opts.onChange?.();
  });
  const el = h('div', { className: 'field' },
    h('div', { className: 'row' },
      h('button', { type: 'button', className: 'btn', onclick: () => photoInput.click() }, t.addPhoto),
      h('button', { type: 'button', className: 'btn', onclick: () => voiceInput.click() }, t.addVoice)),
    photoInput, voiceInput, thumbs);
  return {
    el,
    files: (): AttachmentInput[] => picked.map(({ kind, blob, name }) => ({ kind, blob, name })),
    clear: () => {
      for (const p of picked) if (p.url) URL.revokeObjectURL(p.url);
      picked.length = 0;
      redraw();
    },
  };
}
