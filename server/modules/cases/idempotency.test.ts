/** Nothing lost, nothing twice: Idempotency-Key replays, mismatches, concurrency, and several sweepers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { sweepDeadlines } from './deadline-sweep.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'v.op', 'operator', fixture.villageA);
});
afterAll(() => env?.close());

const body = (i: number) => ({ categoryId: 'sanitation.garbage', description: `第${i}号反映：垃圾没人清运`, lat: 37.05, lng: 101.05 });
const countCases = async () => (await env.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n;

describe('Idempotency-Key', () => {
  it('replays the first answer, refuses a reused key with another body, and accepts a retried action once', async () => {
    const a = await call(env.app, 'POST', '/api/public/cases', undefined, body(0), { 'idempotency-key': 'key-replay-000001' });
    const b = await call(env.app, 'POST', '/api/public/cases', undefined, body(0), { 'idempotency-key': 'key-replay-000001' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.code).toBe(a.body.code);
    expect(b.headers['idempotent-replay']).toBe('true');
    const c = await call(env.app, 'POST', '/api/public/cases', undefined, body(1), { 'idempotency-key': 'key-replay-000001' });
    expect(c.status).toBe(422);
    expect(c.body.error).toMatchObject({ code: 'IDEMPOTENCY_MISMATCH' });
    const op = await login(env.app, 'v.op');
    const first = await call(env.app, 'POST', `/api/cases/${a.body.code}/actions/accept`, op, {}, { 'idempotency-key': 'accept-once-0001' });
    const again = await call(env.app, 'POST', `/api/cases/${a.body.code}/actions/accept`, op, {}, { 'idempotency-key': 'accept-once-0001' });
    expect(first.status).toBe(200);
    expect(again).toMatchObject({ status: 200, body: first.body }); // not a 409 INVALID_TRANSITION: the retry is answered
    const events = await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events WHERE type = 'accept'`);
    expect(events[0]!.n).toBe(1);
  });

  it('frees the key when the request fails, so a corrected retry works', async () => {
    const bad = await call(env.app, 'POST', '/api/public/cases', undefined, { ...body(2), phone: '123' }, { 'idempotency-key': 'key-fails-000001' });
    expect(bad.status).toBe(400);
    const n = await countCases();
    const again = await call(env.app, 'POST', '/api/public/cases', undefined, { ...body(2), phone: '123' }, { 'idempotency-key': 'key-fails-000001' });
    expect(again.status).toBe(400);
    expect(await countCases()).toBe(n);
  });

  it('creates exactly 100 cases from 1,000 concurrent requests replaying 100 keys', async () => {
    const before = await countCases();
    const requests = Array.from({ length: 1000 }, (_, i) => i % 100).map((k) =>
      env.app.inject({ method: 'POST', url: '/api/public/cases', headers: { 'idempotency-key': `concurrent-key-${String(k).padStart(4, '0')}` }, payload: body(1000 + k) }),
    );
    const results = await Promise.all(requests);
    const statuses = new Map<number, number>();
    for (const r of results) statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
    // Every answer is the case (first or replayed) or "still in flight, retry": nothing else.
    expect([...statuses.keys()].every((s) => s === 201 || s === 409)).toBe(true);
    expect(await countCases()).toBe(before + 100);
    // Each key answers one code, whichever request got it.
    const codes = new Map<number, Set<string>>();
    results.forEach((r, i) => {
      if (r.statusCode === 201) codes.set(i % 100, (codes.get(i % 100) ?? new Set()).add(r.json().code));
    });
    expect([...codes.values()].every((s) => s.size === 1)).toBe(true);
  }, 120_000);
});

describe('several sweepers', () => {
  it('fire each due clock once even when they run at the same time', async () => {
    for (let i = 0; i < 20; i++) await call(env.app, 'POST', '/api/public/cases', undefined, body(5000 + i));
    env.clock.advance(2 * 3600_000);
    // On PostgreSQL these are separate connections racing with FOR UPDATE SKIP LOCKED; on PGlite they queue.
    const runs = await Promise.all([sweepDeadlines(env.ctx, 7), sweepDeadlines(env.ctx, 7), sweepDeadlines(env.ctx, 7), sweepDeadlines(env.ctx, 7)]);
    let total = runs.reduce((s, r) => s + r.breached, 0);
    for (let r = await sweepDeadlines(env.ctx); r.breached; r = await sweepDeadlines(env.ctx)) total += r.breached;
    const open = await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM clocks WHERE subject_type = 'case' AND kind = 'first_response' AND closed_at IS NULL`);
    const breachedEvents = await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_events WHERE type = 'deadlineBreached'`);
    const breachedRows = await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM clocks WHERE subject_type = 'case' AND state = 'breached'`);
    expect(total).toBeGreaterThanOrEqual(120); // the 20 new reports and the 100 from the concurrency test
    expect(total).toBe(breachedEvents[0]!.n); // one event per firing…
    expect(total).toBe(breachedRows[0]!.n); // …one firing per clock…
    expect(total).toBe(open[0]!.n); // …and every due clock fired
  });
});
