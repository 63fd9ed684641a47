/** 一日一巡 over a fake week: workers, grids and townships rated by the days with an ended patrol, in China days, inside the scope. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  for (const [name, role, scope] of [['w.a', 'gridWorker', fixture.villageA], ['w.b', 'gridWorker', fixture.villageB], ['l.t', 'leader', fixture.townshipA], ['l.c', 'leader', fixture.county]] as const) await makeUser(env.ctx, name, role, scope);
});
/** A fresh session at the fake clock's time (the week outlasts any session). */
const as = (who: string) => login(env.app, who);
afterAll(() => env?.close());

/** A patrol walked and ended by `who` on the phone at device time `start` for `minutes` (ended unless told). */
async function patrol(who: string, grid: string, start: string, minutes: number, end = true) {
  const id = randomUUID();
  const cookie = await as(who);
  expect((await call(env.app, 'POST', '/api/field/patrols', cookie, { id, gridCode: grid, startedAt: start })).status).toBe(201);
  if (end) expect((await call(env.app, 'POST', `/api/field/patrols/${id}/end`, cookie, { id: randomUUID(), endedAt: new Date(Date.parse(start) + minutes * 60_000).toISOString() })).status).toBe(200);
}

describe('patrol compliance', () => {
  it('rates the last 7 China days by default: days with an ended patrol ÷ days', async () => {
    // The fake clock starts at 2026-03-02 09:00 China time; the week walks to 03-08.
    await patrol('w.a', fixture.gridA1, '2026-03-02T00:30:00Z', 40);
    env.clock.advance(6 * 3600_000);
    await patrol('w.a', fixture.gridA1, '2026-03-02T06:00:00Z', 20); // the same day again: still one day
    env.clock.advance(2 * 86_400_000 - 6 * 3600_000);
    await patrol('w.a', fixture.gridA2, '2026-03-04T01:00:00Z', 30);
    await patrol('w.a', fixture.gridA1, '2026-03-03T16:30:00Z', 30); // 00:30 on 03-04 in China: that day, not 03-03
    await patrol('w.a', fixture.gridA1, '2026-03-04T02:00:00Z', 10, false); // never ended: counts no day
    await patrol('w.b', fixture.gridB1, '2026-03-04T01:00:00Z', 50);
    env.clock.advance(4 * 86_400_000);
    const r = await call(env.app, 'GET', '/api/field/patrol-compliance', await as('l.c'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ region: fixture.county, from: '2026-03-02', to: '2026-03-08', days: 7 });
    const wa = r.body.workers.find((w: { name: string }) => w.name === 'w.a');
    expect(wa).toMatchObject({ gridCodes: [fixture.gridA1, fixture.gridA2], days: 7, patrolledDays: 2, rate: 0.286, patrols: 5, minutes: 120 });
    expect(r.body.workers.find((w: { name: string }) => w.name === 'w.b')).toMatchObject({ patrolledDays: 1, minutes: 50 });
    const grid = (code: string) => r.body.grids.find((g: { gridCode: string }) => g.gridCode === code);
    expect(grid(fixture.gridA1)).toMatchObject({ patrolledDays: 2, name: expect.any(String) });
    expect(grid(fixture.gridA2)).toMatchObject({ patrolledDays: 1 });
    expect(grid(fixture.gridC1)).toMatchObject({ patrolledDays: 0, rate: 0 });
    // 浩门镇 has 4 grids: A1 two days, A2 one, B1 one → 4 of 28 grid-days; 北山乡's one grid none.
    expect(r.body.townships).toEqual([
      expect.objectContaining({ townshipCode: fixture.townshipA, name: '浩门镇', grids: 4, patrolledDays: 4, rate: 0.143 }),
      expect.objectContaining({ townshipCode: fixture.townshipB, name: '北山乡', grids: 1, patrolledDays: 0, rate: 0 }),
    ]);
  });

  it('answers a named range, and keeps to the caller\'s scope', async () => {
    const day = await call(env.app, 'GET', '/api/field/patrol-compliance?from=2026-03-04&to=2026-03-04', await as('w.a'));
    expect(day.body).toMatchObject({ region: fixture.villageA, days: 1 });
    expect(day.body.workers.map((w: { name: string; rate: number }) => [w.name, w.rate])).toEqual([['w.a', 1]]);
    expect(day.body.grids.map((g: { gridCode: string }) => g.gridCode)).toEqual([fixture.gridA1, fixture.gridA2]);
    const outside = await call(env.app, 'GET', `/api/field/patrol-compliance?region=${fixture.villageB}`, await as('w.a'));
    const nowhere = await call(env.app, 'GET', '/api/field/patrol-compliance?region=632221100299', await as('w.a'));
    expect(outside.status).toBe(404);
    expect(outside.body).toEqual(nowhere.body);
    expect((await call(env.app, 'GET', '/api/field/patrol-compliance?from=2025-01-01&to=2026-03-08', await as('l.t'))).body.error.details[0]).toMatchObject({ code: 'bad_range' });
  });

  it('gives the dashboard\'s field line: totals, 一日一巡 per township, households by risk level', async () => {
    const worker = await as('w.a');
    const home = (await call(env.app, 'POST', '/api/households', worker, { gridCode: fixture.gridA1, address: 'A村8号', riskLevel: 'normal' })).body.id;
    const risk = ((await call(env.app, 'GET', '/api/field/templates', worker)).body as { code: string; id: string }[]).find((t) => t.code === 'household_risk')!.id;
    const answers = { severe_mental_illness: 'grade_1_2', drugs_or_correction: false, domestic_violence: false, unresolved_dispute: false, repeated_petitions: false, severe_hardship: true, uncared_dependant: false, major_change: false, housing_safety: false, gambling_drinking: false };
    expect((await call(env.app, 'POST', '/api/field/assessments', worker, { id: randomUUID(), householdId: home, templateId: risk, answers, assessedAt: '2026-03-08T01:00:00Z' })).body).toMatchObject({ level: 'medium' });
    const r = await call(env.app, 'GET', '/api/kpis/field?from=2026-03-01T16:00:00Z&to=2026-03-08T15:59:59Z', await as('l.c'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ region: fixture.county, from: '2026-03-02', to: '2026-03-08', patrols: 6, ended: 5, minutes: 170, findings: 0 });
    expect(r.body.compliance).toEqual({ gridDays: 35, patrolledGridDays: 4, rate: 0.114 });
    expect(r.body.byChild).toEqual([
      { code: fixture.townshipA, name: '浩门镇', grids: 4, gridDays: 28, patrolledGridDays: 4, rate: 0.143 },
      { code: fixture.townshipB, name: '北山乡', grids: 1, gridDays: 7, patrolledGridDays: 0, rate: 0 },
    ]);
    expect(r.body.risk).toEqual({ high: 0, medium: 1, low: 0 });
    const village = await call(env.app, 'GET', `/api/kpis/field?region=${fixture.villageA}&from=2026-03-01T16:00:00Z&to=2026-03-08T15:59:59Z`, await as('l.c'));
    expect(village.body.byChild.map((c: { code: string; patrolledGridDays: number }) => [c.code, c.patrolledGridDays])).toEqual([[fixture.gridA1, 2], [fixture.gridA2, 1]]);
    expect((await call(env.app, 'GET', '/api/kpis/field', await as('w.a'))).status).toBe(403);
  });
});
