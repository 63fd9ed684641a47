/** 0025: monthly KPI rollups — a database with history gets every finished month folded by the migration itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { foldCutoff } from '../../core/kpi-months.ts';
import { migrate } from './migrate.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

describe('0025: monthly KPI rollups', () => {
  it('folds the history already there, month by month, and leaves the months not yet finished to the daily rows', async () => {
    // The migration reads the server's own clock (not the test's): the history is laid out around today.
    await env.ctx.database.execScript(`
      DROP TABLE case_stats_monthly; DROP TABLE case_first_response_hist_monthly; DROP TABLE case_kpi_months;
      DELETE FROM schema_migrations WHERE name = '0025_kpi_monthly_rollups.sql';
      INSERT INTO case_stats_daily (county_code, village_code, day, received, closed, closed_on_time, resolved, resolved_village, resolved_township, rated, satisfied, first_responses)
        SELECT substr(v, 1, 6), v, current_date - d, d % 7, d % 5, d % 3, d % 4, d % 2, 1, d % 6, d % 5, d % 8
        FROM unnest(array['632221100201', '632222100201']) v, generate_series(0, 400) d;
      INSERT INTO case_first_response_hist (county_code, village_code, day, bucket, n)
        SELECT '632221', '632221100201', current_date - d, d % 12, 1 + d % 3 FROM generate_series(0, 400) d;`);
    expect(await migrate(env.ctx.database)).toEqual(['0025_kpi_monthly_rollups.sql']);
    const q = <T>(text: string) => env.ctx.database.query<T>(text);
    const cutoff = foldCutoff(new Date());
    const months = (await q<{ m: string }>(`SELECT month::text AS m FROM case_kpi_months ORDER BY 1`)).map((r) => r.m);
    expect(months.length).toBeGreaterThanOrEqual(12);
    expect(months.every((m) => m < cutoff)).toBe(true);
    const diff = await q<{ n: number }>(`
      SELECT count(*)::int AS n FROM (
        SELECT county_code, village_code, date_trunc('month', day)::date AS month, sum(received) AS r, sum(satisfied) AS s, sum(first_responses) AS f
        FROM case_stats_daily WHERE date_trunc('month', day)::date IN (SELECT month FROM case_kpi_months) GROUP BY 1, 2, 3
        EXCEPT SELECT county_code, village_code, month, received, satisfied, first_responses FROM case_stats_monthly) x`);
    expect(diff[0]!.n).toBe(0);
    const [h] = await q<{ d: number; m: number }>(`SELECT
      (SELECT sum(n)::int FROM case_first_response_hist WHERE date_trunc('month', day)::date IN (SELECT month FROM case_kpi_months)) AS d,
      (SELECT sum(n)::int FROM case_first_response_hist_monthly) AS m`);
    expect(h!.m).toBe(h!.d);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM case_stats_monthly WHERE month >= '${cutoff}'`))[0]!.n).toBe(0);
  });
});
