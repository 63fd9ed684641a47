/**
 * Refreshes the device copy after a sync: the changes since the last snapshot (tombstones remove what left the
 * worker's grids; `reset` starts over when the grid set changed), the templates and the case categories, each
 * applied in one transaction.
 */
import type { CopyHousehold, CopyPerson, CopyTask, CopyTemplate } from '../contracts';
import type { CopyChanges, MeRow, Store } from '../store/types';

/** GET as JSON; null when the call failed (offline, or the server does not have the route yet). */
export type GetJson = (path: string) => Promise<unknown | null>;

/** The snapshot answer (contract: GET /api/field/snapshot?since=). */
interface Snapshot extends CopyChanges {
  asOf: string;
  households: CopyHousehold[];
  persons: CopyPerson[];
  tasks: CopyTask[];
  /** More pages follow from this cursor (when the server pages the answer). */
  next?: string | null;
}

/** Pulls the snapshot (page by page) and the templates; returns whether anything was applied. */
export async function refreshCopy(store: Store, get: GetJson, now: () => Date = () => new Date()): Promise<boolean> {
  const me = await store.getMeta<MeRow>('me');
  if (!me) return false;
  let since = me.cursor;
  let applied = false;
  let templates = (await get('/api/field/templates')) as CopyTemplate[] | null;
  const categories = await get('/api/public/categories');
  if (Array.isArray(categories)) await store.setMeta('categories', categories);
  for (let page = 0; page < 50; page++) {
    const snap = (await get(`/api/field/snapshot${since ? `?since=${encodeURIComponent(since)}` : ''}`)) as Snapshot | null;
    if (!snap || typeof snap.asOf !== 'string') break;
    // The first page of a full copy (no cursor) starts from empty, as a reset does.
    await store.applyCopy({ reset: snap.reset || (page === 0 && !since), grids: snap.grids ?? [], households: snap.households ?? [], persons: snap.persons ?? [], tasks: snap.tasks ?? [], tombstones: snap.tombstones ?? [] }, Array.isArray(templates) ? templates : null);
    templates = null;
    applied = true;
    since = snap.next ?? snap.asOf;
    const fresh = await store.getMeta<MeRow>('me');
    // Signed out (or another worker signed in) meanwhile: keep nothing of this answer's cursor.
    if (!fresh || fresh.userId !== me.userId) return applied;
    // The cursor moves only once the last page is in: an interrupted paging starts again from the old one.
    if (!snap.next) {
      await store.setMeta('me', { ...fresh, cursor: snap.asOf, snapshotAt: now().toISOString() });
      break;
    }
  }
  if (Array.isArray(templates)) {
    await store.applyCopy({ reset: false, grids: [], households: [], persons: [], tasks: [], tombstones: [] }, templates);
    applied = true;
  }
  return applied;
}
