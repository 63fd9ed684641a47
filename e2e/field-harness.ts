/**
 * The field app's screens on the platform's real shell, outbox and device copy, over the in-memory store instead of
 * IndexedDB and with no server (e2e/field-screens.test.ts serves it with Vite's dev server). The test hands the
 * device copy in `window.fieldFixture` and reads the outbox from `window.fieldStore`.
 */
import { startShell } from '../web/src/field/app';
import type { CopyTemplate, Me } from '../web/src/field/contracts';
import '../web/src/field/screens/index';
import { deviceCopy } from '../web/src/field/store/copy';
import { memoryStore } from '../web/src/field/store/memory-store';
import type { CopyChanges } from '../web/src/field/store/types';
import { records } from '../web/src/field/sync/records';
import type { Category } from '../core/schemas/catalog.response';

interface Fixture { copy: CopyChanges; templates: CopyTemplate[]; categories: Category[]; position: { lat: number; lng: number; accuracy: number } | null; refreshedAt: string }
const w = window as unknown as { fieldFixture: Fixture; fieldStore: ReturnType<typeof memoryStore>; fieldChanged: () => void; fieldShell: unknown };

const fixture = w.fieldFixture;
const store = memoryStore();
await store.applyCopy(fixture.copy, fixture.templates);
await store.setMeta('me', { snapshotAt: fixture.refreshedAt });
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());
const me: Me = { userId: 'u-1', username: 'village.gridWorker', displayName: '网格员 李明', role: 'gridWorker', scopeCode: '530681001001' };
const recs = records({ store, userId: () => me.userId, sync: async () => undefined, changed, onChange: (l) => (listeners.add(l), () => listeners.delete(l)) });
const drafts = { get: <T>(k: string) => store.getDraft<T>(k), set: (k: string, v: unknown) => store.setDraft(k, v), delete: (k: string) => store.deleteDraft(k) };
const app = { records: recs, copy: { ...deviceCopy(store), categories: async () => fixture.categories }, position: async () => fixture.position, drafts };
const shell = startShell(document.getElementById('app')!, { me, app });
recs.onChange(() => void shell.refreshCount());
await shell.refreshCount();
w.fieldStore = store;
w.fieldChanged = changed;
w.fieldShell = shell;
