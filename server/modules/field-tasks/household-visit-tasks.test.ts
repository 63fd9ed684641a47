/**
 * Issue 16's acceptance for households: "visit tasks appear with the right intervals for generated households of
 * each risk level (fake clock)". Households assessed high, medium and low through the field app's route, and one
 * never assessed: high → due in 30 days, medium → 90, low and unassessed → none. A visit recorded through the
 * route closes the task and opens the next at +30 from the visit; a new assessment at low cancels it; the job's
 * rerun creates nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, type TestEnv } from '../../test/harness.ts';
import { advanceTo } from '../../test/china-clock.ts';
import { fieldWorld, household, tasksOf } from '../../test/visit-task-builders.ts';
import { generateForCounty } from './visit-task-generator.service.ts';
import { moveHousehold } from '../people/households.service.ts';
import { systemActor } from '../../lib/actor.ts';

const COUNTY = fixture.county.slice(0, 6);
let env: TestEnv;
let cookie: string;
const tpl: Record<string, string> = {};
const h: Record<string, string> = {};
const none = { severe_mental_illness: 'none', drugs_or_correction: false, domestic_violence: false, unresolved_dispute: false, repeated_petitions: false, severe_hardship: false, uncared_dependant: false, major_change: false, housing_safety: false, gambling_drinking: false };
const answersFor = { high: { ...none, severe_mental_illness: 'grade_3_plus', domestic_violence: true }, medium: { ...none, domestic_violence: true }, low: none };

beforeAll(async () => {
  env = await createTestEnv();
  await fieldWorld(env);
  cookie = await login(env.app, 'gw.a');
  for (const t of (await call(env.app, 'GET', '/api/field/templates', cookie)).body as { code: string; id: string }[]) tpl[t.code] = t.id;
  for (const k of ['high', 'medium', 'low', 'unassessed']) h[k] = await household(env, fixture.gridA1, `团结村${k}号`);
}, 60_000);
afterAll(async () => env?.close());

/** As the worker; the fake clock jumps days, so a session that timed out signs in again. */
async function asWorker(method: string, url: string, body?: object, headers: Record<string, string> = {}) {
  let res = await call(env.app, method, url, cookie, body, headers);
  if (res.status === 401) {
    cookie = await login(env.app, 'gw.a');
    res = await call(env.app, method, url, cookie, body, headers);
  }
  return res;
}
const assess = async (householdId: string, level: keyof typeof answersFor) => {
  const id = randomUUID();
  const res = await asWorker('POST', '/api/field/assessments', { id, householdId, templateId: tpl.household_risk, answers: answersFor[level], assessedAt: env.clock.now().toISOString() }, { 'idempotency-key': id });
  expect([res.status, res.body.level]).toEqual([201, level]);
};
const open = async (id: string) => (await tasksOf(env, id)).filter((t) => t.status === 'open').map((t) => [t.rule, t.dueOn]);

describe('household visit tasks (fake clock, through the field routes)', () => {
  it('gives high-risk households a task due in 30 days, medium in 90, low and unassessed none', async () => {
    // Monday 2026-03-02 09:00 China time.
    for (const level of ['high', 'medium', 'low'] as const) await assess(h[level]!, level);
    expect(await open(h.high!)).toEqual([['risk_high', '2026-04-01']]);
    expect(await open(h.medium!)).toEqual([['risk_medium', '2026-05-31']]);
    expect(await tasksOf(env, h.low!)).toEqual([]);
    expect(await tasksOf(env, h.unassessed!)).toEqual([]);
    // The job agrees with what the assessments opened: nothing to add.
    expect(await generateForCounty(env.ctx, COUNTY)).toEqual({ created: 0, cancelled: 0, assigned: 0 });
  });

  it('closes the task when the household is visited and opens the next 30 days after the visit', async () => {
    advanceTo(env.clock, '2026-03-20T10:00:00');
    const id = randomUUID();
    const visit = { id, templateId: tpl.sibiqing, subjectType: 'household', subjectId: h.high, answers: { household_members: true, person_categories: true, area_facilities: true, hazards_conflicts: true }, visitedAt: '2026-03-20T01:00:00.000Z' };
    expect((await asWorker('POST', '/api/field/visits', visit, { 'idempotency-key': id })).status).toBe(201);
    expect((await tasksOf(env, h.high!)).map((t) => [t.status, t.dueOn])).toEqual([['done', '2026-04-01'], ['open', '2026-04-19']]);
    // The same visit retried (its answer lost) changes nothing.
    await asWorker('POST', '/api/field/visits', visit, { 'idempotency-key': id });
    expect((await tasksOf(env, h.high!)).length).toBe(2);
    const mine = (await asWorker('GET', '/api/field/tasks')).body.items;
    expect(mine.map((t: Record<string, unknown>) => [t.subjectId, t.rule, t.dueOn, t.templateCode])).toEqual([[h.high, 'risk_high', '2026-04-19', 'sibiqing'], [h.medium, 'risk_medium', '2026-05-31', 'sibiqing']]);
  });

  it('cancels the task when a new assessment finds the household at low risk, and moves medium to high', async () => {
    await assess(h.high!, 'low');
    expect(await open(h.high!)).toEqual([]);
    expect((await tasksOf(env, h.high!)).map((t) => t.status)).toEqual(['done', 'cancelled']);
    await assess(h.medium!, 'high');
    expect(await open(h.medium!)).toEqual([['risk_high', '2026-04-19']]);
    expect((await tasksOf(env, h.medium!)).map((t) => [t.rule, t.status])).toEqual([['risk_medium', 'cancelled'], ['risk_high', 'open']]);
    expect(await generateForCounty(env.ctx, COUNTY)).toEqual({ created: 0, cancelled: 0, assigned: 0 });
  });

  it('gives a household that moved into the grid one visit within 7 days, once', async () => {
    const home = await household(env, fixture.gridB1, '头塘村9号');
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(0);
    advanceTo(env.clock, '2026-03-21T11:00:00');
    await moveHousehold(env.ctx, systemActor(fixture.province, 'test'), home, { gridCode: fixture.gridA1, reason: '搬迁' });
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(1);
    expect(await open(home)).toEqual([['new_arrival', '2026-03-28']]);
    expect((await tasksOf(env, home))[0]!.assigneeId).toBe((await env.ctx.database.query<{ id: string }>(`SELECT id FROM users WHERE username = 'gw.a'`))[0]!.id);
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(0);
  });

  it('shows the household card\'s risk level and its assessments, newest first, only in scope', async () => {
    const r = await asWorker('GET', `/api/field/households/${h.medium}/risk`);
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ level: 'high', score: 55 });
    expect(r.body.history.map((a: { level: string; by: string }) => [a.level, a.by])).toEqual([['high', 'gw.a'], ['medium', 'gw.a']]);
    expect(JSON.stringify(r.body)).not.toContain('answers');
    expect((await asWorker('GET', `/api/field/households/${h.unassessed}/risk`)).body).toEqual({ current: null, history: [] });
    const other = await call(env.app, 'GET', `/api/field/households/${h.medium}/risk`, await login(env.app, 'gw.b'));
    expect(other.status).toBe(404);
  });
});
