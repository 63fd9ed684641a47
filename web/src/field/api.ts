/** JSON calls of the field app's own (the sign-in, the device copy); records go through the outbox, never here. */
import { language } from './words';

/** The server has no Tibetan messages: it answers bo in Chinese (its fallback), so ask for that. */
export const serverLanguage = language === 'bo' ? 'zh-CN' : language;

/** A failed call: the HTTP status (0 = no network) and the server's code and localised message. */
export class FieldApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: { code?: string; message?: string }[] = []) {
    super(message);
  }
}

/** Calls the API with the session cookie and the page's language; throws FieldApiError. */
export async function call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: { 'accept-language': serverLanguage, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new FieldApiError(0, 'NETWORK', 'network');
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new FieldApiError(res.status, data.error?.code ?? 'HTTP', data.error?.message ?? res.statusText, data.error?.details);
  return data as T;
}
