import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import { addDuration, type WorkCalendar } from '../../core/calendar.ts';
import { lastDayOf, statutoryDays } from '../../core/workflow/clock-rules.ts';
import { workCalendar } from '../modules/catalog/catalog.service.ts';
import { ESTIMATE_MARK, seedDemoCalendar } from './demo-calendar.ts';

const cst = (s: string) => new Date(s + '+08:00');
let env: TestEnv;
let cal: WorkCalendar;
beforeAll(async () => {
  env = await createTestEnv();
  expect(await seedDemoCalendar(env.ctx, systemActor(ROOT_SCOPE, 'demo-seed'))).toBe(52);
  cal = await workCalendar(env.ctx, env.ctx.db, '632221'); // 门源: shared days apply to every county
});
afterAll(() => env?.close());

describe('the demo ships 2026 official holidays and 调休 days', () => {
  it('holds National Day 2026-10-01..07 as holidays and its 调休 Sunday and Saturday as workdays', () => {
    for (let d = 1; d <= 7; d++) expect(cal.holidays.has(`2026-10-0${d}`)).toBe(true);
    expect([...cal.workdays].filter((d) => d.startsWith('2026-')).sort()).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
  it('holds the nine days of Spring Festival 2026 (15–23 February)', () => {
    const feb = [...cal.holidays].filter((d) => d.startsWith('2026-02-')).sort();
    expect(feb).toEqual(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect([...cal.holidays].filter((d) => d.startsWith('2026-')).length).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });
  it('deadlines skip the holidays and count the 调休 Saturday', () => {
    // 5 working days from Wednesday 30 September: 8, 9, 10 (Saturday 调休), 12, 13 October.
    expect(lastDayOf(cst('2026-09-30T09:00:00'), 5, statutoryDays('working'), cal)).toBe('2026-10-13');
    // One working day (1440 minutes) from 30 September 17:00 lands after the whole holiday week.
    expect(addDuration(cst('2026-09-30T17:00:00'), 1440, 'working', cal)).toEqual(cst('2026-10-08T17:00:00'));
    // Sunday 20 September is a workday: a day clock started on Saturday 19th runs out on it.
    expect(lastDayOf(cst('2026-09-19T10:00:00'), 1, statutoryDays('working'), cal)).toBe('2026-09-20');
  });
});

describe('seeding again', () => {
  it('adds nothing when shared days are already there (a second seed, or an installation\'s own calendar)', async () => {
    expect(await seedDemoCalendar(env.ctx, systemActor(ROOT_SCOPE, 'demo-seed'))).toBe(0);
  });
});

describe('2027 is an estimate until the State Council notice', () => {
  it('holds only the statutory days, each marked as an estimate, and no 调休 days', async () => {
    const days = await env.ctx.database.query<{ day: string; kind: string; name: string }>("SELECT to_char(day, 'YYYY-MM-DD') AS day, kind, name FROM calendar_days WHERE day >= '2027-01-01' ORDER BY day");
    expect(days.map((d) => d.day)).toEqual(['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02', '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03']);
    expect(days.every((d) => d.kind === 'holiday' && d.name.endsWith(ESTIMATE_MARK))).toBe(true);
  });
});
