/**
 * The one mutation helper: every write sends an Idempotency-Key. The key belongs to a user intent: it is made
 * when the form or button action starts (`begin`), reused by a double click or a retry of that intent, and
 * dropped once the intent succeeded. A second run while one is in flight is ignored (and the button shows it).
 */
import { useCallback, useRef } from 'react';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { ApiError } from '../api';

/** What a send function receives besides its variables. */
export interface Intent {
  /** Send as the Idempotency-Key header. */
  key: string;
}

/** A fresh key (the server takes 8–100 letters, digits, - and _). */
export function newIntentKey(): string {
  return crypto.randomUUID();
}

/** Puts the server's field problems (paths like body.name) on the form's fields; true when some were placed. */
export function showFieldErrors(form: FormInstance, e: unknown, rename: (field: string) => string = (f) => f): boolean {
  if (!(e instanceof ApiError)) return false;
  const fields = (e.body.details ?? []).filter((d) => d.path.startsWith('body.')).map((d) => ({ name: rename(d.path.slice(5)).split('.'), errors: [d.message] }));
  if (fields.length) form.setFields(fields);
  return fields.length > 0;
}

/** How an intent ended. */
export type Outcome<R> = { ok: true; result: R } | { ok: false };

/** What a feature's hook lets its caller add: the form that shows field problems. */
export interface FormOptions {
  form?: FormInstance;
  /** Maps a server field name to the form's (categoryId → category). */
  rename?: (field: string) => string;
}

interface Options<V, R> extends FormOptions {
  /** Query keys whose data the write changes. */
  invalidates?: (vars: V, result: R) => QueryKey[];
  onSuccess?: (result: R, vars: V) => void;
  /** The caller shows the failure itself (from `error`), e.g. in an Alert on a sign-in page. */
  inline?: boolean;
}

/** A write with an Idempotency-Key per intent; `run` says whether it succeeded (a failure is already shown). */
export function useAction<V, R>(send: (vars: V, intent: Intent) => Promise<R>, opts: Options<V, R> = {}) {
  const qc = useQueryClient();
  const key = useRef<string | null>(null);
  const busy = useRef(false);
  const m = useMutation({
    mutationFn: (vars: V) => send(vars, { key: (key.current ??= newIntentKey()) }),
    meta: { inlineError: opts.inline },
    onError: (e) => {
      if (opts.form) showFieldErrors(opts.form, e, opts.rename);
    },
  });
  const begin = useCallback(() => {
    key.current = newIntentKey();
  }, []);
  /** Runs the intent; `prepare` (e.g. form validation) runs inside the guard so a double click sends once. */
  const run = async (vars: V | (() => Promise<V>)): Promise<Outcome<R>> => {
    if (busy.current) return { ok: false };
    busy.current = true;
    try {
      const v = typeof vars === 'function' ? await (vars as () => Promise<V>)() : vars;
      const r = await m.mutateAsync(v);
      key.current = null;
      await Promise.all((opts.invalidates?.(v, r) ?? []).map((k) => qc.invalidateQueries({ queryKey: k })));
      opts.onSuccess?.(r, v);
      return { ok: true, result: r };
    } catch {
      // Shown by the mutation cache (and on the form); a failed form validation shows on its fields.
      return { ok: false };
    } finally {
      busy.current = false;
    }
  };
  return { run, begin, pending: m.isPending, error: m.error, data: m.data, vars: m.variables, reset: m.reset };
}
