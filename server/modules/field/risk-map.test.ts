/**
 * The grid map's 安全风险 layer: each grid's active households by their current safety-risk level, counted from the
 * latest assessments (a household assessed twice counts once, at its newest level), and a region outside the
 * reader's scope answered like a missing one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { systemActor } from '../../lib/actor.ts';
import { createHousehold } from '../people/households.service.ts';

let env: TestEnv;
let worker: string;
let leader: string;
const homes: string[] = [];
const none = { severe_mental_illness: 'none', drugs_or_correction: false, domestic_violence: false, unresolved_dispute: false, repeated_petitions: false, severe_hardship: false, uncared_dependant: false, major_change: false, housing_safety: false, gambling_drinking: false };

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'w.a', 'gridWorker', fixture.villageA);
  await makeUser(env.ctx, 'l.a', 'leader', fixture.villageA);
  worker = await login(env.app, 'w.a');
  leader = await login(env.app, 'l.a');
  const root = systemActor(fixture.province, 'test');
  for (const n of [1, 2, 3, 4]) homes.push((await createHousehold(env.ctx, root, { gridCode: fixture.gridA1, address: `A村${n}号`, riskLevel: 'normal' })).id);
  await createHousehold(env.ctx, root, { gridCode: fixture.gridB1, address: 'B村1号', riskLevel: 'normal' });
});
afterAll(() => env?.close());

describe('GET /api/field/risk-by-grid', () => {
  it('counts each grid\'s households at their newest level, the never assessed apart', async () => {
    const template = ((await call(env.app, 'GET', '/api/field/templates', worker)).body as { code: string; id: string }[]).find((t) => t.code === 'household_risk')!.id;
    const assess = async (householdId: string, answers: Record<string, unknown>, assessedAt: string) => {
      const body = { id: randomUUID(), householdId, templateId: template, answers: { ...none, ...answers }, assessedAt };
      expect((await call(env.app, 'POST', '/api/field/assessments', worker, body)).status).toBe(201);
    };
    await assess(homes[0]!, { severe_mental_illness: 'grade_3_plus', housing_safety: true }, '2026-03-01T02:00:00.000Z');
    await assess(homes[1]!, { severe_mental_illness: 'grade_3_plus', housing_safety: true }, '2026-03-01T02:00:00.000Z');
    // Reassessed later at a lower level: counts once, as medium.
    await assess(homes[1]!, { unresolved_dispute: true, major_change: true }, '2026-03-01T08:00:00.000Z');
    await assess(homes[2]!, {}, '2026-03-01T02:00:00.000Z');
    const res = await call(env.app, 'GET', '/api/field/risk-by-grid', leader);
    expect(res.status).toBe(200);
    expect(res.body.region).toBe(fixture.villageA);
    expect(res.body.items.find((g: { gridCode: string }) => g.gridCode === fixture.gridA1)).toEqual({ gridCode: fixture.gridA1, households: 4, high: 1, medium: 1, low: 1, unassessed: 1 });
    expect(res.body.items.map((g: { gridCode: string }) => g.gridCode)).not.toContain(fixture.gridB1);
  });

  it('answers a region outside the scope like one that does not exist, and refuses a reader without field:read', async () => {
    const theirs = await call(env.app, 'GET', `/api/field/risk-by-grid?region=${fixture.villageB}`, leader);
    const nowhere = await call(env.app, 'GET', '/api/field/risk-by-grid?region=632221100299', leader);
    expect(theirs.status).toBe(404);
    expect(nowhere.status).toBe(404);
    await makeUser(env.ctx, 'sec.a', 'secadmin', fixture.villageA);
    expect((await call(env.app, 'GET', '/api/field/risk-by-grid', await login(env.app, 'sec.a'))).status).toBe(403);
  });
});
