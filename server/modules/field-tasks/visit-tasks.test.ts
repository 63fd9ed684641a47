/**
 * Issue 16's acceptance on the fake clock (the fixture clock starts Monday 2026-03-02 09:00 China time): visit
 * tasks appear with the right intervals for generated subjects of each rule, go to the grid's linked worker, close
 * when a visit is recorded and reopen at the next interval, warn and breach (telling the assignee and the grid's
 * leader), are cancelled when their rule no longer applies, and a rerun of the generator creates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, fixture, type TestEnv } from '../../test/harness.ts';
import { advanceTo } from '../../test/china-clock.ts';
import { clocksOf, eventsOf, fieldWorld, linkStaff, noticesOf, personUnderCare, tasksOf } from '../../test/visit-task-builders.ts';
import { systemActor } from '../../lib/actor.ts';
import { leave } from '../people/retention.service.ts';
import { generateForCounty, onVisitRecorded } from './visit-task-generator.service.ts';
import { sweepVisitTaskClocks } from './visit-task-sweep.ts';

const COUNTY = fixture.county.slice(0, 6);
let env: TestEnv;
let w: Awaited<ReturnType<typeof fieldWorld>>;
const p: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  w = await fieldWorld(env);
  p.grade2 = await personUnderCare(env, fixture.gridA1, '马一', { kind: 'special_group', category: '03', riskLevel: '2' });
  p.grade4 = await personUnderCare(env, fixture.gridA1, '马二', { kind: 'special_group', category: '03', riskLevel: '4' });
  p.hardship = await personUnderCare(env, fixture.gridB1, '韩三', { kind: 'care', category: '02' });
  p.alone = await personUnderCare(env, fixture.gridA2, '李四', { kind: 'care', category: '01' });
  p.none = await personUnderCare(env, fixture.gridA1, '王五');
}, 60_000);
afterAll(async () => env?.close());

const open = async (id: string) => (await tasksOf(env, id)).filter((t) => t.status === 'open');

describe('visit tasks (fake clock)', () => {
  it('generates one task per person under care, due after the rule\'s interval, with the grid\'s linked worker', async () => {
    const g = await generateForCounty(env.ctx, COUNTY);
    expect(g.created).toBe(4);
    // Monday 2026-03-02: grade 2 → +90, grade 4 → +14, hardship → 7 days after its record, elderly alone → +90.
    expect((await open(p.grade2!)).map((t) => [t.rule, t.dueOn, t.assigneeId])).toEqual([['special_care', '2026-05-31', w.users.worker]]);
    expect((await open(p.grade4!)).map((t) => [t.rule, t.dueOn, t.assigneeId])).toEqual([['special_care', '2026-03-16', w.users.worker]]);
    expect((await open(p.hardship!)).map((t) => [t.rule, t.dueOn, t.assigneeId])).toEqual([['hardship', '2026-03-09', null]]);
    expect((await open(p.alone!)).map((t) => [t.rule, t.dueOn, t.assigneeId])).toEqual([['care_other', '2026-05-31', null]]);
    expect(await tasksOf(env, p.none!)).toEqual([]);
    // Each has its calendar-day clock, due at the end of its due day (China time).
    const [c] = await clocksOf(env, (await open(p.grade4!))[0]!.id);
    expect([c!.kind, c!.mode, new Date(c!.dueAt).toISOString()]).toEqual(['visit', 'calendar', '2026-03-16T16:00:00.000Z']);
  });

  it('creates nothing on a rerun, and gives an unassigned task the worker its grid gets later', async () => {
    expect(await generateForCounty(env.ctx, COUNTY)).toEqual({ created: 0, cancelled: 0, assigned: 0 });
    await linkStaff(env, fixture.gridB1, w.users.workerB);
    expect(await generateForCounty(env.ctx, COUNTY)).toEqual({ created: 0, cancelled: 0, assigned: 1 });
    expect((await open(p.hardship!))[0]!.assigneeId).toBe(w.users.workerB);
  });

  it('closes the task when a visit is recorded and opens the next one at the interval after the visit', async () => {
    advanceTo(env.clock, '2026-03-10T15:00:00');
    const [task] = await open(p.grade4!);
    await env.ctx.db.transaction((tx) => onVisitRecorded(tx, env.ctx, { kind: 'user', id: w.users.worker, name: 'gw.a', role: 'gridWorker', scopeCode: fixture.villageA }, { countyCode: COUNTY, id: crypto.randomUUID(), subjectType: 'person', subjectId: p.grade4!, visitedAt: new Date('2026-03-10T02:00:00Z') }));
    const all = await tasksOf(env, p.grade4!);
    expect(all.map((t) => [t.status, t.dueOn])).toEqual([['done', '2026-03-16'], ['open', '2026-03-24']]);
    expect(all[0]!.id).toBe(task!.id);
    expect((await clocksOf(env, task!.id)).map((c) => c.state)).toEqual(['met']);
    const events = await eventsOf(env, task!.id);
    expect(events.map((e) => [e.type, e.actorId])).toEqual([['create', 'system'], ['complete', w.users.worker]]);
  });

  it('warns the assignee, then on the day after the due day tells the assignee and the grid\'s leader', async () => {
    // The hardship task (grid B1) was due 03-09: it is past due now; grade 4's next (03-24) warns at 80%.
    const swept = await sweepVisitTaskClocks(env.ctx);
    expect(swept.breached).toBe(1);
    advanceTo(env.clock, '2026-03-22T09:00:00');
    expect((await sweepVisitTaskClocks(env.ctx)).warned).toBe(1);
    advanceTo(env.clock, '2026-03-25T00:30:00');
    expect((await sweepVisitTaskClocks(env.ctx)).breached).toBe(1);
    const told = (await noticesOf(env)).filter((m) => m.text?.includes('走访任务'));
    expect(told.map((m) => [m.userIds, m.text])).toEqual([
      [[w.users.workerB], '新的走访任务，请于 2026-03-09 前走访'],
      [[w.users.workerB], '走访任务已超期：应于 2026-03-09 前走访'],
      [[w.users.worker], '提醒：走访任务将于 2026-03-24 到期'],
      [[w.users.worker, w.users.leader], '走访任务已超期：应于 2026-03-24 前走访'],
    ]);
    // No text names the category.
    for (const m of told) expect(m.text).not.toMatch(/精神|障碍|困难/);
  });

  it('counts a visit made offline before the due day as on time though it syncs after the sweep breached the task', async () => {
    // Grade 4's task due 03-24 was breached at 03-25 00:30; the worker's phone recorded the visit on 03-23.
    const [task] = await open(p.grade4!);
    expect((await clocksOf(env, task!.id)).map((c) => c.state)).toEqual(['breached']);
    await env.ctx.db.transaction((tx) => onVisitRecorded(tx, env.ctx, { kind: 'user', id: w.users.worker, name: 'gw.a', role: 'gridWorker', scopeCode: fixture.villageA }, { countyCode: COUNTY, id: crypto.randomUUID(), subjectType: 'person', subjectId: p.grade4!, visitedAt: new Date('2026-03-23T02:00:00Z') }));
    expect((await tasksOf(env, p.grade4!)).find((t) => t.id === task!.id)!.status).toBe('done');
    expect((await clocksOf(env, task!.id)).map((c) => c.state)).toEqual(['met']);
  });

  it('cancels a task whose rule no longer applies (the person moved away) and keeps the rest', async () => {
    await leave(env.ctx, systemActor(fixture.province, 'test'), p.alone!, { reason: 'moved_away' });
    expect(await generateForCounty(env.ctx, COUNTY)).toMatchObject({ created: 0, cancelled: 1 });
    expect((await tasksOf(env, p.alone!)).map((t) => t.status)).toEqual(['cancelled']);
    const [c] = await clocksOf(env, (await tasksOf(env, p.alone!))[0]!.id);
    expect(c!.state).toBe('cancelled');
    expect((await open(p.grade2!)).length).toBe(1);
  });
});
