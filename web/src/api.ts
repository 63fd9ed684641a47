/** A small fetch wrapper: JSON in and out, the session cookie, and the server's stable error codes. */
import type { z } from 'zod';
import type { ErrorBody } from '../../core/schemas/common.schema';
import i18n from './i18n';

/** The error body every failure carries (core/schemas/common.schema ErrorBody). */
export type ApiErrorBody = z.infer<typeof ErrorBody>['error'];

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(body.message);
  }
}

let onSignedOut: (() => void) | null = null;
/** Called when the server says the session is gone (expired, signed out elsewhere). */
export function setSignedOutHandler(fn: () => void): void {
  onSignedOut = fn;
}

/** Calls the API (only the features' *.api.ts hooks do); `key` is the intent's Idempotency-Key. Throws ApiError with the server's code. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; form?: FormData; headers?: Record<string, string>; key?: string } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: { 'accept-language': i18n.language, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.key ? { 'idempotency-key': init.key } : {}), ...init.headers },
    body: init.form ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => ({ error: { code: 'INTERNAL', message: res.statusText } }));
  if (!res.ok) {
    const err = new ApiError(res.status, data.error);
    if ((err.body.code === 'SESSION_EXPIRED' || err.body.code === 'AUTH_REQUIRED') && !path.startsWith('/api/auth/login') && path !== '/api/auth/me') onSignedOut?.();
    throw err;
  }
  return data as T;
}
