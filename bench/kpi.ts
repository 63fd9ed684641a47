/**
 * Dashboard KPIs for one county holding many cases (generated with SQL): the query reads the rollups, so
 * its time must not grow with the number of cases; whole finished months come from the monthly rollups (folded
 * here as the hourly job folds them), so a year costs about what a month does.
 */
import { loadConfig } from '../server/config.ts';
import { createContext } from '../server/context.ts';
import { kpis } from '../server/modules/dashboard/dashboard.service.ts';
import { foldFinishedMonths } from '../server/modules/cases/case-kpi-months.service.ts';
import { seedFixture } from '../server/test/harness.ts';
import { createScratchDatabase } from '../server/test/scratch-db.ts';
import { pct, type Result } from './lib.ts';

const sizes = (process.env.BENCH_KPI_SIZES ?? (process.env.DATABASE_URL ? '1000000,10000000' : '1000000')).split(',').map(Number);

/** The KPI benchmark. */
export async function kpiBench(): Promise<Result> {
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'anwang_kpi') : undefined;
  const ctx = await createContext({ ...loadConfig({}), databaseUrl: scratch?.url, secretKeyHex: '0123456789abcdeffedcba9876543210' }, { inMemory: true });
  await seedFixture(ctx);
  const figures: Result['figures'] = [];
  const notes: string[] = [];
  // A year of rollups for 300 villages of the county: what a busy county's transitions would leave.
  let t = performance.now();
  await ctx.database.execScript(`INSERT INTO case_stats_daily (county_code, village_code, day, received, closed, closed_on_time, resolved, resolved_village, resolved_township, rated, satisfied, first_responses)
    SELECT '632221', '632221100' || lpad(v::text, 3, '0'), (current_date - d)::date, 30, 28, 26, 27, 19, 8, 20, 19, 30
    FROM generate_series(1, 300) v, generate_series(0, 364) d`);
  await ctx.database.execScript(`INSERT INTO case_first_response_hist (county_code, village_code, day, bucket, n)
    SELECT '632221', '632221100' || lpad(v::text, 3, '0'), (current_date - d)::date, b, 3 FROM generate_series(1, 300) v, generate_series(0, 364) d, generate_series(0, 11) b`);
  notes.push(`rollups: 300 villages × 365 days in ${Math.round(performance.now() - t)} ms`);
  t = performance.now();
  const months = await foldFinishedMonths(ctx); // the "kpi months" job's first run on this history
  const foldMs = performance.now() - t;
  figures.push({ label: `fold ${months.length} finished months (the job's run)`, value: Math.round(foldMs), unit: 'ms' });
  notes.push(`months folded: ${months[0]} … ${months.at(-1)} (${Math.round(foldMs / Math.max(1, months.length))} ms a month for 300 villages)`);
  const actor = { kind: 'user' as const, id: 'bench', name: 'bench', role: 'leader' as const, scopeCode: '632221000000' };
  let have = 0;
  for (const n of sizes) {
    t = performance.now();
    await ctx.database.execScript(`INSERT INTO cases (county_code, id, code, status, outcome, category_id, tier, suggested_tier, urgency, channel, description, village_code, unit_level, unit_code, is_public, is_overdue, reopen_count, me_too_count, created_at, updated_at)
      SELECT '632221', md5('k' || g)::uuid, '632221-K' || lpad(to_hex(g), 7, '0'), 'closed', 'resolved', 'sanitation.garbage', 'minor', 'minor', 'normal', 'hotline', '历史案件',
        '632221100' || lpad((1 + g % 300)::text, 3, '0'), 'village', '632221100201', true, false, 0, 0, now() - ((g % 525600) || ' minutes')::interval, now()
      FROM generate_series(${have + 1}, ${n}) g`);
    notes.push(`${n.toLocaleString()} cases present (generated in ${Math.round(performance.now() - t)} ms)`);
    await ctx.database.maintain(); // what the scheduler's hourly upkeep does on PGlite
    if (process.env.DATABASE_URL) await ctx.database.execScript('ANALYZE'); // autovacuum would, a little later
    have = n;
    for (const [label, days] of [['30 days', 29], ['365 days', 364]] as const) {
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const s = performance.now();
        await kpis(ctx, actor, 'cases', { region: '632221000000', from: new Date(Date.now() - days * 86_400_000) });
        times.push(performance.now() - s);
      }
      figures.push({ label: `KPI county, ${label}, ${n / 1e6}M cases (p50)`, value: Math.round(pct(times, 50) * 10) / 10, unit: 'ms' });
    }
  }
  await ctx.database.close();
  await scratch?.drop();
  return { name: 'kpi', figures, notes };
}
