/**
 * The demo's patrols: the village grid worker's five walks of the last week (one with a finding that became a case)
 * show in 一日一巡 compliance and the patrol list; seeding again makes nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { systemActor } from '../lib/actor.ts';
import { importRegions } from '../modules/regions/regions.service.ts';
import { importGrids } from '../modules/grids/grids.service.ts';
import { demoCommunity } from './demo-field.ts';
import { seedDemoPatrols } from './demo-patrols.ts';

let env: TestEnv;
const root = systemActor('000000000000', 'test');
const rect = (x0: number) => ({ type: 'Polygon', coordinates: [[[x0, 37.3], [x0 + 0.01, 37.3], [x0 + 0.01, 37.31], [x0, 37.31], [x0, 37.3]]] });

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await importRegions(env.ctx, root, `code,name,parent_code\n${demoCommunity},城关社区,632221100000`);
  const grids = [`${demoCommunity}001`, `${demoCommunity}002`];
  await importGrids(env.ctx, root, JSON.stringify({ type: 'FeatureCollection', features: grids.map((code, i) => ({ type: 'Feature', properties: { code, name: `城关社区第${i + 1}网格` }, geometry: rect(101.6 + i * 0.01) })) }));
  await makeUser(env.ctx, 'village.gridWorker', 'gridWorker', demoCommunity);
  await makeUser(env.ctx, 'county.leader', 'leader', '632221000000');
}, 60_000);
afterAll(async () => env?.close());

describe('demo patrols', () => {
  it('leave five ended patrols on six of the last seven days but one, with tracks and a finding as a case, once', async () => {
    expect(await seedDemoPatrols(env.ctx)).toBe(5);
    const cookie = await login(env.app, 'county.leader');
    const list = await call(env.app, 'GET', '/api/field/patrols?pageSize=50', cookie);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(5);
    for (const p of list.body.items) expect(p).toMatchObject({ status: 'ended', pointCount: 40 });
    expect(list.body.items.every((p: { distanceM: number }) => p.distanceM > 100)).toBe(true);
    const withFinding = list.body.items.filter((p: { findingCount: number }) => p.findingCount === 1);
    expect(withFinding).toHaveLength(1);
    // The list names the grid and links the finding to the case it became, by code.
    expect(list.body.items[0]).toMatchObject({ gridName: expect.stringMatching(/^城关社区第\d网格$/), userName: expect.any(String) });
    const [caseRow] = await env.ctx.database.query<{ code: string }>(`SELECT code FROM cases WHERE county_code = '632221' AND channel = 'patrol'`);
    expect(withFinding[0].findings).toEqual([expect.objectContaining({ caseCode: caseRow!.code, templateItem: 'liubicha.safety_facilities' })]);
    expect(list.body.items.filter((p: { findings: unknown[] }) => p.findings.length === 0)).toHaveLength(4);
    const c = await env.ctx.database.query<{ channel: string }>(`SELECT channel FROM cases WHERE county_code = '632221' AND channel = 'patrol'`);
    expect(c).toHaveLength(1);
    // Last seven days: the worker patrolled 5 of them (4 days ago missed, today not yet).
    const comp = await call(env.app, 'GET', `/api/field/patrol-compliance?region=${demoCommunity}`, cookie);
    expect(comp.status).toBe(200);
    expect(comp.body.workers).toHaveLength(1);
    expect(comp.body.workers[0]).toMatchObject({ patrolledDays: 5, days: 7, rate: 0.714, findings: 1 });
    expect(await seedDemoPatrols(env.ctx)).toBe(0);
  });
});
