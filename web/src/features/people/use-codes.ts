/** Code → name of a code table, loaded once per component. */
import { useEffect, useState } from 'react';
import { api } from '../../api';

/** The items of a code table as code → name. */
export function useCodes(table: string): Record<string, string> {
  const [m, setM] = useState<Record<string, string>>({});
  useEffect(() => {
    api<{ items: { code: string; name: string }[] }>(`/api/code-tables/${table}`).then((t) => setM(Object.fromEntries(t.items.map((i) => [i.code, i.name]))), () => undefined);
  }, [table]);
  return m;
}
