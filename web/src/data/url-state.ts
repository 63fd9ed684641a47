/** List state in the query string (filters, tab, page) so a reload or a shared link keeps it. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** Reads the named parameters (absent ones fall back to `defaults`) and sets some of them; an empty value removes one. */
export function useUrlState<K extends string>(defaults: Record<K, string>) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => Object.fromEntries(Object.entries(defaults).map(([k, d]) => [k, params.get(k) ?? d])) as Record<K, string>, [params, defaults]);
  const set = useCallback(
    (patch: Partial<Record<K | 'page', string | undefined | null>>) =>
      // Replace, not push: the back button leaves the list rather than stepping through each filter change.
      setParams((old) => {
        const next = new URLSearchParams(old);
        for (const [k, v] of Object.entries(patch) as [string, string | undefined | null][]) {
          if (v === undefined || v === null || v === '' || v === (defaults as Record<string, string>)[k]) next.delete(k);
          else next.set(k, v);
        }
        return next;
      }, { replace: true }),
    [setParams, defaults],
  );
  return [values, set] as const;
}
