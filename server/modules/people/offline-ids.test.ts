/**
 * The field app's registry writes: a household or person made offline carries the client's UUID and is sent with
 * it as the Idempotency-Key; sent twice (the answer lost), it is one row and the second answer is the first
 * replayed; the same id under another key is refused as taken. A change made with an old version answers 409
 * `stale` with the record as it is now, so the app can show mine against theirs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, seedFixture, signInCast, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
let c: Record<string, string>;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  c = await signInCast(env, ['gw.a', 'gw.b']);
}, 60_000);
afterAll(async () => env?.close());

const count = async (table: string, id: string) => (await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [id]))[0]!.n;
const key = (id: string) => ({ 'idempotency-key': id });

describe('offline registry writes', () => {
  it('creates a household with the client id once, however often it is sent with its key', async () => {
    const id = randomUUID();
    const body = { id, gridCode: fixture.gridA1, address: '团结村18号' };
    const first = await call(env.app, 'POST', '/api/households', c['gw.a'], body, key(id));
    expect([first.status, first.body.id]).toEqual([201, id]);
    const again = await call(env.app, 'POST', '/api/households', c['gw.a'], body, key(id));
    expect([again.status, again.headers['idempotent-replay'], again.body]).toEqual([201, 'true', first.body]);
    expect(await count('households', id)).toBe(1);
    // The same id under another key is not a retry: refused, still one row.
    const other = await call(env.app, 'POST', '/api/households', c['gw.a'], body, key(randomUUID()));
    expect([other.status, other.body.error.details[0].code]).toEqual([409, 'id_taken']);
    expect(await count('households', id)).toBe(1);
    // Without an id the server makes one, as before.
    const plain = await call(env.app, 'POST', '/api/households', c['gw.a'], { gridCode: fixture.gridA1, address: '团结村19号' });
    expect(plain.status).toBe(201);
    expect(plain.body.id).not.toBe(id);
  });

  it('creates a person with the client id once, in the household made offline before it', async () => {
    const home = randomUUID();
    await call(env.app, 'POST', '/api/households', c['gw.a'], { id: home, gridCode: fixture.gridA1, address: '团结村20号' }, key(home));
    const id = randomUUID();
    const body = { id, gridCode: fixture.gridA1, personType: '01', name: '马小兰', householdId: home, relation: '02' };
    const first = await call(env.app, 'POST', '/api/people', c['gw.a'], body, key(id));
    expect([first.status, first.body.id, first.body.name]).toEqual([201, id, '马**']);
    const again = await call(env.app, 'POST', '/api/people', c['gw.a'], body, key(id));
    expect([again.status, again.headers['idempotent-replay'], again.body]).toEqual([201, 'true', first.body]);
    expect(await count('persons', id)).toBe(1);
    // Another worker sending the same key is another request: their scope does not reach grid A1 anyway.
    expect((await call(env.app, 'POST', '/api/people', c['gw.b'], body, key(id))).status).not.toBe(201);
    expect(await count('persons', id)).toBe(1);
  });

  it('puts a new person into the household the request names, as its head for the head\'s relation, once however often it is sent', async () => {
    const home = randomUUID();
    await call(env.app, 'POST', '/api/households', c['gw.a'], { id: home, gridCode: fixture.gridA1, address: '团结村30号' }, key(home));
    const head = randomUUID();
    const body = { id: head, gridCode: fixture.gridA1, personType: '01', name: '马德福', householdId: home, relation: '02', phone: '13900001111' };
    const first = await call(env.app, 'POST', '/api/people', c['gw.a'], body, key(head));
    expect([first.status, first.body.householdId, first.body.relation]).toEqual([201, home, '02']);
    // The answer was lost: the retry replays it and adds no second person nor a second membership.
    const again = await call(env.app, 'POST', '/api/people', c['gw.a'], body, key(head));
    expect([again.status, again.headers['idempotent-replay'], again.body]).toEqual([201, 'true', first.body]);
    const card = await call(env.app, 'GET', `/api/households/${home}`, c['gw.a']);
    expect(card.body.members.map((m: { id: string; head: boolean; relation: string }) => [m.id, m.head, m.relation])).toEqual([[head, true, '02']]);
    expect(card.body.headPersonId).toBe(head);
    const listed = await call(env.app, 'GET', `/api/households?grid=${fixture.gridA1}&pageSize=200`, c['gw.a']);
    expect(listed.body.items.find((x: { id: string }) => x.id === home)).toMatchObject({ members: 1 });
    const joined = await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM registry_history WHERE object_id = $1 AND event = 'joined'`, [head]);
    expect(joined[0]!.n).toBe(1);
    // A spouse joins the same household without taking the head's place.
    const wife = randomUUID();
    const spouse = await call(env.app, 'POST', '/api/people', c['gw.a'], { id: wife, gridCode: fixture.gridA1, personType: '01', name: '李秀英', householdId: home, relation: '10' }, key(wife));
    expect(spouse.status).toBe(201);
    const after = await call(env.app, 'GET', `/api/households/${home}`, c['gw.a']);
    expect([after.body.headPersonId, after.body.members.length]).toEqual([head, 2]);
  });

  it('refuses a household outside the scope as missing, a dissolved one and a relation without a household, writing nothing', async () => {
    const theirs = randomUUID();
    expect((await call(env.app, 'POST', '/api/households', c['gw.b'], { id: theirs, gridCode: fixture.gridB1, address: '头塘村5号' }, key(theirs))).status).toBe(201);
    const p1 = randomUUID();
    const outside = await call(env.app, 'POST', '/api/people', c['gw.a'], { id: p1, gridCode: fixture.gridA1, personType: '01', name: '张三', householdId: theirs, relation: '02' }, key(p1));
    expect([outside.status, outside.body.error.code, outside.body.error.details[0].path]).toEqual([404, 'NOT_FOUND', 'body.householdId']);
    expect(outside.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    const gone = randomUUID();
    await call(env.app, 'POST', '/api/households', c['gw.a'], { id: gone, gridCode: fixture.gridA1, address: '团结村31号' }, key(gone));
    await env.ctx.database.query(`UPDATE households SET status = 'dissolved' WHERE id = $1`, [gone]);
    const p2 = randomUUID();
    const dissolved = await call(env.app, 'POST', '/api/people', c['gw.a'], { id: p2, gridCode: fixture.gridA1, personType: '01', name: '李四', householdId: gone, relation: '02' }, key(p2));
    expect([dissolved.status, dissolved.body.error.details[0]]).toEqual([400, { path: 'body.householdId', code: 'household_inactive', message: '该户已注销，不能再加入成员' }]);
    const p3 = randomUUID();
    const loose = await call(env.app, 'POST', '/api/people', c['gw.a'], { id: p3, gridCode: fixture.gridA1, personType: '01', name: '王五', relation: '02' }, key(p3));
    expect([loose.status, loose.body.error.details[0].code]).toEqual([400, 'household_required']);
    for (const id of [p1, p2, p3]) expect(await count('persons', id)).toBe(0);
    // The key was released with the refusal: the same record, corrected, goes through under it.
    const fixed = await call(env.app, 'POST', '/api/people', c['gw.a'], { id: p3, gridCode: fixture.gridA1, personType: '01', name: '王五' }, key(p3));
    expect([fixed.status, fixed.body.householdId]).toEqual([201, null]);
  });

  it('places a member in the household\'s grid whatever grid the request names', async () => {
    const home = randomUUID();
    await call(env.app, 'POST', '/api/households', c['gw.a'], { id: home, gridCode: fixture.gridA2, address: '团结村二组3号' }, key(home));
    const p = randomUUID();
    const made = await call(env.app, 'POST', '/api/people', c['gw.a'], { id: p, gridCode: fixture.gridA1, personType: '01', name: '赵六', householdId: home, relation: '02' }, key(p));
    expect([made.status, made.body.gridCode]).toEqual([201, fixture.gridA2]);
  });

  it('answers a change made with an old version with 409 stale and the record as it is now', async () => {
    const id = randomUUID();
    await call(env.app, 'POST', '/api/households', c['gw.a'], { id, gridCode: fixture.gridA1, address: '团结村21号' }, key(id));
    expect((await call(env.app, 'PATCH', `/api/households/${id}`, c['gw.a'], { version: 0, address: '团结村21号之一' })).status).toBe(200);
    const stale = await call(env.app, 'PATCH', `/api/households/${id}`, c['gw.a'], { version: 0, note: '离线修改' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details[0]).toMatchObject({ code: 'stale', current: { id, address: '团结村21号之一', version: 1 } });
    const p = randomUUID();
    await call(env.app, 'POST', '/api/people', c['gw.a'], { id: p, gridCode: fixture.gridA1, personType: '01', name: '韩小梅', phone: '13912345678' }, key(p));
    await call(env.app, 'PATCH', `/api/people/${p}`, c['gw.a'], { version: 0, address: '团结村22号' });
    const old = await call(env.app, 'PATCH', `/api/people/${p}`, c['gw.a'], { version: 0, address: '团结村23号' });
    expect(old.status).toBe(409);
    expect(old.body.error.details[0]).toMatchObject({ code: 'stale', current: { id: p, address: '团结村22号', version: 1, name: '韩**', phone: '139****5678' } });
    expect(JSON.stringify(old.body)).not.toContain('韩小梅');
  });
});
