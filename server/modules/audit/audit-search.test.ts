/** The auditor's search: by user, action, object and time, each row naming who acted and on what. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, totpAt, type TestEnv } from '../../test/harness.ts';
import { systemActor } from '../../lib/actor.ts';
import { recordAlone } from './audit.service.ts';

let env: TestEnv;
let auditor: string;
let opId: string;
const q = (query: string) => call(env.app, 'GET', `/api/audit?${query}`, auditor);

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'aud.search', 'auditor', fixture.province);
  const c = await login(env.app, 'aud.search');
  const setup = await call(env.app, 'POST', '/api/auth/totp/setup', c, {});
  expect((await call(env.app, 'POST', '/api/auth/totp/enroll', c, { code: await totpAt(setup.body.secret, env.clock) })).status).toBe(200);
  auditor = c;
  opId = await makeUser(env.ctx, 'op.search', 'operator', fixture.townshipA);
  await makeUser(env.ctx, 'gw.search', 'gridWorker', fixture.villageA);
  env.clock.advance(60_000);
  const op = await login(env.app, 'op.search');
  await call(env.app, 'POST', '/api/auth/password', op, { currentPassword: 'Wrong#pass1', newPassword: 'Fresh#pass2026' });
  await login(env.app, 'gw.search');
  await call(env.app, 'POST', '/api/auth/login', undefined, { username: 'nobody.here', password: PASSWORD });
  await recordAlone(env.ctx.db, env.ctx, systemActor('000000000000', 'demo-seed'), { action: 'region.import', objectType: 'region' });
});
afterAll(() => env?.close());

describe('audit search', () => {
  it('filters by the acting user (picked by name) and names them with their role', async () => {
    const picker = await call(env.app, 'GET', '/api/audit/actors?q=op.sea', auditor);
    expect(picker.body.items).toEqual([expect.objectContaining({ id: opId, username: 'op.search', role: 'operator' })]);
    const rows = (await q(`actorId=${opId}`)).body.items;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r.actor).toEqual({ kind: 'user', name: 'op.search', role: 'operator' });
  });
  it('filters by action and by user and action together', async () => {
    const logins = (await q('action=auth.login')).body.items;
    expect(new Set(logins.map((r: { action: string }) => r.action))).toEqual(new Set(['auth.login']));
    expect(logins.length).toBeGreaterThanOrEqual(3);
    const both = (await q(`action=auth.changePassword&actorId=${opId}`)).body.items;
    expect(both).toHaveLength(1);
    expect(both[0]).toMatchObject({ outcome: 'failure', objectType: 'user', objectId: opId, objectName: 'op.search' });
  });
  it('filters by object and by time', async () => {
    expect((await q(`object=${opId}`)).body.items.every((r: { objectId: string }) => r.objectId === opId)).toBe(true);
    expect((await q(`objectType=region`)).body.items.length).toBeGreaterThan(0);
    const future = new Date(env.clock.now().getTime() + 3_600_000).toISOString();
    expect((await q(`from=${future}`)).body.items).toHaveLength(0);
    const before = new Date(env.clock.now().getTime() - 30_000).toISOString();
    const early = (await q(`to=${before}`)).body.items;
    expect(early.some((r: { action: string }) => r.action === 'auth.changePassword')).toBe(false);
  });
  it('says who acted when no account did: an unknown sign-in, the demo seed', async () => {
    const rows = (await q('pageSize=200')).body.items as { action: string; actor: { kind: string }; outcome: string }[];
    expect(rows.find((r) => r.action === 'auth.login' && r.outcome === 'failure' && r.actor.kind === 'unknown')).toBeDefined();
    expect(rows.find((r) => r.action === 'region.import')?.actor.kind).toBe('demo');
  });
  it('lists rows newest first across county chains, whose ids count within each chain', async () => {
    for (const [i, countyCode] of ['632221', '632222', '632221'].entries()) {
      env.clock.advance(1000);
      await recordAlone(env.ctx.db, env.ctx, systemActor('000000000000', 'cli'), { action: 'region.import', objectType: 'orderProbe', objectId: String(i), countyCode });
    }
    const items = (await q('objectType=orderProbe')).body.items as { objectId: string; id: number }[];
    expect(items.map((r) => r.objectId)).toEqual(['2', '1', '0']);
    expect(items[1]!.id).toBeLessThan(items[2]!.id); // 632222's chain is younger: a smaller id, yet newer
  });
  it('refuses the search and the picker to anyone but an auditor', async () => {
    const gw = await login(env.app, 'gw.search');
    expect((await call(env.app, 'GET', '/api/audit/actors?q=op', gw)).status).toBe(403);
    expect((await call(env.app, 'GET', `/api/audit?actorId=${opId}`, gw)).status).toBe(403);
  });
});
