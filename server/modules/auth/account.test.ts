/** A user's own account: the demo hint only where demo accounts exist, changing one's password (throttled, audited), errors in one language. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { call, cookieOf, createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  const base = loadConfig({ ANWANG_RATE_LOGIN: '100000/60', ANWANG_RATE_LOGIN_ACCOUNT: '100000/60' });
  env = await createTestEnv({ config: { rateLimits: { ...base.rateLimits, password: { max: 3, windowMs: 900_000 } } } });
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe('the demo sign-in hint', () => {
  it('is off on an installation without the demo accounts, on once `seed --demo` made them', async () => {
    expect((await call(env.app, 'GET', '/api/config')).body.demo).toBe(false);
    // The demo seed's accounts are named <level>.<role>; the server looks for one of them.
    await makeUser(env.ctx, 'township.operator', 'operator', fixture.townshipA);
    expect((await call(env.app, 'GET', '/api/config')).body.demo).toBe(true);
  });
});

describe('changing one\'s own password', () => {
  it('needs the current password, is audited both ways, and ends the session', async () => {
    await makeUser(env.ctx, 'self1', 'gridWorker', fixture.villageA);
    const c = await login(env.app, 'self1');
    const wrong = await call(env.app, 'POST', '/api/auth/password', c, { currentPassword: 'Wrong#pass1', newPassword: 'Fresh#pass2026' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('AUTH_INVALID');
    const ok = await call(env.app, 'POST', '/api/auth/password', c, { currentPassword: PASSWORD, newPassword: 'Fresh#pass2026' });
    expect(ok.status).toBe(200);
    expect((await call(env.app, 'GET', '/api/auth/me', c)).status).toBe(401);
    const rows = await env.ctx.database.query<{ outcome: string; actor_name: string }>(`SELECT outcome, actor_name FROM audit_log WHERE action = 'auth.changePassword' AND actor_name = 'self1' ORDER BY id`);
    expect(rows.map((r) => r.outcome)).toEqual(['failure', 'success']);
    await login(env.app, 'self1', 'Fresh#pass2026');
  });
  it('is throttled per user (ANWANG_RATE_PASSWORD), in the user\'s language', async () => {
    await makeUser(env.ctx, 'self2', 'gridWorker', fixture.villageA);
    const c = await login(env.app, 'self2');
    // Weak new passwords: refused after the current one checked, so they do not lock the account.
    for (let i = 0; i < 3; i++) expect((await call(env.app, 'POST', '/api/auth/password', c, { currentPassword: PASSWORD, newPassword: 'abcdefgh' })).status).toBe(422);
    const over = await call(env.app, 'POST', '/api/auth/password', c, { currentPassword: PASSWORD, newPassword: 'Fresh#pass2026' }, { 'accept-language': 'en' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    expect(hasHan(over.body.error.message)).toBe(false);
    // Another user is not slowed by it.
    await makeUser(env.ctx, 'self3', 'gridWorker', fixture.villageA);
    const other = cookieOf(await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'self3', password: PASSWORD } }));
    expect((await call(env.app, 'POST', '/api/auth/password', other, { currentPassword: PASSWORD, newPassword: 'Fresh#pass2026' })).status).toBe(200);
  });
});

describe('errors in the user\'s language only', () => {
  it('a schema failure reads in English for English and in Chinese for Chinese, never both', async () => {
    await makeUser(env.ctx, 'lang1', 'gridWorker', fixture.villageA);
    const c = await login(env.app, 'lang1');
    const bad = { currentPassword: '', newPassword: 'x' };
    const en = await call(env.app, 'POST', '/api/auth/password', c, bad, { cookie: `${c}; lang=en` });
    expect(en.status).toBe(400);
    expect(en.body.error.details.length).toBeGreaterThan(0);
    for (const d of en.body.error.details) expect(hasHan(d.message), d.message).toBe(false);
    const zh = await call(env.app, 'POST', '/api/auth/password', c, bad, { cookie: `${c}; lang=zh-CN` });
    expect(zh.body.error.details.length).toBeGreaterThan(0);
    for (const d of zh.body.error.details) {
      expect(hasHan(d.message), d.message).toBe(true);
      expect(/[A-Za-z]{3,}/.test(d.message), d.message).toBe(false);
    }
  });
  it('a service refusal written in Chinese is not sent to an English user as Chinese', async () => {
    const en = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'municipal.road', description: 'A pothole on the main road', phone: '123', lat: 37.38, lng: 101.62 }, { 'accept-language': 'en' });
    expect(en.status).toBe(400);
    for (const d of en.body.error.details ?? []) expect(hasHan(d.message), d.message).toBe(false);
    const zh = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'municipal.road', description: '主路上有个坑', phone: '123', lat: 37.38, lng: 101.62 }, { 'accept-language': 'zh-CN' });
    for (const d of zh.body.error.details ?? []) expect(/[A-Za-z]{3,}/.test(d.message), d.message).toBe(false);
  });
});
