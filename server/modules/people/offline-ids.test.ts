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
