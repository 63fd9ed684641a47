/** Clocks with a fake clock: first response, warnings, breaches, working days, pauses, restarts, and no double firing. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, createTestEnv, fixture, login, makeUser, seedDepartments, seedFixture, type TestEnv } from '../../test/harness.ts';
import { FakeClock } from '../../lib/clock.ts';
import { createScratchDatabase } from '../../test/scratch-db.ts';
import { sweepDeadlines } from './deadline-sweep.service.ts';
import { importCalendar } from '../catalog/catalog.service.ts';
import { systemActor } from '../../lib/actor.ts';
import { ROOT_SCOPE } from '../../../core/region-code.ts';

const cst = (s: string) => new Date(s + '+08:00');
let env: TestEnv;
let op = '';
beforeAll(async () => {
  // Monday 2026-09-28, 09:00 in China; National Day holidays follow on Thursday.
  env = await createTestEnv({ clock: new FakeClock(cst('2026-09-28T09:00:00')) });
  await seedFixture(env.ctx);
  await seedDepartments(env.ctx);
  await makeUser(env.ctx, 'v.op', 'operator', fixture.villageA);
  await makeUser(env.ctx, 't.op', 'operator', fixture.townshipA);
  await importCalendar(env.ctx, systemActor(ROOT_SCOPE), 'date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-02,holiday,国庆节\n2026-10-05,holiday,国庆节\n2026-10-06,holiday,国庆节\n2026-10-07,holiday,国庆节\n2026-10-10,workday,调休上班\n');
});
afterAll(() => env?.close());

const newCase = async (description = '垃圾没人清运') => (await call(env.app, 'POST', '/api/cases', op || (op = await login(env.app, 'v.op')), { channel: 'phone', categoryId: 'sanitation.garbage', description, lat: 37.05, lng: 101.05 })).body.code as string;
const detail = async (code: string) => (await call(env.app, 'GET', `/api/cases/${code}`, await login(env.app, 't.op'))).body;
const clock = (d: Record<string, unknown>, kind: string) => (d.clocks as { kind: string; dueAt: string; colour: string; state: string }[]).find((k) => k.kind === kind)!;

describe('first response (一小时介入)', () => {
  it('warns at 80%, then urges and escalates once when the hour passes, and never fires twice', async () => {
    const code = await newCase();
    expect(clock(await detail(code), 'first_response').colour).toBe('green');
    env.clock.advance(49 * 60_000);
    expect(await sweepDeadlines(env.ctx)).toEqual({ warned: 1, breached: 0 });
    expect(clock(await detail(code), 'first_response').colour).toBe('yellow');
    expect(await sweepDeadlines(env.ctx)).toEqual({ warned: 0, breached: 0 });
    env.clock.advance(12 * 60_000);
    expect(await sweepDeadlines(env.ctx)).toEqual({ warned: 0, breached: 1 });
    const d = await detail(code);
    expect(clock(d, 'first_response')).toMatchObject({ state: 'breached', colour: 'red' });
    expect(d).toMatchObject({ status: 'submitted', unitLevel: 'township', unitCode: fixture.townshipA });
    expect((d.timeline as { type: string }[]).map((e) => e.type)).toEqual(['submit', 'deadlineWarned', 'deadlineBreached', 'urge', 'escalate']);
    expect(await sweepDeadlines(env.ctx)).toEqual({ warned: 0, breached: 0 });
    expect((await detail(code)).timeline).toHaveLength(5);
  });
});

describe('working-day limits', () => {
  it('skip the configured holidays and weekend when counting days', async () => {
    env.clock.advance(-61 * 60_000); // back to Monday 09:00 for a clean start
    const code = await newCase('路边垃圾堆积');
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, op, {});
    // minor: 3 working days end to end. Mon 28 Sep 09:00 + 3 working days: the rest of Mon (15h), Tue,
    // Wed (48h) and 9 more hours on the next working day, which after the holiday and weekend is Thu 8 Oct.
    expect(new Date(clock(await detail(code), 'total').dueAt)).toEqual(cst('2026-10-08T09:00:00'));
    // The one-day stage clock ends Tuesday 09:00.
    expect(new Date(clock(await detail(code), 'stage').dueAt)).toEqual(cst('2026-09-29T09:00:00'));
  });

  it('do not count paused time, measured in working time', async () => {
    const code = await newCase('垃圾桶损坏');
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, op, {});
    const due = new Date(clock(await detail(code), 'total').dueAt);
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/pause`, op, { reason: '等待群众提供照片' })).status).toBe(200);
    env.clock.advance(24 * 3600_000); // Tue 09:00: one working day paused
    await sweepDeadlines(env.ctx); // (the earlier case's one-day stage clock breaches now; this one's are paused)
    op = await login(env.app, 'v.op'); // a day later the old session has timed out
    expect(clock(await detail(code), 'stage').state).toBe('open');
    const resumed = await call(env.app, 'POST', `/api/cases/${code}/actions/resume`, op, {});
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    const after = new Date(clock(await detail(code), 'total').dueAt);
    // One working day later than before: Thu 8 Oct 09:00 → Fri 9 Oct 09:00.
    expect(after.getTime() - due.getTime()).toBe(24 * 3600_000);
    env.clock.advance(-24 * 3600_000);
  });
});

describe('restarts', () => {
  let dir = '';
  let drop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await drop?.();
  });

  it('lose and repeat nothing when the process stops between the due time and the sweep', async () => {
    const clk = new FakeClock(cst('2026-09-28T09:00:00'));
    let opts: { dataDir?: string; databaseUrl?: string };
    if (process.env.DATABASE_URL) {
      const s = await createScratchDatabase(process.env.DATABASE_URL);
      drop = s.drop;
      opts = { databaseUrl: s.url };
    } else {
      dir = mkdtempSync(join(tmpdir(), 'anwang-restart-'));
      opts = { dataDir: dir };
    }
    const first = await createTestEnv({ ...opts, clock: clk });
    await seedFixture(first.ctx);
    await makeUser(first.ctx, 'r.op', 'operator', fixture.villageA);
    const code = (await call(first.app, 'POST', '/api/cases', await login(first.app, 'r.op'), { channel: 'phone', categoryId: 'sanitation.garbage', description: '重启测试', lat: 37.05, lng: 101.05 })).body.code as string;
    await first.close(); // the server stops before the hour is up
    clk.advance(2 * 3600_000); // and is down when the first response falls due
    const second = await createTestEnv({ ...opts, clock: clk });
    expect(await sweepDeadlines(second.ctx)).toEqual({ warned: 0, breached: 1 });
    await second.close();
    const third = await createTestEnv({ ...opts, clock: clk }); // another restart: nothing fires again
    expect(await sweepDeadlines(third.ctx)).toEqual({ warned: 0, breached: 0 });
    const events = await third.ctx.database.query<{ type: string }>(`SELECT e.type FROM case_events e JOIN cases c ON c.county_code = e.county_code AND c.id = e.case_id WHERE c.code = $1 ORDER BY e.id`, [code]);
    expect(events.map((e) => e.type)).toEqual(['submit', 'deadlineBreached', 'urge', 'escalate']);
    await third.close();
  });
});
