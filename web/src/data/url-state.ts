/** List state in the query string (filters, tab, page) so a reload or a shared link keeps it. */
import { useCallback, useMemo } from 'react';
import { useSearchParams, type SetURLSearchParams } from 'react-router';

/**
 * The query string changes queued but not yet in the address bar. Two changes in a row (a filter, then a search
 * before the page re-rendered) must both land: each builds on the one before, not on the address of the last render.
 */
let queued: { search: string; params: URLSearchParams } | null = null;

/** Changes the query string in place (replace, not push: the back button leaves the list rather than stepping through each filter). */
export function changeSearch(setParams: SetURLSearchParams, mutate: (next: URLSearchParams) => void): void {
  const current = window.location.search;
  const base = queued && queued.search === current ? queued.params : new URLSearchParams(current);
  const next = new URLSearchParams(base);
  mutate(next);
  queued = { search: current, params: next };
  setParams(next, { replace: true });
}

/** Reads the named parameters (absent ones fall back to `defaults`) and sets some of them; an empty value or the default removes one. */
export function useUrlState<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => Object.fromEntries(Object.entries(defaults).map(([k, d]) => [k, params.get(k) ?? d])) as Record<K, string>, [params, defaults]);
  const set = useCallback(
    (patch: Partial<Record<K | 'page', string | undefined | null>>) =>
      changeSearch(setParams, (next) => {
        for (const [k, v] of Object.entries(patch) as [string, string | undefined | null][]) {
          if (v === undefined || v === null || v === '' || v === (defaults as Record<string, string>)[k]) next.delete(k);
          else next.set(k, v);
        }
      }),
    [setParams, defaults],
  );
  return [values, set] as const;
}
