/** The device copy after a sync: changes applied, tombstones remove, a reset starts over, the cursor moves only when all is in. */
import { describe, expect, it } from 'vitest';
import type { CopyHousehold } from '../contracts';
import { deviceCopy } from '../store/copy';
import { memoryStore } from '../store/memory-store';
import type { MeRow } from '../store/types';
import { refreshCopy } from './refresh';

const me: MeRow = { userId: 'u1', username: 'village.gridWorker', displayName: '网格员', role: 'gridWorker', scopeCode: '632221001', cursor: null, snapshotAt: null };
const hh = (id: string, gridCode = 'g1'): CopyHousehold => ({ id, gridCode, address: `城关镇 ${id} 号`, headName: '马*强', memberCount: 3, version: 1, riskLevel: null });
const tpl = [{ id: 't1', code: 'visit.sanbidao', kind: 'visit' as const, name: { 'zh-CN': '三必到' }, items: [] }];

describe('refreshing the device copy', () => {
  it('applies a full copy, then changes since the cursor with tombstones, then a reset', async () => {
    const store = memoryStore();
    await store.setMeta('me', me);
    const asked: string[] = [];
    const snapshots: unknown[] = [
      { asOf: 'T1', reset: false, grids: [{ code: 'g1', name: '一网格' }], households: [hh('a'), hh('b')], persons: [], tasks: [], tombstones: [] },
      { asOf: 'T2', reset: false, grids: [], households: [{ ...hh('a'), version: 2 }], persons: [], tasks: [], tombstones: [{ type: 'household', id: 'b' }] },
      { asOf: 'T3', reset: true, grids: [{ code: 'g2', name: '二网格' }], households: [hh('c', 'g2')], persons: [], tasks: [], tombstones: [] },
    ];
    const templates: unknown[] = [tpl, tpl, null]; // the third time unavailable: the copy keeps the old ones
    const get = async (path: string) => {
      asked.push(path);
      if (path === '/api/public/categories') return [{ id: 'c1', name: '道路' }];
      return (path.startsWith('/api/field/templates') ? templates : snapshots).shift() ?? null;
    };
    const copy = deviceCopy(store);
    await refreshCopy(store, get, () => new Date('2026-12-02T03:00:00Z'));
    expect((await copy.households()).map((x) => x.id)).toEqual(['a', 'b']);
    expect(await copy.refreshedAt()).toBe('2026-12-02T03:00:00.000Z');
    await refreshCopy(store, get);
    expect(await copy.households()).toEqual([{ ...hh('a'), version: 2 }]);
    expect(await copy.grids()).toEqual([{ code: 'g1', name: '一网格' }]);
    await refreshCopy(store, get);
    expect((await copy.households()).map((x) => x.id)).toEqual(['c']);
    expect(await copy.grids()).toEqual([{ code: 'g2', name: '二网格' }]);
    expect((await copy.templates('visit')).map((t) => t.code)).toEqual(['visit.sanbidao']);
    expect((await copy.categories()).map((c) => c.id)).toEqual(['c1']);
    expect(asked.filter((p) => p.startsWith('/api/field/snapshot'))).toEqual(['/api/field/snapshot', '/api/field/snapshot?since=T1', '/api/field/snapshot?since=T2']);
    expect((await store.getMeta<MeRow>('me'))!.cursor).toBe('T3');
  });

  it('keeps the cursor when paging stops half-way, so nothing is skipped', async () => {
    const store = memoryStore();
    await store.setMeta('me', { ...me, cursor: 'T0' });
    const snapshots: unknown[] = [{ asOf: 'T1', next: 'P2', reset: false, grids: [], households: [hh('a')], persons: [], tasks: [], tombstones: [] }, null];
    await refreshCopy(store, async (path) => (path.startsWith('/api/field/snapshot') ? snapshots.shift() ?? null : null));
    expect((await store.getMeta<MeRow>('me'))!.cursor).toBe('T0');
    expect((await store.households()).map((x) => x.id)).toEqual(['a']);
  });
});
