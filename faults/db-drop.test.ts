/**
 * The database connection drops inside a transition (PostgreSQL only: PGlite runs in the process and has no
 * connection to lose). The test holds a lock the transition needs after it has already updated the case and
 * written its event, terminates that backend while it waits, and checks the answer is a clean 503, nothing of
 * the transition was kept, and the next request works on a fresh connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../server/test/harness.ts';

const url = process.env.DATABASE_URL;
let env: TestEnv;
let cookie = '';
beforeAll(async () => {
  if (!url) return;
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'v.op', 'operator', fixture.villageA);
  cookie = await login(env.app, 'v.op');
});
afterAll(async () => env?.close());

describe.skipIf(!url)('database connection lost inside a transition', () => {
  it('answers 503 UNAVAILABLE, keeps nothing half-written, and recovers', async () => {
    const made = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'sanitation.garbage', description: '垃圾没人清', lat: 37.05, lng: 101.05 });
    expect(made.status).toBe(201);
    const code = (made.body as { code: string }).code;
    const state = async () => (await env.ctx.database.query<{ status: string; version: number; events: number; clocks: number }>(
      // Joined on the county as well as the case, and the county named: on Citus a case's rows are one county's shard.
      `SELECT c.status, c.version, (SELECT count(*)::int FROM case_events e WHERE e.county_code = $2 AND e.county_code = c.county_code AND e.case_id = c.id) AS events, (SELECT count(*)::int FROM clocks d WHERE d.county_code = $2 AND d.county_code = c.county_code AND d.subject_type = 'case' AND d.subject_id = c.id) AS clocks FROM cases c WHERE c.county_code = $2 AND c.code = $1`, [code, code.slice(0, 6)]))[0]!;
    const before = await state();

    // The scratch database of this test env is the one the app uses.
    const dbName = (await env.ctx.database.query<{ d: string }>('SELECT current_database() AS d'))[0]!.d;
    const blocker = new pg.Client({ connectionString: url!.replace(/\/[^/]*$/, `/${dbName}`) });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE clocks IN EXCLUSIVE MODE');
      const pending = call(env.app, 'POST', `/api/cases/${code}/actions/accept`, cookie, {}, { 'accept-language': 'en' });
      // Wait until the transition is stuck on the lock (it has updated the case and written the event by now).
      let pid: number | undefined;
      for (let i = 0; i < 200 && !pid; i++) {
        const rows = (await blocker.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows;
        pid = rows[0]?.pid;
        if (!pid) await new Promise((r) => setTimeout(r, 25));
      }
      expect(pid, 'the transition should be waiting on the lock').toBeDefined();
      const seen = (await blocker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = $1 AND c.relname = 'case_events'`, [pid])).rows[0]!.n;
      expect(seen, 'the event row was already written in the dropped transaction').toBeGreaterThan(0);
      await blocker.query('SELECT pg_terminate_backend($1::int)', [pid]); // ::int: Citus adds a bigint (global pid) overload
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ error: { code: 'UNAVAILABLE', message: 'Service temporarily unavailable; nothing was saved, please retry' } });
      expect(res.headers['retry-after']).toBe('5');
      expect(JSON.stringify(res.body)).not.toMatch(/terminat|postgres|SQL/i);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect(await state()).toEqual(before); // no status change, no event, no clock
    // The pool threw the dead connection away: the same action now goes through.
    const retry = await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, cookie, {});
    expect(retry.status).toBe(200);
    expect((await state()).status).not.toBe(before.status);
  });
});
