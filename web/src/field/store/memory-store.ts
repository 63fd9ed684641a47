/** A Store in memory: the sync engine's unit tests run against it (IndexedDB is only in the browser). */
import type { CopyHousehold, CopyPerson, CopyTask, CopyTemplate } from '../contracts';
import type { BlobRow, CopyChanges, OutboxRow, Store } from './types';

const copyOf = <T>(v: T): T => structuredClone(v);

/** Creates an empty in-memory store (rows are copied in and out, as IndexedDB would). */
export function memoryStore(): Store & { rows: Map<string, OutboxRow>; blobs: Map<string, BlobRow> } {
  const rows = new Map<string, OutboxRow>();
  const blobs = new Map<string, BlobRow>();
  const meta = new Map<string, unknown>();
  const drafts = new Map<string, unknown>();
  let grids: { code: string; name: string }[] = [];
  const households = new Map<string, CopyHousehold>();
  const persons = new Map<string, CopyPerson>();
  const tasks = new Map<string, CopyTask>();
  let templates: CopyTemplate[] = [];
  return {
    rows,
    blobs,
    allRows: async () => [...rows.values()].map(copyOf),
    getRow: async (id) => (rows.has(id) ? copyOf(rows.get(id)!) : undefined),
    putRows: async (list, bl = []) => {
      for (const r of list) rows.set(r.id, copyOf(r));
      for (const b of bl) blobs.set(b.id, b);
    },
    getBlob: async (id) => blobs.get(id),
    deleteBlob: async (id) => void blobs.delete(id),
    getMeta: async <T>(key: string) => meta.get(key) as T | undefined,
    setMeta: async (key, value) => void meta.set(key, copyOf(value)),
    applyCopy: async (c: CopyChanges, tpl) => {
      if (c.reset) {
        households.clear();
        persons.clear();
        tasks.clear();
      }
      if (c.reset || c.grids.length) grids = copyOf(c.grids);
      for (const x of c.households) households.set(x.id, copyOf(x));
      for (const x of c.persons) persons.set(x.id, copyOf(x));
      for (const x of c.tasks) tasks.set(x.id, copyOf(x));
      for (const t of c.tombstones) (t.type === 'household' ? households : t.type === 'person' ? persons : tasks).delete(t.id);
      if (tpl) templates = copyOf(tpl);
    },
    grids: async () => copyOf(grids),
    households: async () => [...households.values()].map(copyOf),
    persons: async () => [...persons.values()].map(copyOf),
    tasks: async () => [...tasks.values()].map(copyOf),
    templates: async () => copyOf(templates),
    getDraft: async <T>(k: string) => drafts.get(k) as T | undefined,
    setDraft: async (k, v) => void drafts.set(k, copyOf(v)),
    deleteDraft: async (k) => void drafts.delete(k),
    clearCopy: async () => {
      grids = [];
      households.clear();
      persons.clear();
      tasks.clear();
      templates = [];
      meta.delete('me');
    },
  };
}
