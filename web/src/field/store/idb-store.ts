/** The device store on IndexedDB (database `anwang-field`, plan §2.1) through idb: the outbox, blobs, the device copy, drafts. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CopyHousehold, CopyPerson, CopyTask, CopyTemplate } from '../contracts';
import type { BlobRow, OutboxRow, Store } from './types';

interface FieldDB extends DBSchema {
  meta: { key: string; value: { key: string; value: unknown } };
  outbox: { key: string; value: OutboxRow; indexes: { byUserState: [string, string]; createdAt: string; supersedes: string } };
  blobs: { key: string; value: BlobRow; indexes: { recordId: string } };
  households: { key: string; value: CopyHousehold; indexes: { gridCode: string } };
  persons: { key: string; value: CopyPerson; indexes: { gridCode: string; householdId: string } };
  tasks: { key: string; value: CopyTask; indexes: { dueOn: string; subjectId: string } };
  templates: { key: string; value: CopyTemplate; indexes: { code: string } };
  drafts: { key: string; value: { formKey: string; value: unknown; at: string } };
}

const copyStores = ['households', 'persons', 'tasks'] as const;
type StoreName = 'meta' | (typeof copyStores)[number] | 'templates' | 'drafts';
const copyTx: StoreName[] = ['meta', ...copyStores, 'templates'];

/** Opens (and on first use creates) the device database. */
export async function openFieldDb(name = 'anwang-field'): Promise<IDBPDatabase<FieldDB>> {
  return openDB<FieldDB>(name, 1, {
    upgrade(db) {
      db.createObjectStore('meta', { keyPath: 'key' });
      const outbox = db.createObjectStore('outbox', { keyPath: 'id' });
      outbox.createIndex('byUserState', ['userId', 'state']);
      outbox.createIndex('createdAt', 'createdAt');
      outbox.createIndex('supersedes', 'supersedes');
      db.createObjectStore('blobs', { keyPath: 'id' }).createIndex('recordId', 'recordId');
      db.createObjectStore('households', { keyPath: 'id' }).createIndex('gridCode', 'gridCode');
      const persons = db.createObjectStore('persons', { keyPath: 'id' });
      persons.createIndex('gridCode', 'gridCode');
      persons.createIndex('householdId', 'householdId');
      const tasks = db.createObjectStore('tasks', { keyPath: 'id' });
      tasks.createIndex('dueOn', 'dueOn');
      tasks.createIndex('subjectId', 'subjectId');
      db.createObjectStore('templates', { keyPath: 'id' }).createIndex('code', 'code');
      db.createObjectStore('drafts', { keyPath: 'formKey' });
    },
  });
}

/** The Store over IndexedDB. */
export async function idbStore(name?: string): Promise<Store> {
  const db = await openFieldDb(name);
  return {
    allRows: () => db.getAll('outbox'),
    getRow: (id) => db.get('outbox', id),
    async putRows(rows, blobs = []) {
      const tx = db.transaction(['outbox', 'blobs'], 'readwrite');
      await Promise.all([...rows.map((r) => tx.objectStore('outbox').put(r)), ...blobs.map((b) => tx.objectStore('blobs').put(b)), tx.done]);
    },
    getBlob: (id) => db.get('blobs', id),
    deleteBlob: (id) => db.delete('blobs', id),
    getMeta: async <T>(key: string) => (await db.get('meta', key))?.value as T | undefined,
    setMeta: async (key, value) => void (await db.put('meta', { key, value })),
    async applyCopy(c, templates) {
      const tx = db.transaction(copyTx, 'readwrite');
      const work: Promise<unknown>[] = [];
      if (c.reset) for (const s of copyStores) work.push(tx.objectStore(s).clear());
      if (c.reset || c.grids.length) work.push(tx.objectStore('meta').put({ key: 'grids', value: c.grids }));
      for (const x of c.households) work.push(tx.objectStore('households').put(x));
      for (const x of c.persons) work.push(tx.objectStore('persons').put(x));
      for (const x of c.tasks) work.push(tx.objectStore('tasks').put(x));
      for (const t of c.tombstones) work.push(tx.objectStore(t.type === 'household' ? 'households' : t.type === 'person' ? 'persons' : 'tasks').delete(t.id));
      if (templates) {
        work.push(tx.objectStore('templates').clear());
        for (const t of templates) work.push(tx.objectStore('templates').put(t));
      }
      await Promise.all([...work, tx.done]);
    },
    grids: async () => ((await db.get('meta', 'grids'))?.value as { code: string; name: string }[] | undefined) ?? [],
    households: () => db.getAll('households'),
    persons: () => db.getAll('persons'),
    tasks: () => db.getAll('tasks'),
    templates: () => db.getAll('templates'),
    getDraft: async <T>(k: string) => (await db.get('drafts', k))?.value as T | undefined,
    setDraft: async (k, value) => void (await db.put('drafts', { formKey: k, value, at: new Date().toISOString() })),
    deleteDraft: (k) => db.delete('drafts', k),
    async clearCopy() {
      const tx = db.transaction([...copyTx, 'drafts'], 'readwrite');
      await Promise.all([...copyStores.map((s) => tx.objectStore(s).clear()), tx.objectStore('templates').clear(), tx.objectStore('drafts').clear(), tx.objectStore('meta').delete('me'), tx.objectStore('meta').delete('grids'), tx.done]);
    },
  };
}
