/**
 * What the staff patrol page reads of the demo's patrols: the list names each patrol's grid and links each finding
 * to the case it became (by code, with its 六必查 item), and 一日一巡 counts the week.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { systemActor } from '../lib/actor.ts';
import { importRegions } from '../modules/regions/regions.service.ts';
import { addGroupsAndStaff, importGrids } from '../modules/grids/grids.service.ts';
import { demoCommunity, seedDemoField } from './demo-field.ts';
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
  await addGroupsAndStaff(env.ctx, root, [], grids.flatMap((gridCode) => [{ gridCode, role: 'gridWorker' as const, name: '网格员' }, { gridCode, role: 'gridLeader' as const, name: '网格长' }]));
  await makeUser(env.ctx, 'village.gridWorker', 'gridWorker', demoCommunity);
  await makeUser(env.ctx, 'village.leader', 'leader', demoCommunity);
  await makeUser(env.ctx, 'county.leader', 'leader', '632221000000');
  await seedDemoField(env.ctx); // links the worker to the grids the patrols walk
}, 60_000);
afterAll(async () => env?.close());

describe('the demo patrols as the staff page reads them', () => {
  it('name each grid and link each finding to its case by code and checklist item', async () => {
    expect(await seedDemoPatrols(env.ctx)).toBe(6);
    const cookie = await login(env.app, 'county.leader');
    const list = await call(env.app, 'GET', '/api/field/patrols?pageSize=50', cookie);
    expect(list.status).toBe(200);
    for (const p of list.body.items) expect(p).toMatchObject({ gridName: expect.stringMatching(/^城关社区第\d网格$/), userName: expect.any(String) });
    const cases = await env.ctx.database.query<{ code: string }>(`SELECT code FROM cases WHERE county_code = '632221' AND channel = 'patrol' ORDER BY code`);
    const linked = list.body.items.flatMap((p: { findings: { caseCode: string; templateItem: string }[] }) => p.findings);
    expect(linked.map((f: { caseCode: string }) => f.caseCode).sort()).toEqual(cases.map((c) => c.code));
    expect(linked.map((f: { templateItem: string }) => f.templateItem).sort()).toEqual(['liubicha.safety_facilities', 'liubicha.sanitation']);
    // Each finding under its own patrol: the patrol's count says so.
    for (const p of list.body.items) expect(p.findings).toHaveLength(p.findingCount);
    const comp = await call(env.app, 'GET', `/api/field/patrol-compliance?region=${demoCommunity}`, cookie);
    expect(comp.body.workers[0]).toMatchObject({ patrolledDays: 6, days: 7, rate: 0.857, findings: 2 });
  });
});
