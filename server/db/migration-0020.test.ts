/** 0020: overdue defined once — an existing database gets its missed first responses counted and its ended cases uncounted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, seedFixture, type TestEnv } from '../test/harness.ts';
import { FakeClock } from '../lib/clock.ts';
import { buildCase } from '../test/case-builders.ts';
import { sweepDeadlines } from '../modules/cases/deadline-sweep.service.ts';
import { migrate } from './migrate.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock: new FakeClock(new Date('2026-11-30T01:00:00Z')) });
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

describe('0020: overdue defined once', () => {
  it('marks open cases with a missed first response overdue, clears ended ones, and rebuilds the counters', async () => {
    const late = (await buildCase(env, { status: 'submitted' })).code;
    const ended = (await buildCase(env, { status: 'rejected', description: '已不予受理的旧案件' })).code;
    env.clock.advance(61 * 60_000);
    await sweepDeadlines(env.ctx);
    const q = <T>(sql: string) => env.ctx.database.query<T>(sql);
    // Put the data back as the old rule left it: a missed first response not counted, an ended case still flagged.
    await env.ctx.database.execScript(`
      UPDATE cases SET is_overdue = false WHERE code = '${late}';
      UPDATE cases SET is_overdue = true WHERE code = '${ended}';
      DELETE FROM case_overdue_now;
      INSERT INTO case_overdue_now (county_code, village_code, n) SELECT county_code, village_code, 1 FROM cases WHERE code = '${ended}';
      DELETE FROM schema_migrations WHERE name = '0020_overdue_defined_once.sql';`);
    expect(await migrate(env.ctx.database)).toEqual(['0020_overdue_defined_once.sql']);
    const flags = await q<{ code: string; is_overdue: boolean }>(`SELECT code, is_overdue FROM cases ORDER BY code`);
    expect(flags.find((c) => c.code === late)!.is_overdue).toBe(true);
    expect(flags.find((c) => c.code === ended)!.is_overdue).toBe(false);
    expect((await q<{ n: number }>(`SELECT coalesce(sum(n), 0)::int AS n FROM case_overdue_now`))[0]!.n).toBe(1);
  });
});
