/** One attempt of one outbox row over HTTP: the record id is the Idempotency-Key, every time. */
import type { OutboxRow } from '../store/types';
import type { Answer } from './states';

/** Sends a row (with its file for an attachment); `null` when no answer came (offline, timeout, connection cut). */
export type Send = (row: OutboxRow, file?: Blob) => Promise<Answer>;

/** The sender over fetch; `base` is '' in the browser (same origin, session cookie) and a server's URL in tests. */
export function httpSend(base: string, language: string, init: { timeoutMs?: number; headers?: () => Record<string, string> } = {}): Send {
  return async (row, file) => {
    const headers: Record<string, string> = { 'idempotency-key': row.id, 'accept-language': language, ...init.headers?.() };
    let body: BodyInit;
    if (row.kind === 'attachment') {
      const form = new FormData();
      form.append('file', file ?? new Blob([]), row.attachment?.name ?? 'file');
      body = form;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(row.body);
    }
    try {
      const res = await fetch(base + row.path, { method: row.method, headers, body, credentials: 'same-origin', signal: AbortSignal.timeout(init.timeoutMs ?? 30_000) });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = { error: { code: 'HTTP', message: text.slice(0, 200) } };
      }
      return { status: res.status, body: parsed };
    } catch {
      return null;
    }
  };
}
