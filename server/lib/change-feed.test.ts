/**
 * Two application contexts on one server database stand for two server processes: what one changes (reference
 * data behind the cache, grids behind the point → grid index) the other sees within seconds, through the change
 * feed (LISTEN/NOTIFY on commit), even with a cache TTL of ten minutes; and after its listening connection is cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, seedFixture, type TestEnv } from '../test/harness.ts';
import { systemActor } from './actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import { createCategory, findCategory, updateCategory } from '../modules/catalog/catalog.service.ts';
import { importGrids } from '../modules/grids/grids.service.ts';
import { importRegions } from '../modules/regions/regions.service.ts';

const server = !!process.env.DATABASE_URL;
const root = systemActor(ROOT_SCOPE, 'test');
const longCache = { referenceCacheMs: 600_000 };

/** Polls `probe` until it holds (or `ms` pass); returns whether it held. */
async function within(ms: number, probe: () => Promise<boolean> | boolean): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (await probe()) return true;
  return probe();
}

describe.skipIf(!server)('change feed between two servers on one database (needs DATABASE_URL: PGlite is one process)', () => {
  let a: TestEnv;
  let b: TestEnv;
  beforeAll(async () => {
    a = await createTestEnv({ config: longCache });
    await seedFixture(a.ctx);
    b = await createTestEnv({ databaseUrl: a.ctx.config.databaseUrl, config: longCache });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a category added or changed through one is seen by the other, not after the cache TTL but at once', async () => {
    expect(await findCategory(b.ctx, b.ctx.db, 'municipal.bridge')).toBeNull(); // now cached as missing on B
    await createCategory(a.ctx, root, { id: 'municipal.bridge', parentId: 'municipal', name: '桥梁损坏', nameEn: 'Damaged bridge', isPublic: true, defaultTier: 'minor', keywords: {}, sort: 0 });
    expect(await within(5000, async () => (await findCategory(b.ctx, b.ctx.db, 'municipal.bridge')) !== null)).toBe(true);
    await updateCategory(a.ctx, root, 'municipal.bridge', { name: '桥梁坍塌' });
    expect(await within(5000, async () => (await findCategory(b.ctx, b.ctx.db, 'municipal.bridge'))?.name === '桥梁坍塌')).toBe(true);
  });

  it('a grid imported through one is found by the other’s point → grid index', async () => {
    const at = { lng: 101.05, lat: 37.15 };
    expect(b.ctx.gridIndex.locate(at.lng, at.lat)).toBeNull();
    await importRegions(a.ctx, root, 'code,name,parent_code\n632221100203,新村,632221100000\n');
    await importGrids(a.ctx, root, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '632221100203001', name: '新村第一网格' }, geometry: { type: 'Polygon', coordinates: [[[101.0, 37.1], [101.1, 37.1], [101.1, 37.2], [101.0, 37.2], [101.0, 37.1]]] } }] }));
    expect(await within(5000, () => b.ctx.gridIndex.locate(at.lng, at.lat) === '632221100203001')).toBe(true);
  });

  it('after its listening connection is cut, a server reconnects and refreshes what changed meanwhile', async () => {
    await findCategory(b.ctx, b.ctx.db, 'municipal.bridge'); // cached on B
    const cut = await a.ctx.database.query<{ n: number }>(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN anwang_changes'`);
    expect(cut[0]!.n).toBe(2); // one per context
    await updateCategory(a.ctx, root, 'municipal.bridge', { name: '桥梁断裂' }); // nobody listens at this moment
    expect(await within(8000, async () => (await findCategory(b.ctx, b.ctx.db, 'municipal.bridge'))?.name === '桥梁断裂')).toBe(true);
  });
});
