/**
 * Inboxes and overdue through HTTP: one definition of overdue (any clock past due, the first response too) used by
 * the 超期 box, the list flag, the dashboard's count and its on-time rate; the boxes each role may list, with counts;
 * where a staff-entered case lands; who reads which cases (need-to-know for the roles that only report or advise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedDepartments, seedFixture, type TestEnv } from '../../test/harness.ts';
import { FakeClock } from '../../lib/clock.ts';
import { buildCase } from '../../test/case-builders.ts';
import { applyCaseAction } from './case-actions.service.ts';
import { sweepDeadlines } from './deadline-sweep.service.ts';
import type { Actor } from '../../lib/actor.ts';
import { caseActionSchemas } from '../../../core/schemas/cases.schema.ts';
import type { CaseAction } from '../../../core/workflow/case-workflow.ts';

let env: TestEnv;
const cookie: Record<string, string> = {};
let townshipOp: Actor;
let depts: { housing: string; market: string };
const codesIn = (body: Record<string, unknown>) => (body.items as { code: string }[]).map((i) => i.code);

beforeAll(async () => {
  env = await createTestEnv({ clock: new FakeClock(new Date('2026-11-30T01:00:00Z')) });
  await seedFixture(env.ctx);
  depts = await seedDepartments(env.ctx);
  const users: [string, Parameters<typeof makeUser>[2], string, string?][] = [
    ['c.leader', 'leader', fixture.county],
    ['t.op', 'operator', fixture.townshipA],
    ['v.op', 'operator', fixture.villageA],
    ['d.handler', 'handler', fixture.county, depts.housing],
    ['a.hl', 'householdLeader', fixture.villageA],
    ['a.med', 'mediator', fixture.villageA],
    ['a.pet', 'petitionOfficer', fixture.villageA],
  ];
  for (const [name, role, scope, dept] of users) {
    const id = await makeUser(env.ctx, name, role, scope, dept);
    if (name === 't.op') townshipOp = { kind: 'user', id, name, role: 'operator', scopeCode: fixture.townshipA };
    cookie[name] = await login(env.app, name);
  }
});
afterAll(() => env?.close());

/** Moves the clock and signs everyone in again (sessions time out after 30 idle minutes). */
async function advance(ms: number) {
  env.clock.advance(ms);
  for (const name of Object.keys(cookie)) cookie[name] = await login(env.app, name);
}
const get = async (who: string, url: string) => {
  const res = await call(env.app, 'GET', url, cookie[who]);
  return res;
};
const kpis = async () => (await get('c.leader', `/api/kpis?region=${fixture.county}`)).body as { overdueNow: number; closed: number; onTimeRate: number | null };

describe('overdue, defined once', () => {
  let late = '';
  it('counts a case past its one-hour first response as overdue: in the 超期 box, its flag, the dashboard', async () => {
    late = (await buildCase(env, { status: 'submitted' })).code;
    await advance(61 * 60_000);
    await sweepDeadlines(env.ctx);
    const box = await get('c.leader', '/api/cases?box=overdue');
    expect(box.status).toBe(200);
    expect(codesIn(box.body)).toContain(late);
    const row = (box.body.items as { code: string; isOverdue: boolean }[]).find((i) => i.code === late)!;
    expect(row.isOverdue).toBe(true);
    expect((await kpis()).overdueNow).toBe(1);
  });

  it('does not count a case closed after a breached deadline as on time, and drops it from the overdue count', async () => {
    // The sweep escalated it to the township: the township accepts it, the village does the rest.
    const steps: [Actor | 'op' | 'gw', string, Record<string, unknown>][] = [[townshipOp, 'accept', { tier: 'minor' }], ['op', 'dispatch', {}], ['gw', 'start', {}], ['gw', 'reportBack', { text: '已清运' }], ['op', 'verify', { result: 'pass' }], ['op', 'followUp', { satisfaction: 'satisfied', method: 'phone' }]];
    const { cast } = await buildCase(env, { status: 'submitted', description: '另一处垃圾' });
    for (const [who, action, body] of steps) {
      const actor = who === 'op' ? cast.operator : who === 'gw' ? cast.gridWorker : who;
      const input = caseActionSchemas[action as CaseAction].parse(action === 'dispatch' ? { userId: cast.gridWorker.id } : body) as Record<string, unknown>;
      await applyCaseAction(env.ctx, actor, late, action as CaseAction, input);
    }
    const k = await kpis();
    expect(k.closed).toBe(1);
    expect(k.onTimeRate).toBe(0);
    expect(k.overdueNow).toBe(0);
    expect(codesIn((await get('c.leader', '/api/cases?box=overdue')).body)).not.toContain(late);
  });

  it('drops a rejected overdue case from the overdue count', async () => {
    const { code } = await buildCase(env, { status: 'submitted', description: '第三处垃圾堆放' });
    await advance(61 * 60_000);
    await sweepDeadlines(env.ctx);
    expect((await kpis()).overdueNow).toBeGreaterThanOrEqual(1);
    const before = (await kpis()).overdueNow;
    await applyCaseAction(env.ctx, townshipOp, code, 'reject', { reason: '重复反映' });
    expect((await kpis()).overdueNow).toBe(before - 1);
  });
});

describe('a deadline missed between sweeps', () => {
  it('stays missed when its step ends before the sweep ran, and the close is not on time', async () => {
    const before = await kpis();
    const { code, cast } = await buildCase(env, { status: 'dispatched', description: '第四处垃圾堆放' });
    await advance(3 * 86_400_000); // past the stage limit; no sweep runs
    for (const [who, action, body] of [['gw', 'start', {}], ['gw', 'reportBack', { text: '已清运' }], ['op', 'verify', { result: 'pass' }], ['op', 'followUp', { satisfaction: 'satisfied', method: 'phone' }]] as const) {
      await applyCaseAction(env.ctx, who === 'op' ? cast.operator : cast.gridWorker, code, action, caseActionSchemas[action].parse(body) as Record<string, unknown>);
    }
    const stage = ((await get('v.op', `/api/cases/${code}`)).body.clocks as { kind: string; state: string }[]).filter((c) => c.kind === 'stage');
    expect(stage.some((c) => c.state === 'breached')).toBe(true);
    const after = await kpis();
    expect(after.closed).toBe(before.closed + 1);
    expect(after.onTimeRate).toBe(0);
  });
});

describe('boxes by role, with counts', () => {
  const boxesOf = async (who: string) => ((await get(who, '/api/cases/boxes')).body as { box: string; count: number }[]);

  it('gives each role only the boxes it can act on', async () => {
    expect((await boxesOf('t.op')).map((b) => b.box)).toEqual(['toAccept', 'toDispatch', 'toVerify', 'toFollowUp', 'overdue', 'all']);
    expect((await boxesOf('d.handler')).map((b) => b.box)).toEqual(['mine', 'overdue', 'all']);
    expect((await boxesOf('c.leader')).map((b) => b.box)).toEqual(['overdue', 'all']);
    expect((await boxesOf('a.med')).map((b) => b.box)).toEqual(['all']);
    expect((await boxesOf('a.pet')).map((b) => b.box)).toEqual(['all']);
  });

  it('refuses a box the role may not list', async () => {
    for (const [who, box] of [['d.handler', 'toDispatch'], ['d.handler', 'toAccept'], ['a.med', 'toAccept'], ['c.leader', 'toDispatch'], ['a.hl', 'toVerify']]) {
      const res = await get(who!, `/api/cases?box=${box}`);
      expect(res.status, `${who} ${box}`).toBe(403);
    }
  });

  it("shows a township operator its villages' unaccepted reports in 待受理, counted", async () => {
    const { code } = await buildCase(env, { status: 'submitted', description: '村里路灯坏了好几盏' });
    const inbox = await get('t.op', '/api/cases?box=toAccept');
    expect(codesIn(inbox.body)).toContain(code);
    const toAccept = (await boxesOf('t.op')).find((b) => b.box === 'toAccept')!;
    expect(toAccept.count).toBe(inbox.body.total);
    expect(toAccept.count).toBeGreaterThan(0);
  });

  it('lands a case entered by a township operator at the township', async () => {
    const res = await call(env.app, 'POST', '/api/cases', cookie['t.op'], { channel: 'visit', categoryId: 'sanitation.garbage', description: '镇上受理的来访事项', lat: 37.05, lng: 101.05 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.unitLevel).toBe('township');
    const d = await get('t.op', `/api/cases/${res.body.code}`);
    expect(d.body).toMatchObject({ unitLevel: 'township', unitCode: fixture.townshipA });
    // A village operator's entry stays in the village.
    const v = await call(env.app, 'POST', '/api/cases', cookie['v.op'], { channel: 'visit', categoryId: 'sanitation.garbage', description: '村里受理的来访事项', lat: 37.05, lng: 101.05 });
    expect(v.body.unitLevel).toBe('village');
  });
});

describe('need-to-know for the roles that report or advise', () => {
  it('shows household leaders, mediators and petition officers only what they reported, handle or (mediators) mediate', async () => {
    const other = (await buildCase(env, { status: 'submitted', description: '别人上报的垃圾问题' })).code;
    const dispute = (await buildCase(env, { status: 'submitted', categoryId: 'dispute.neighbour', description: '邻居修房占道纠纷' })).code;
    const own = await call(env.app, 'POST', '/api/cases', cookie['a.hl'], { channel: 'patrol', categoryId: 'sanitation.garbage', description: '联户长巡查发现垃圾', lat: 37.05, lng: 101.05 });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const hl = codesIn((await get('a.hl', '/api/cases?pageSize=100')).body);
    expect(hl).toContain(own.body.code);
    expect(hl).not.toContain(other);
    expect((await get('a.hl', `/api/cases/${other}`)).status).toBe(404);
    const med = codesIn((await get('a.med', '/api/cases?pageSize=100')).body);
    expect(med).toContain(dispute);
    expect(med).not.toContain(other);
    expect((await get('a.med', `/api/cases/${other}`)).status).toBe(404);
    const pet = codesIn((await get('a.pet', '/api/cases?pageSize=100')).body);
    expect(pet).not.toContain(other);
    expect(pet).not.toContain(dispute);
    // The operator still reads them all.
    expect(codesIn((await get('v.op', '/api/cases?pageSize=100')).body)).toEqual(expect.arrayContaining([other, dispute, own.body.code]));
  });
});

describe('deadlines you can see', () => {
  it('sorts by the nearest due time on the server, overdue first, and gives each row its due time', async () => {
    const res = await get('v.op', '/api/cases?box=all&sort=due&pageSize=100');
    expect(res.status).toBe(200);
    const items = res.body.items as { code: string; nextDueAt: string | null; status: string }[];
    const dues = items.map((i) => i.nextDueAt).filter((d): d is string => d !== null);
    expect(dues.length).toBeGreaterThan(1);
    expect(dues).toEqual([...dues].sort());
    // Rows without a running clock (ended cases) come last.
    const firstNull = items.findIndex((i) => i.nextDueAt === null);
    if (firstNull >= 0) expect(items.slice(firstNull).every((i) => i.nextDueAt === null)).toBe(true);
    expect(items.find((i) => i.status === 'closed')?.nextDueAt ?? null).toBeNull();
    // A window on the due time (the home page's "due today").
    const soon = dues.find((d) => new Date(d) > env.clock.now())!;
    const window = await get('v.op', `/api/cases?sort=due&dueFrom=${env.clock.now().toISOString()}&dueTo=${soon}`);
    const inWindow = (window.body.items as { nextDueAt: string }[]).map((i) => i.nextDueAt);
    expect(inWindow.length).toBeGreaterThan(0);
    expect(inWindow.every((d) => d > env.clock.now().toISOString() && d <= soon)).toBe(true);
  });
});
