/**
 * Monthly KPI rollups (issue 13): the dashboard reads whole folded months from the monthly rows and the partial
 * months at the edges from the daily rows, and answers exactly what the daily rows alone answer; the fold job
 * folds only finished months, is idempotent, and a corrected month is read from the daily rows once it is unlisted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { FakeClock } from '../../lib/clock.ts';
import { createContext } from '../../context.ts';
import { foldFinishedMonths, windowFirstResponse } from './case-kpi-months.service.ts';
import { childPrefixLength, subtreePrefix } from '../../../core/region-code.ts';
import * as stats from './case-stats.repository.ts';

const clock = new FakeClock(new Date('2026-06-10T04:00:00Z')); // 12:00 on 10 June, China time
let env: TestEnv;
let cookie: string;

const villages = ['632221100201', '632221100202', '632221200201', '632222100201'];
const regionsAsked = ['632200000000', '632221000000', '632221100000', '632221100201'];
/** Windows with partial edges, exact months, the current month, one month's inside and a whole year. */
const windows: [string, string][] = [['2025-11-17', '2026-05-20'], ['2025-12-01', '2026-04-30'], ['2026-01-01', '2026-06-10'], ['2026-02-03', '2026-02-20'], ['2025-06-11', '2026-06-10']];
const folded = ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'];

const instant = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
async function dashboard(region: string, [from, to]: [string, string]): Promise<{ received: number; closed: number; children: { code: string }[] }> {
  const r = await call(env.app, 'GET', `/api/kpis?region=${region}&from=${instant(from)}&to=${instant(to)}`, cookie);
  expect(r.status).toBe(200);
  // Children with the same count come in no promised order: compare them by code.
  return { received: r.body.received, closed: r.body.closed, ...r.body, children: [...(r.body.children as { code: string }[])].sort((a, b) => a.code.localeCompare(b.code)) };
}
async function everyAnswer() {
  const out: unknown[] = [];
  for (const region of regionsAsked) for (const w of windows) out.push(await dashboard(region, w));
  return out;
}
const q = async <T>(text: string) => (await env.ctx.database.query<T>(text));

beforeAll(async () => {
  env = await createTestEnv({ clock });
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'p.leader', 'leader', '630000000000');
  cookie = await login(env.app, 'p.leader');
  // Eight months of uneven daily counters and first-response buckets in four villages of two counties.
  const v = `unnest(array[${villages.map((x) => `'${x}'`).join(',')}]::char(12)[])`;
  await env.ctx.database.execScript(`
    INSERT INTO case_stats_daily (county_code, village_code, day, received, closed, closed_on_time, resolved, resolved_village, resolved_township, rated, satisfied, first_responses)
      SELECT substr(v, 1, 6), v, d::date, h % 23, h % 19, h % 17, h % 13, h % 7, h % 5, h % 11, h % 9, h % 21
      FROM ${v} v, generate_series('2025-10-20'::date, '2026-06-10'::date, '1 day') d, abs(hashtext(v || d::text)) h;
    INSERT INTO case_first_response_hist (county_code, village_code, day, bucket, n)
      SELECT substr(v, 1, 6), v, d::date, b, abs(hashtext(v || d::text || b)) % 5
      FROM ${v} v, generate_series('2025-10-20'::date, '2026-06-10'::date, '1 day') d, generate_series(0, 40, 3) b;`);
});
afterAll(() => env?.close());

describe('monthly KPI rollups', () => {
  let before: unknown[];

  it('fold every finished month with daily rows, and not the current one', async () => {
    before = await everyAnswer(); // nothing folded yet: the daily rows alone, as before issue 13
    expect(before[0]).toMatchObject({ received: expect.any(Number), medianFirstResponseMinutes: expect.any(Number) });
    expect((before[0] as { received: number }).received).toBeGreaterThan(1000);
    expect(await foldFinishedMonths(env.ctx)).toEqual(['2025-10-01', ...folded]);
    expect(await foldFinishedMonths(env.ctx)).toEqual([]); // nothing left: a second run does nothing
    const [m] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM case_stats_monthly WHERE month = '2026-02-01'`);
    expect(m!.n).toBe(villages.length);
  });

  it('answer the same figures as the daily rows for any window and region, the median first response included', async () => {
    expect(await everyAnswer()).toEqual(before);
  });

  it('give the same first-response histogram, bucket by bucket, as the daily rows', async () => {
    for (const region of regionsAsked) {
      for (const [fromDay, toDay] of windows) {
        const w = { region, prefix: subtreePrefix(region), childPrefixLength: childPrefixLength(region), fromDay, toDay };
        const daily = await stats.firstResponseHist(env.ctx.db, w.prefix, fromDay, toDay);
        expect(daily.length).toBeGreaterThan(10);
        expect(await windowFirstResponse(env.ctx, w)).toEqual(daily);
      }
    }
  });

  it('read the folded months from the monthly rows', async () => {
    await env.ctx.database.execScript(`UPDATE case_stats_monthly SET received = received + 1000 WHERE month = '2026-03-01' AND village_code = '632221100201'`);
    const k = await dashboard('632221000000', ['2026-02-15', '2026-04-10']);
    const b = await dashboard('632221000000', ['2026-02-01', '2026-02-28']);
    expect(k.received - b.received).toBeGreaterThan(1000);
    await env.ctx.database.execScript(`UPDATE case_stats_monthly SET received = received - 1000 WHERE month = '2026-03-01' AND village_code = '632221100201'`);
  });

  it('read a corrected month from the daily rows once it is unlisted, and fold it again on the next run', async () => {
    await env.ctx.db.transaction((tx) => stats.bump(tx, '632221', '632221100201', '2026-02-14', { received: 500, closed: 7 }));
    const w: [string, string] = ['2026-01-20', '2026-03-05'];
    const stale = await dashboard('632221000000', w);
    expect(stale).toEqual(await dashboard('632221000000', w)); // still the folded month: a correction is not seen by itself
    await env.ctx.database.execScript(`DELETE FROM case_kpi_months WHERE month = '2026-02-01'`);
    const fresh = await dashboard('632221000000', w);
    expect(fresh.received - stale.received).toBe(500);
    expect(fresh.closed - stale.closed).toBe(7);
    expect(await foldFinishedMonths(env.ctx)).toEqual(['2026-02-01']);
    expect(await dashboard('632221000000', w)).toEqual(fresh);
  });

  it('fold a month once it ended more than an hour ago', async () => {
    clock.advance(20 * 86_400_000 + 12.5 * 3600_000); // 00:30 on 1 July, China time: June may still get a row
    expect(await foldFinishedMonths(env.ctx)).toEqual([]);
    clock.advance(3600_000); // 01:30
    expect(await foldFinishedMonths(env.ctx)).toEqual(['2026-06-01']);
  });

  it.skipIf(!process.env.DATABASE_URL)('stay right, without an error, when two servers run the job at the same moment (needs a server database: two connections)', async () => {
    const other = await createContext({ ...env.ctx.config }, { clock });
    cookie = await login(env.app, 'p.leader'); // the clock moved three weeks: a fresh session
    try {
      await env.ctx.database.execScript(`DELETE FROM case_kpi_months`);
      await env.ctx.database.execScript(`DELETE FROM case_stats_monthly`);
      const [a, b] = await Promise.all([foldFinishedMonths(env.ctx), foldFinishedMonths(other)]);
      expect(new Set([...a, ...b])).toEqual(new Set(['2025-10-01', ...folded, '2026-06-01']));
      expect(await everyAnswer()).toEqual(await (async () => {
        await env.ctx.database.execScript(`DELETE FROM case_kpi_months`);
        return everyAnswer();
      })());
    } finally {
      await other.database.close();
    }
  });
});
