/** Code tables are data: national ones load from their files with their source, counties add their own. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, totpAt, type TestEnv } from '../../test/harness.ts';
import { shippedTables, syncShippedTables } from './codes.service.ts';

let env: TestEnv;
const c: Record<string, string> = {};
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'county.sys', 'sysadmin', fixture.county);
  await makeUser(env.ctx, 'village.op', 'operator', fixture.villageA);
  await env.ctx.database.query(`INSERT INTO regions (code, name, level, parent_code, path, created_at, updated_at) SELECT '632222000000', '祁连县', 'county', code, path || '632222000000', now(), now() FROM regions WHERE code = '632200000000'`);
  await makeUser(env.ctx, 'other.op', 'operator', '632222000000');
  c.sys = await login(env.app, 'county.sys');
  const setup = (await env.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: c.sys } })).json();
  await env.app.inject({ method: 'POST', url: '/api/auth/totp/enroll', headers: { cookie: c.sys }, payload: { code: await totpAt(setup.secret, env.clock) } });
  c.op = await login(env.app, 'village.op');
  c.other = await login(env.app, 'other.op');
});
afterAll(() => env?.close());

describe('code tables', () => {
  it('load every shipped table at start, each with its standard and how sure its source is', async () => {
    const list = (await call(env.app, 'GET', '/api/code-tables', c.op)).body as unknown as { id: string; source: string; confidence: string; items: number }[];
    for (const { file } of shippedTables()) expect(list.find((t) => t.id === file.id), file.id).toMatchObject({ confidence: file.confidence, items: file.items.length });
    const eth = await call(env.app, 'GET', '/api/code-tables/ethnicity', c.op);
    expect(eth.body).toMatchObject({ version: 'GB/T 3304-1991', confidence: 'M' });
    expect(eth.body.items).toHaveLength(58);
    expect(eth.body.items.find((i: { code: string }) => i.code === '04').name).toBe('藏族');
  });

  it('reload a national table when its file changes, and only then', async () => {
    expect(await syncShippedTables(env.ctx)).toEqual([]);
    await env.ctx.database.query(`UPDATE code_tables SET content_hash = 'stale' WHERE id = 'sex'`);
    await env.ctx.database.query(`DELETE FROM code_items WHERE table_id = 'sex' AND code = '9'`);
    expect(await syncShippedTables(env.ctx)).toEqual(['sex']);
    expect((await call(env.app, 'GET', '/api/code-tables/sex', c.op)).body.items).toHaveLength(4);
  });

  it('let a county keep its own table, seen in that county only', async () => {
    const body = { countyCode: '632221', key: 'pasture_disputes', name: '草场纠纷类型', items: [{ code: '01', name: '草场边界' }, { code: '02', name: '草场承包' }] };
    const saved = await call(env.app, 'POST', '/api/code-tables', c.sys, body);
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ id: 'x_632221_pasture_disputes', countyCode: '632221', confidence: 'L' });
    expect((await call(env.app, 'GET', '/api/code-tables/x_632221_pasture_disputes', c.op)).body.items).toHaveLength(2);
    expect((await call(env.app, 'GET', '/api/code-tables/x_632221_pasture_disputes', c.other)).status).toBe(404);
    const lists = (await call(env.app, 'GET', '/api/code-tables', c.other)).body as unknown as { id: string }[];
    expect(lists.some((t) => t.id.startsWith('x_632221'))).toBe(false);
    // Another county's code, duplicate codes: refused with the reason.
    expect((await call(env.app, 'POST', '/api/code-tables', c.sys, { ...body, countyCode: '632222' })).body.error.code).toBe('INVALID_SCOPE');
    const dup = await call(env.app, 'POST', '/api/code-tables', c.sys, { ...body, items: [{ code: '01', name: 'a' }, { code: '01', name: 'b' }] });
    expect(dup.body, JSON.stringify(dup.body)).toHaveProperty('error');
    expect(dup.body.error.details[0]).toMatchObject({ code: 'duplicate_code', message: '01' });
    expect((await call(env.app, 'POST', '/api/code-tables', c.op, body)).status).toBe(403);
  });
});
