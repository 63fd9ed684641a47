/**
 * Patrols exactly once: a start, its track chunks, its end and its findings each stored once whatever the phone
 * retries (same key, no key, the whole queue again), another actor's id refused, the track only encrypted and
 * read back audited, and a finding and its case in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
const cookie: Record<string, string> = {};
const ids: Record<string, string> = {};
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  for (const [name, role, scope] of [['w.a', 'gridWorker', fixture.villageA], ['w.a2', 'gridWorker', fixture.villageA], ['w.b', 'gridWorker', fixture.villageB], ['l.c', 'leader', fixture.county], ['o.c', 'operator', fixture.county]] as const) {
    ids[name] = await makeUser(env.ctx, name, role, scope);
    cookie[name] = await login(env.app, name);
  }
});
afterAll(() => env?.close());

const key = (id: string) => ({ 'idempotency-key': id });
const count = async (table: string, where = 'true', params: unknown[] = []) => (await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n;
const t0 = Date.parse('2026-03-02T00:10:00Z'); // the fake clock stands at 01:00Z (09:00 in China)
/** A walk north from the grid A1's middle, one point every 15 s, 10 m apart. */
const walk = (from: number, n: number): [number, number, number, number][] => Array.from({ length: n }, (_, i) => [t0 + (from + i) * 15_000, 37.051234 + (from + i) * 0.00009, 101.051234, 6]);

describe('a patrol start', () => {
  it('is stored once for the same key, answers the replay, and refuses the id to another worker', async () => {
    const id = randomUUID();
    const body = { id, gridCode: fixture.gridA1, startedAt: new Date(t0).toISOString() };
    const a = await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], body, key(id));
    expect(a).toMatchObject({ status: 201, body: { id, gridCode: fixture.gridA1, startedAt: body.startedAt, status: 'open' } });
    const b = await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], body, key(id));
    expect(b).toMatchObject({ status: 201, body: a.body });
    expect(b.headers['idempotent-replay']).toBe('true');
    // Without its key (a key forgotten, or sent by another path): the primary key still holds, same answer.
    const c = await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], body);
    expect(c).toMatchObject({ status: 201, body: a.body });
    const other = await call(env.app, 'POST', '/api/field/patrols', cookie['w.a2'], body, key(id));
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'CONFLICT', details: [{ path: 'body.id', code: 'id_taken' }] });
    expect(await count('patrols', 'id = $1', [id])).toBe(1);
    expect(await count('audit_log', `action = 'patrol.start' AND object_id = $1`, [id])).toBe(1);
    expect(await env.ctx.database.query('SELECT patrols FROM patrol_stats_daily WHERE user_id = $1', [ids['w.a']])).toEqual([{ patrols: 1 }]);
  });

  it('answers a grid of another village exactly like a grid that does not exist', async () => {
    const other = await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], { id: randomUUID(), gridCode: fixture.gridB1, startedAt: new Date(t0).toISOString() });
    const none = await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], { id: randomUUID(), gridCode: '632221100299001', startedAt: new Date(t0).toISOString() });
    expect(other.status).toBe(400);
    expect(other.body).toEqual(none.body);
  });

  it('refuses a time far in the server\'s future (a phone with the wrong date) and an operator without field:record', async () => {
    const future = await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], { id: randomUUID(), gridCode: fixture.gridA1, startedAt: '2026-03-02T03:00:00+00:00' });
    expect(future.body.error.details[0]).toMatchObject({ path: 'body.startedAt', code: 'future_time' });
    const op = await call(env.app, 'POST', '/api/field/patrols', cookie['o.c'], { id: randomUUID(), gridCode: fixture.gridA1, startedAt: new Date(t0).toISOString() });
    expect(op.status).toBe(403);
  });
});

describe('a whole patrol from the outbox', () => {
  const patrol = randomUUID();
  const queue: { method: string; url: string; body: Record<string, unknown> }[] = [
    { method: 'POST', url: '/api/field/patrols', body: { id: patrol, gridCode: fixture.gridA1, startedAt: new Date(t0).toISOString() } },
    { method: 'POST', url: `/api/field/patrols/${patrol}/track`, body: { id: randomUUID(), seq: 0, points: walk(0, 20) } },
    { method: 'POST', url: `/api/field/patrols/${patrol}/track`, body: { id: randomUUID(), seq: 1, points: walk(20, 20) } },
    { method: 'POST', url: `/api/field/patrols/${patrol}/findings`, body: { id: randomUUID(), recordedAt: new Date(t0 + 300_000).toISOString(), categoryId: 'municipal.road', description: '巡查发现路面塌陷', lat: 37.0525, lng: 101.0512, templateItem: 'liubicha.safety_facilities' } },
    { method: 'POST', url: `/api/field/patrols/${patrol}/end`, body: { id: randomUUID(), endedAt: new Date(t0 + 45 * 60_000).toISOString() } },
  ];
  const send = (q: (typeof queue)[number], who = 'w.a') => call(env.app, q.method, q.url, cookie[who], q.body, key(q.body.id as string));
  const tables = ['patrols', 'patrol_track_chunks', 'patrol_findings', 'cases', 'audit_log', 'idempotency_keys'];
  const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)])));

  it('stores each record once; replaying the whole queue twice adds nothing', async () => {
    const answers = [];
    for (const q of queue) answers.push(await send(q));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 200]);
    expect(answers[3]!.body).toEqual({ id: queue[3]!.body.id, caseCode: expect.stringMatching(/^632221-/) });
    expect(answers[4]!.body).toMatchObject({ status: 'ended', pointCount: 40 });
    const after = await counts();
    for (let round = 0; round < 2; round++) {
      for (const [i, q] of queue.entries()) {
        const again = await send(q);
        expect(again.status).toBe(answers[i]!.status);
        expect(again.body).toEqual(answers[i]!.body);
        expect(again.headers['idempotent-replay']).toBe('true');
      }
    }
    expect(await counts()).toEqual(after);
    // 40 points 10 m apart: 39 legs of 10 m, the one joining the two chunks included (counted once, however often sent).
    const [p] = await env.ctx.database.query<{ chunk_count: number; point_count: number; distance_m: number; finding_count: number; status: string }>('SELECT chunk_count, point_count, distance_m, finding_count, status FROM patrols WHERE id = $1', [patrol]);
    expect(p).toEqual({ chunk_count: 2, point_count: 40, distance_m: 390, finding_count: 1, status: 'ended' });
    const [stats] = await env.ctx.database.query('SELECT patrols, ended, minutes, distance_m, findings FROM patrol_stats_daily WHERE user_id = $1 AND grid_code = $2', [ids['w.a'], fixture.gridA1]);
    expect(stats).toEqual({ patrols: 2, ended: 1, minutes: 45, distance_m: 390, findings: 1 });
  });

  it('made the finding a case of channel patrol at its place, answered the same code again without a key', async () => {
    const finding = queue[3]!;
    const [row] = await env.ctx.database.query<{ case_code: string; channel: string; grid_code: string; description: string }>('SELECT f.case_code, c.channel, c.grid_code, c.description FROM patrol_findings f JOIN cases c ON c.county_code = f.county_code AND c.id = f.case_id WHERE f.id = $1', [finding.body.id]);
    expect(row).toEqual({ case_code: expect.any(String), channel: 'patrol', grid_code: fixture.gridA1, description: '巡查发现路面塌陷' });
    const cases = await count('cases');
    const noKey = await call(env.app, 'POST', finding.url, cookie['w.a'], finding.body);
    expect(noKey).toMatchObject({ status: 201, body: { caseCode: row!.case_code } });
    expect(await count('cases')).toBe(cases);
  });

  it('refuses the same seq under another id, and another worker\'s patrol as missing', async () => {
    const seqTaken = await call(env.app, 'POST', `/api/field/patrols/${patrol}/track`, cookie['w.a'], { id: randomUUID(), seq: 1, points: walk(40, 2) });
    expect(seqTaken.status).toBe(409);
    expect(seqTaken.body.error.details[0]).toMatchObject({ path: 'body.seq', code: 'seq_taken' });
    const missing = await call(env.app, 'POST', `/api/field/patrols/${randomUUID()}/track`, cookie['w.a2'], { id: randomUUID(), seq: 2, points: walk(40, 2) });
    expect(missing.status).toBe(404);
    for (const who of ['w.a2', 'w.b']) {
      const theirs = await call(env.app, 'POST', `/api/field/patrols/${patrol}/track`, cookie[who], { id: randomUUID(), seq: 2, points: walk(40, 2) });
      expect(theirs).toEqual({ ...missing, headers: theirs.headers });
      expect((await call(env.app, 'GET', `/api/field/patrols/${patrol}/track`, cookie[who])).body).toEqual(missing.body);
    }
  });

  it('keeps no coordinate in clear, and gives the track back whole to its worker and to a leader, each read audited', async () => {
    const rows = await env.ctx.database.query<{ points_enc: string }>('SELECT points_enc FROM patrol_track_chunks WHERE patrol_id = $1', [patrol]);
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.points_enc).not.toMatch(/37\.05|101\.05|\[/);
    const dump = JSON.stringify(await env.ctx.database.query('SELECT * FROM patrol_track_chunks'));
    expect(dump).not.toContain('101.051234');
    const mine = await call(env.app, 'GET', `/api/field/patrols/${patrol}/track`, cookie['w.a']);
    expect(mine.status).toBe(200);
    expect(mine.body.points).toEqual([...walk(0, 20), ...walk(20, 20)]);
    const leader = await call(env.app, 'GET', `/api/field/patrols/${patrol}/track`, cookie['l.c']);
    expect(leader.body.points).toHaveLength(40);
    const reads = await env.ctx.database.query<{ actor_id: string; detail: { own: boolean; points: number } }>(`SELECT actor_id, detail FROM audit_log WHERE action = 'patrol.readTrack' AND object_id = $1 ORDER BY id`, [patrol]);
    expect(reads).toEqual([{ actor_id: ids['w.a'], detail: { own: true, points: 40 } }, { actor_id: ids['l.c'], detail: { own: false, points: 40 } }]);
  });

  it('ends once: a second end (another record) answers the state and counts nothing', async () => {
    const again = await call(env.app, 'POST', `/api/field/patrols/${patrol}/end`, cookie['w.a'], { id: randomUUID(), endedAt: new Date(t0 + 50 * 60_000).toISOString() });
    expect(again).toMatchObject({ status: 200, body: { status: 'ended', endedAt: new Date(t0 + 45 * 60_000).toISOString() } });
    expect(await count('audit_log', `action = 'patrol.end' AND object_id = $1`, [patrol])).toBe(1);
    const [stats] = await env.ctx.database.query<{ ended: number }>('SELECT ended FROM patrol_stats_daily WHERE user_id = $1 AND grid_code = $2', [ids['w.a'], fixture.gridA1]);
    expect(stats!.ended).toBe(1);
  });
});

describe('a track whose chunks arrive out of order', () => {
  it('counts every gap between chunks once, whichever chunk arrives second', async () => {
    const patrol = randomUUID();
    await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], { id: patrol, gridCode: fixture.gridA1, startedAt: new Date(t0).toISOString() }, key(patrol));
    for (const seq of [2, 0, 1]) {
      const id = randomUUID();
      expect((await call(env.app, 'POST', `/api/field/patrols/${patrol}/track`, cookie['w.a'], { id, seq, points: walk(seq * 10, 10) }, key(id))).status).toBe(201);
    }
    // 30 points 10 m apart, in three chunks: 29 legs, the two joins included.
    const [p] = await env.ctx.database.query<{ distance_m: number }>('SELECT distance_m FROM patrols WHERE id = $1', [patrol]);
    expect(p!.distance_m).toBe(290);
  });
});

describe('a finding whose case cannot be written', () => {
  it('leaves no finding, no case and no count behind, and frees its key for the retry', async () => {
    const patrol = randomUUID();
    await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], { id: patrol, gridCode: fixture.gridA1, startedAt: new Date(t0).toISOString() });
    const finding = { id: randomUUID(), recordedAt: new Date(t0).toISOString(), categoryId: 'municipal.road', description: '井盖缺失', lat: 37.0525, lng: 101.0512 };
    const before = { cases: await count('cases'), findings: await count('patrol_findings') };
    // The case table refuses this one insert (a fault inside the transaction, after the finding's checks); a
    // constraint rather than a trigger, so the same fault works on Citus.
    await env.ctx.database.execScript(`ALTER TABLE cases ADD CONSTRAINT refuse_case CHECK (description <> '井盖缺失')`);
    try {
      const failed = await call(env.app, 'POST', `/api/field/patrols/${patrol}/findings`, cookie['w.a'], finding, key(finding.id));
      expect(failed.status).toBeGreaterThanOrEqual(500);
    } finally {
      await env.ctx.database.execScript('ALTER TABLE cases DROP CONSTRAINT refuse_case');
    }
    expect({ cases: await count('cases'), findings: await count('patrol_findings') }).toEqual(before);
    expect((await env.ctx.database.query('SELECT finding_count FROM patrols WHERE id = $1', [patrol]))[0]).toEqual({ finding_count: 0 });
    const retried = await call(env.app, 'POST', `/api/field/patrols/${patrol}/findings`, cookie['w.a'], finding, key(finding.id));
    expect(retried.status).toBe(201);
    expect(await count('patrol_findings', 'id = $1', [finding.id])).toBe(1);
  });
});
