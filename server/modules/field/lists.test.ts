/** Field records read back: patrols (own only for grid workers), visits of a region or a subject, a household's assessments; nothing encrypted comes out, nothing outside the scope. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { systemActor } from '../../lib/actor.ts';
import { createHousehold } from '../people/households.service.ts';

let env: TestEnv;
const cookie: Record<string, string> = {};
let home: string;
let homeB: string;
const patrolsOf: Record<string, string> = {};
const visits: string[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  for (const [name, role, scope] of [['w.a', 'gridWorker', fixture.villageA], ['w.a2', 'gridWorker', fixture.villageA], ['w.b', 'gridWorker', fixture.villageB], ['l.c', 'leader', fixture.county], ['o.a', 'operator', fixture.villageA]] as const) {
    await makeUser(env.ctx, name, role, scope);
    cookie[name] = await login(env.app, name);
  }
  const root = systemActor(fixture.province, 'test');
  home = (await createHousehold(env.ctx, root, { gridCode: fixture.gridA1, address: 'A村3号', riskLevel: 'normal' })).id;
  homeB = (await createHousehold(env.ctx, root, { gridCode: fixture.gridB1, address: 'B村3号', riskLevel: 'normal' })).id;
  const tpl = Object.fromEntries(((await call(env.app, 'GET', '/api/field/templates', cookie['w.a'])).body as { code: string; id: string }[]).map((t) => [t.code, t.id]));
  for (const [who, grid] of [['w.a', fixture.gridA1], ['w.a2', fixture.gridA2], ['w.b', fixture.gridB1]] as const) {
    patrolsOf[who] = randomUUID();
    await call(env.app, 'POST', '/api/field/patrols', cookie[who], { id: patrolsOf[who], gridCode: grid, startedAt: '2026-03-02T00:10:00Z' });
  }
  for (const [i, answers] of [{ group: 'community_correction', living_ok: true, health_ok: true, needs: '找工作' }, { group: 'hardship', living_ok: false, health_ok: true }].entries()) {
    const id = randomUUID();
    visits.push(id);
    await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], { id, templateId: tpl.wubifang, subjectType: 'household', subjectId: home, answers, note: '备注不外露', visitedAt: `2026-03-02T00:${20 + i}:00Z`, ...(i === 1 ? { supersedes: visits[0] } : {}) });
  }
  const none = { severe_mental_illness: 'grade_3_plus', drugs_or_correction: false, domestic_violence: false, unresolved_dispute: false, repeated_petitions: false, severe_hardship: false, uncared_dependant: false, major_change: false, housing_safety: true, gambling_drinking: false };
  await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], { id: randomUUID(), householdId: home, templateId: tpl.household_risk, answers: none, assessedAt: '2026-03-02T00:40:00Z' });
});
afterAll(() => env?.close());

describe('field records read back', () => {
  it('lists a grid worker\'s own patrols only, and every patrol of the scope to a leader', async () => {
    const mine = await call(env.app, 'GET', '/api/field/patrols', cookie['w.a']);
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: patrolsOf['w.a'], gridCode: fixture.gridA1, userName: 'w.a', status: 'open' }] });
    const county = await call(env.app, 'GET', '/api/field/patrols', cookie['l.c']);
    expect(county.body.items.map((p: { id: string }) => p.id).sort()).toEqual(Object.values(patrolsOf).sort());
    const village = await call(env.app, 'GET', `/api/field/patrols?region=${fixture.villageA}`, cookie['l.c']);
    expect(village.body.total).toBe(2);
    expect((await call(env.app, 'GET', '/api/field/patrols?from=2026-03-02T01:00:00Z', cookie['l.c'])).body.total).toBe(0);
  });

  it('lists the visits of a household with their template and correction, answers in clear only', async () => {
    const r = await call(env.app, 'GET', `/api/field/visits?subjectType=household&subjectId=${home}`, cookie['o.a']);
    expect(r.body.total).toBe(2);
    expect(r.body.items[0]).toMatchObject({ id: visits[1], templateCode: 'wubifang', templateName: { 'zh-CN': '五必访' }, supersedesId: visits[0], createdByName: 'w.a', answers: { living_ok: false, health_ok: true } });
    expect(JSON.stringify(r.body)).not.toMatch(/community_correction|hardship|找工作|备注不外露/);
    const other = await call(env.app, 'GET', `/api/field/visits?subjectType=household&subjectId=${homeB}`, cookie['o.a']);
    const none = await call(env.app, 'GET', `/api/field/visits?subjectType=household&subjectId=${randomUUID()}`, cookie['o.a']);
    expect(other.status).toBe(404);
    expect(other.body).toEqual(none.body);
    expect((await call(env.app, 'GET', '/api/field/visits', cookie['w.b'])).body.total).toBe(0);
  });

  it('gives a household\'s current risk level and its assessments, never the answers', async () => {
    const r = await call(env.app, 'GET', `/api/households/${home}/assessments`, cookie['l.c']);
    expect(r.body).toMatchObject({ current: { level: 'high', score: 40 }, items: [{ level: 'high', score: 40, createdByName: 'w.a', templateVersion: 1 }] });
    expect(JSON.stringify(r.body)).not.toMatch(/grade_3_plus|answers/);
    expect((await call(env.app, 'GET', `/api/households/${homeB}/assessments`, cookie['o.a'])).status).toBe(404);
  });
});
