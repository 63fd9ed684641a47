/**
 * The demo's field work (issue 16): the village grid worker is linked to 城关社区's grids and has real visit tasks
 * (one overdue), listed by GET /api/field/tasks; seeding twice links and creates nothing more. The prefecture is
 * not built here: 城关社区 with two grids and a few families is enough for the seeding's queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { systemActor } from '../lib/actor.ts';
import { importRegions } from '../modules/regions/regions.service.ts';
import { importGrids } from '../modules/grids/grids.service.ts';
import { addGroupsAndStaff } from '../modules/grids/grids.service.ts';
import { createPerson } from '../modules/people/persons.service.ts';
import { createHousehold } from '../modules/people/households.service.ts';
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
  for (const [i, name] of ['马国强', '韩秀英', '李德明', '才让'].entries()) await createPerson(env.ctx, root, { gridCode: grids[i % 2]!, personType: '01', name, birthDate: `196${i}-05-01` });
  for (const n of [1, 2, 3, 4]) await createHousehold(env.ctx, root, { gridCode: grids[0]!, address: `城关社区${n}号`, riskLevel: 'normal' });
  await makeUser(env.ctx, 'village.gridWorker', 'gridWorker', demoCommunity);
  await makeUser(env.ctx, 'village.leader', 'leader', demoCommunity);
}, 60_000);
afterAll(async () => env?.close());

describe('demo field work', () => {
  it('gives the village grid worker tasks of 城关社区, one already overdue, and seeding again changes nothing', async () => {
    // The three assessed households' tasks (high, medium) open in the assessment's own transaction.
    expect(await seedDemoField(env.ctx)).toBe(3);
    const cookie = await login(env.app, 'village.gridWorker');
    const mine = await call(env.app, 'GET', '/api/field/tasks', cookie);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((t: { rule: string }) => t.rule).sort()).toEqual(['hardship', 'risk_high', 'risk_medium', 'special_care', 'special_care']);
    expect(mine.body.items.filter((t: { overdue: boolean }) => t.overdue)).toHaveLength(1);
    // A person by the masked name the lists show; a household by its address.
    for (const t of mine.body.items) expect(t.subjectLabel).toMatch(t.subjectType === 'person' ? /^.\*+$/ : /^城关社区\d号$/);
    expect((await call(env.app, 'GET', '/api/field/tasks?status=overdue', cookie)).body.total).toBe(1);
    expect(await seedDemoField(env.ctx)).toBe(0);
    const links = await env.ctx.database.query<{ role: string; n: number }>(`SELECT role, count(*)::int AS n FROM grid_staff WHERE grid_code LIKE $1 AND user_id IS NOT NULL GROUP BY role ORDER BY role`, [`${demoCommunity}%`]);
    expect(links).toEqual([{ role: 'gridLeader', n: 2 }, { role: 'gridWorker', n: 2 }]);
  });

  it('shows a leader the scope\'s tasks, refuses a region outside it like a missing one, and gives another worker none', async () => {
    const leader = await login(env.app, 'village.leader');
    expect((await call(env.app, 'GET', '/api/field/tasks?scope=all', leader)).body.total).toBe(5);
    expect((await call(env.app, 'GET', '/api/field/tasks?scope=all&region=632221100201', leader)).status).toBe(404);
    expect((await call(env.app, 'GET', '/api/field/tasks?scope=all&region=632221100299', leader)).status).toBe(404);
    expect((await call(env.app, 'GET', '/api/field/tasks', leader)).body.total).toBe(0);
    await makeUser(env.ctx, 'other.worker', 'gridWorker', demoCommunity);
    expect((await call(env.app, 'GET', '/api/field/tasks', await login(env.app, 'other.worker'))).body.total).toBe(0);
  });

  it('gives the grid worker a week of patrols with one missed day and two findings that became patrol cases, once', async () => {
    expect(await seedDemoPatrols(env.ctx)).toBe(6);
    expect(await seedDemoPatrols(env.ctx)).toBe(0);
    const leader = await login(env.app, 'village.leader');
    const list = await call(env.app, 'GET', '/api/field/patrols', leader);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(6);
    for (const p of list.body.items) expect(p).toMatchObject({ status: 'ended', pointCount: 40, userName: expect.any(String) });
    // A walking pace: at most 3 km in the 40 minutes of each walk.
    for (const p of list.body.items) {
      expect(p.distanceM).toBeGreaterThan(500);
      expect(p.distanceM).toBeLessThanOrEqual(3000);
    }
    const found = await env.ctx.database.query<{ channel: string; category_id: string }>(`SELECT c.channel, c.category_id FROM patrol_findings f JOIN cases c ON c.county_code = f.county_code AND c.id = f.case_id ORDER BY c.category_id`);
    expect(found).toEqual([{ channel: 'patrol', category_id: 'safety.fire' }, { channel: 'patrol', category_id: 'sanitation.garbage' }]);
    // Each end kept its 六必查: all 正常 on a walk with no finding, the finding's item 有问题 on one with a finding.
    const answersOf = async (id: string) => Object.values((await call(env.app, 'GET', `/api/field/patrols/${id}`, leader)).body.checklist.answers as Record<string, string>);
    const withFinding = list.body.items.filter((p: { findingCount: number }) => p.findingCount > 0);
    expect(withFinding).toHaveLength(2);
    expect((await answersOf(withFinding[0].id)).filter((v) => v === 'problem')).toHaveLength(1);
    expect(new Set(await answersOf(list.body.items.find((p: { findingCount: number }) => p.findingCount === 0).id))).toEqual(new Set(['normal']));
    // 一日一巡 over the last seven days (the report's default range): six days walked, one missed.
    const compliance = await call(env.app, 'GET', '/api/field/patrol-compliance', leader);
    expect(compliance.status).toBe(200);
    expect(compliance.body.days).toBe(7);
    expect(compliance.body.workers).toMatchObject([{ patrolledDays: 6, patrols: 6, findings: 2 }]);
  });

  // ── Session 12, helper C: what the staff patrol page (/patrols) reads of these patrols ──
  it('lists the patrols with their grid\'s name and each finding linked to its case by code and 六必查 item', async () => {
    const leader = await login(env.app, 'village.leader');
    const list = await call(env.app, 'GET', '/api/field/patrols?pageSize=50', leader);
    expect(list.status).toBe(200);
    for (const p of list.body.items) expect(p).toMatchObject({ gridName: expect.stringMatching(/^城关社区第\d网格$/) });
    const cases = await env.ctx.database.query<{ code: string }>(`SELECT code FROM cases WHERE channel = 'patrol' ORDER BY code`);
    const linked = list.body.items.flatMap((p: { findings: { caseCode: string; templateItem: string }[] }) => p.findings);
    expect(linked.map((f: { caseCode: string }) => f.caseCode).sort()).toEqual(cases.map((c) => c.code));
    expect(linked.map((f: { templateItem: string }) => f.templateItem).sort()).toEqual(['liubicha.safety_facilities', 'liubicha.sanitation']);
    for (const p of list.body.items) expect(p.findings).toHaveLength(p.findingCount);
  });
});

