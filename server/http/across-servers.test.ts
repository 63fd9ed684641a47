/**
 * Sessions and request limits hold across server processes on one database: two apps (each with its own
 * context and connection pool, as two `anwang serve` would have) share one scratch database. A session ended
 * through one is refused by the other, and a limit counts the requests made to both together (the counters are
 * rows: rate-limit-store.ts). PGlite is one process, so there is no second server to test against there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { updateUser } from '../modules/users/users.service.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';

const server = !!process.env.DATABASE_URL;
const base = loadConfig({ ANWANG_RATE_LOGIN: '6/60', ANWANG_RATE_LOGIN_ACCOUNT: '3/60' });
const config = { rateLimits: { ...base.rateLimits, login: { max: 6, windowMs: 60_000 }, loginAccount: { max: 3, windowMs: 60_000 } } };

describe.skipIf(!server)('two servers on one database (needs DATABASE_URL: PGlite is one process)', () => {
  let a: TestEnv;
  let b: TestEnv;
  beforeAll(async () => {
    a = await createTestEnv({ config });
    await seedFixture(a.ctx);
    b = await createTestEnv({ databaseUrl: a.ctx.config.databaseUrl, config });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  const signIn = (env: TestEnv, username: string, remoteAddress: string) => env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Wrong#pass2026' }, remoteAddress });

  it('a session signed out through one server is refused by the other', async () => {
    await makeUser(a.ctx, 'across1', 'gridWorker', fixture.villageA);
    const cookie = await login(a.app, 'across1');
    expect((await call(b.app, 'GET', '/api/auth/me', cookie)).status).toBe(200);
    expect((await call(a.app, 'POST', '/api/auth/logout', cookie)).status).toBeLessThan(300);
    expect((await call(b.app, 'GET', '/api/auth/me', cookie)).status).toBe(401);
  });

  it('a session revoked through one server (the account disabled) is refused by the other', async () => {
    const id = await makeUser(a.ctx, 'across2', 'gridWorker', fixture.villageA);
    const cookie = await login(b.app, 'across2');
    expect((await call(b.app, 'GET', '/api/auth/me', cookie)).status).toBe(200);
    await updateUser(a.ctx, systemActor(ROOT_SCOPE, 'test'), id, { disabled: true });
    expect((await call(b.app, 'GET', '/api/auth/me', cookie)).status).toBe(401);
  });

  it('the per-address sign-in limit counts attempts at both servers together', async () => {
    const codes = [];
    // Unknown accounts, each once: only the per-address limit (6 a minute) can refuse them.
    for (let i = 0; i < 8; i++) codes.push((await signIn(i % 2 ? b : a, `nobody${i}`, '10.9.0.1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Another address has its own budget, at either server.
    expect((await signIn(b, 'nobody-else', '10.9.0.2')).statusCode).toBe(401);
  });

  it('the per-account sign-in limit counts attempts at both servers together, from any address', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await signIn(i % 2 ? b : a, 'nobody-guessed', `10.9.1.${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429, 429]);
  });

  it('attempts sent all at once to both servers (counted together per round trip) are refused exactly beyond the limit', async () => {
    // 20 at once from one address: each server folds the hits that wait into one upsert; 6 pass, 14 are refused.
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(i % 2 ? b : a, `burst${i}`, '10.9.2.1')));
    const statuses = codes.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(14);
  });
});
