/** JSON calls for the resident page, with the error message the server localised. */
import { language } from './i18n';

export class PublicError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: { path: string; message: string }[] = []) {
    super(message);
  }
}

/** Calls /api/public/… ; throws PublicError with the server's code and message. */
export async function call<T>(path: string, init: { method?: string; body?: unknown; key?: string; headers?: Record<string, string> } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: { 'accept-language': language, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.key ? { 'idempotency-key': init.key } : {}), ...init.headers },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new PublicError(res.status, data.error?.code ?? 'NETWORK', data.error?.message ?? res.statusText, data.error?.details);
  return data as T;
}

/** A picture the server gives only with a header (the reporter's key), as an address an <img> can show. */
export async function imageUrl(path: string, headers: Record<string, string>): Promise<string | null> {
  const res = await fetch(path, { headers }).catch(() => null);
  return res?.ok ? URL.createObjectURL(await res.blob()) : null;
}

/** Uploads one file with progress; resolves to the upload id. */
export function uploadFile(file: Blob, name: string, onProgress: (pct: number) => void): Promise<{ id: string; kind: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.append('file', file, name);
    xhr.open('POST', '/api/public/uploads');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const data = JSON.parse(xhr.responseText || '{}');
      if (xhr.status === 201) resolve(data);
      else reject(new PublicError(xhr.status, data.error?.code ?? 'UPLOAD', data.error?.details?.[0]?.message ?? data.error?.message ?? 'upload failed'));
    };
    xhr.onerror = () => reject(new PublicError(0, 'NETWORK', 'network'));
    xhr.send(form);
  });
}
