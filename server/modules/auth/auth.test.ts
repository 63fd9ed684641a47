import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, totpAt, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

const post = (url: string, payload: object, cookie?: string) => env.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
const get = (url: string, cookie: string) => env.app.inject({ url, headers: { cookie } });

describe('sign-in', () => {
  it('sets an httpOnly, SameSite session cookie and answers the profile with permissions', async () => {
    await makeUser(env.ctx, 'op1', 'operator', fixture.townshipA);
    const res = await post('/api/auth/login', { username: 'op1', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'anwang_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    expect(res.json()).toMatchObject({ username: 'op1', role: 'operator', scopeName: '浩门镇', stage: 'full' });
    expect(res.json().permissions).toContain('grid:read');
    expect(res.json().permissions).not.toContain('user:create');
  });
  it('answers the same error for an unknown user and a wrong password, in the asked language', async () => {
    const a = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, headers: { 'accept-language': 'en' } });
    const b = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'op1', password: 'wrong' }, headers: { 'accept-language': 'en' } });
    expect(a.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.code).toBe('AUTH_INVALID');
    expect(a.json().error.message).toMatch(/^Wrong username or password\. After 5 failures/);
    const tw = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, headers: { cookie: 'lang=zh-TW' } });
    expect(tw.json().error.message).toMatch(/^使用者名稱或密碼錯誤。/);
  });
  it('rejects requests without a session', async () => {
    const res = await env.app.inject({ url: '/api/grids' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('AUTH_REQUIRED');
  });
});

describe('lockout', () => {
  it('locks for 15 minutes after 5 failures, even for the right password (answered like a wrong one), then lets in', async () => {
    await makeUser(env.ctx, 'lockme', 'gridWorker', fixture.villageA);
    for (let i = 0; i < 5; i++) expect((await post('/api/auth/login', { username: 'lockme', password: 'Wrong#pass1' })).json().error.code).toBe('AUTH_INVALID');
    const locked = await post('/api/auth/login', { username: 'lockme', password: PASSWORD });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('AUTH_INVALID');
    env.clock.advance(14 * 60_000);
    expect((await post('/api/auth/login', { username: 'lockme', password: PASSWORD })).statusCode).toBe(401);
    env.clock.advance(61_000);
    expect((await post('/api/auth/login', { username: 'lockme', password: PASSWORD })).statusCode).toBe(200);
  });
  it('lets a security administrator unlock an account early', async () => {
    const id = await makeUser(env.ctx, 'lock2', 'gridWorker', fixture.villageA);
    for (let i = 0; i < 5; i++) await post('/api/auth/login', { username: 'lock2', password: 'Wrong#pass1' });
    expect((await post('/api/auth/login', { username: 'lock2', password: PASSWORD })).statusCode).toBe(401);
    const sec = await enrolledAdmin('sec1', 'secadmin');
    const res = await post(`/api/users/${id}/unlock`, {}, sec);
    expect(res.statusCode).toBe(200);
    expect(res.json().locked).toBe(false);
    expect((await post('/api/auth/login', { username: 'lock2', password: PASSWORD })).statusCode).toBe(200);
  });
});

describe('idle timeout', () => {
  it('ends a session idle for more than 30 minutes, but not an active one', async () => {
    await makeUser(env.ctx, 'idle', 'operator', fixture.county);
    const c = await login(env.app, 'idle');
    env.clock.advance(29 * 60_000);
    expect((await get('/api/grids', c)).statusCode).toBe(200);
    env.clock.advance(29 * 60_000); // active 29 minutes ago: still alive
    expect((await get('/api/grids', c)).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    const res = await get('/api/grids', c);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
    expect((await get('/api/grids', c)).json().error.code).toBe('AUTH_REQUIRED'); // the session is gone
  });
});

describe('password policy', () => {
  it('refuses weak passwords when creating and changing', async () => {
    const c = await login(env.app, 'op1');
    const weak = await post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'abcdefgh' }, c);
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
    const ok = await post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'New#pass2026' }, c);
    expect(ok.statusCode).toBe(200);
    expect((await get('/api/grids', c)).statusCode).toBe(401); // every session ends
    expect((await post('/api/auth/login', { username: 'op1', password: 'New#pass2026' })).statusCode).toBe(200);
  });
});

/** Signs an administrator in and enrols TOTP; returns the full session cookie. */
async function enrolledAdmin(username: string, role: 'sysadmin' | 'secadmin' | 'auditor', scope = fixture.province): Promise<string> {
  await makeUser(env.ctx, username, role, scope);
  const c = await login(env.app, username);
  const setup = await post('/api/auth/totp/setup', {}, c);
  const code = await totpAt(setup.json().secret, env.clock);
  expect((await post('/api/auth/totp/enroll', { code }, c)).statusCode).toBe(200);
  return c;
}

describe('TOTP', () => {
  it('keeps an administrator out of everything until TOTP is enrolled', async () => {
    await makeUser(env.ctx, 'admin1', 'sysadmin', fixture.province);
    const c = await login(env.app, 'admin1');
    const me = await get('/api/auth/me', c);
    expect(me.json()).toMatchObject({ stage: 'enrol', totpEnrolled: false, permissions: [] });
    for (const url of ['/api/grids', '/api/users', `/api/regions/${fixture.county}`]) {
      const res = await get(url, c);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');
    }
    const create = await post('/api/users', { username: 'sneaky', displayName: 'x', password: PASSWORD, role: 'operator', scopeCode: fixture.county }, c);
    expect(create.json().error.code).toBe('TOTP_ENROLMENT_REQUIRED');

    const setup = await post('/api/auth/totp/setup', {}, c);
    expect(setup.json().otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect((await post('/api/auth/totp/enroll', { code: '000000' }, c)).json().error.code).toBe('TOTP_INVALID');
    const ok = await post('/api/auth/totp/enroll', { code: await totpAt(setup.json().secret, env.clock) }, c);
    expect(ok.json()).toMatchObject({ stage: 'full', totpEnrolled: true });
    expect((await get('/api/users', c)).statusCode).toBe(200);

    // From now on the password alone is not enough, and a wrong code counts as a failure.
    const noCode = await post('/api/auth/login', { username: 'admin1', password: PASSWORD });
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    expect((await post('/api/auth/login', { username: 'admin1', password: PASSWORD, totp: '123456' })).json().error.code).toBe('TOTP_INVALID');
    env.clock.advance(60_000);
    const full = await post('/api/auth/login', { username: 'admin1', password: PASSWORD, totp: await totpAt(setup.json().secret, env.clock) });
    expect(full.statusCode).toBe(200);
    expect(full.json().stage).toBe('full');
    expect(cookieOf(full)).toBeTruthy();
  });
  it('never stores the TOTP secret in plain text', async () => {
    const rows = await env.ctx.database.query<{ totp_secret_enc: string }>("SELECT totp_secret_enc FROM users WHERE username = 'admin1'");
    expect(rows[0]!.totp_secret_enc).toBeTruthy();
    expect(rows[0]!.totp_secret_enc).not.toMatch(/^[A-Z2-7]+=*$/);
  });
});

describe('separation of administrator duties (三权分立)', () => {
  it('gives each administrator only its own powers', async () => {
    const sys = await enrolledAdmin('sys2', 'sysadmin');
    const sec = await enrolledAdmin('sec2', 'secadmin');
    const aud = await enrolledAdmin('aud2', 'auditor');
    const newUser = { username: 'worker1', displayName: '网格员一', password: PASSWORD, role: 'gridWorker', scopeCode: fixture.villageA };
    expect((await post('/api/users', newUser, sys)).statusCode).toBe(201);
    expect((await post('/api/users', { ...newUser, username: 'worker2' }, sec)).statusCode).toBe(403);
    expect((await post('/api/users', { ...newUser, username: 'worker3' }, aud)).statusCode).toBe(403);
    // Only the security administrator makes administrators.
    expect((await post('/api/users', { ...newUser, username: 'auditor9', role: 'auditor' }, sys)).statusCode).toBe(403);
    expect((await post('/api/users', { ...newUser, username: 'auditor9', role: 'auditor' }, sec)).statusCode).toBe(201);
    expect((await get('/api/audit', aud)).statusCode).toBe(200);
    expect((await get('/api/audit', sys)).statusCode).toBe(403);
    expect((await get('/api/audit', sec)).statusCode).toBe(403);
    expect((await post('/api/tokens', { name: 'x', scopeCode: fixture.county }, sys)).statusCode).toBe(403);
    expect((await post('/api/tokens', { name: 'x', scopeCode: fixture.county }, sec)).statusCode).toBe(201);
  });
});

describe('administrators cannot weaken their own account', () => {
  it('refuses a security administrator resetting their own TOTP or changing their own role', async () => {
    const sec = await enrolledAdmin('sec4', 'secadmin');
    const me = (await get('/api/auth/me', sec)).json();
    expect((await post(`/api/users/${me.id}/reset-totp`, {}, sec)).statusCode).toBe(403);
    const patch = await env.app.inject({ method: 'PATCH', url: `/api/users/${me.id}`, headers: { cookie: sec }, payload: { role: 'auditor' } });
    expect(patch.statusCode).toBe(403);
    expect((await get('/api/auth/me', sec)).json()).toMatchObject({ role: 'secadmin', totpEnrolled: true });
  });
});

describe('integration tokens', () => {
  it('authenticate with Bearer, carry a scope, and stop working when revoked', async () => {
    const sec = await enrolledAdmin('sec3', 'secadmin');
    const created = await post('/api/tokens', { name: '12345热线', scopeCode: fixture.villageA }, sec);
    const { token, id } = created.json();
    expect(token).toMatch(/^anw_/);
    const h = { authorization: `Bearer ${token}` };
    expect((await env.app.inject({ url: '/api/locate?lat=37.05&lng=101.05', headers: h })).statusCode).toBe(200);
    expect((await env.app.inject({ url: '/api/locate?lat=37.05&lng=101.25', headers: h })).statusCode).toBe(404);
    expect((await env.app.inject({ url: '/api/users', headers: h })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie: sec } })).statusCode).toBe(204);
    expect((await env.app.inject({ url: '/api/locate?lat=37.05&lng=101.05', headers: h })).statusCode).toBe(401);
  });
});

describe('a password set by an administrator', () => {
  it('must be changed first: the session can only change it, sign out and read its profile, on every route', async () => {
    const sys = await enrolledAdmin('sys.forced', 'sysadmin');
    const created = await post('/api/users', { username: 'new.worker', displayName: '新网格员', password: 'Given#pass2026', role: 'gridWorker', scopeCode: fixture.villageA }, sys);
    expect(created.statusCode).toBe(201);
    const c = await login(env.app, 'new.worker', 'Given#pass2026');
    expect((await get('/api/auth/me', c)).json()).toMatchObject({ stage: 'password', permissions: [] });
    const open: string[] = [];
    for (const route of env.app.routeTable) {
      const access = route.config?.access as { auth?: string; passwordStage?: boolean } | undefined;
      if (!access || access.auth === 'public' || !route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) continue;
      for (const method of ([] as string[]).concat(route.method as string | string[]).filter((m) => m !== 'HEAD')) {
        if (route.url === '/api/auth/logout') continue; // would end the session under test
        const res = await env.app.inject({ method: method as 'GET', url: route.url.replace(/:format/, 'json').replace(/:[A-Za-z]+/g, 'x'), headers: { cookie: c }, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
        const refused = res.statusCode === 403 && res.json().error.code === 'PASSWORD_CHANGE_REQUIRED';
        if (!refused) open.push(`${method} ${route.url}`);
      }
    }
    expect(open.sort()).toEqual(['GET /api/auth/me', 'POST /api/auth/password']);
    // The same password again, or a common one, is refused; a new one ends the stage (and every session).
    expect((await post('/api/auth/password', { currentPassword: 'Given#pass2026', newPassword: 'Given#pass2026' }, c)).json().error.details[0].code).toBe('same_as_current');
    expect((await post('/api/auth/password', { currentPassword: 'Given#pass2026', newPassword: 'Woaini1314!' }, c)).json().error.details[0].code).toBe('too_common');
    expect((await post('/api/auth/password', { currentPassword: 'Given#pass2026', newPassword: 'Mine#only2026' }, c)).statusCode).toBe(200);
    expect((await get('/api/auth/me', c)).statusCode).toBe(401);
    const again = await login(env.app, 'new.worker', 'Mine#only2026');
    expect((await get('/api/auth/me', again)).json()).toMatchObject({ stage: 'full' });
    expect((await get('/api/grids', again)).statusCode).toBe(200);
  });
  it('is refused when it is a common password', async () => {
    const sys = await enrolledAdmin('sys.common', 'sysadmin');
    env.clock.advance(31_000);
    const res = await post('/api/users', { username: 'weakling', displayName: 'x', password: 'Qq123456!', role: 'gridWorker', scopeCode: fixture.villageA }, sys);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([{ path: 'password', code: 'too_common', message: '这是常见密码，容易被猜到' }]);
  });
});

describe('a password reset by an administrator', () => {
  it('is done by the account’s own kind of administrator, ends the user’s sessions and must be changed at the next sign-in', async () => {
    env.clock.advance(31_000);
    const sys = await enrolledAdmin('sys.reset', 'sysadmin');
    env.clock.advance(31_000);
    const sec = await enrolledAdmin('sec.reset', 'secadmin');
    const id = await makeUser(env.ctx, 'forgetful', 'gridWorker', fixture.villageA);
    const old = await login(env.app, 'forgetful');
    expect((await post(`/api/users/${id}/password`, { password: 'Reset#pass2026' }, sec)).statusCode).toBe(403); // 三权分立
    expect((await post(`/api/users/${id}/password`, { password: 'Woaini1314!' }, sys)).json().error.code).toBe('PASSWORD_TOO_WEAK');
    expect((await post(`/api/users/${id}/password`, { password: 'Reset#pass2026' }, sys)).statusCode).toBe(200);
    expect((await get('/api/auth/me', old)).statusCode).toBe(401);
    const c = await login(env.app, 'forgetful', 'Reset#pass2026');
    expect((await get('/api/auth/me', c)).json().stage).toBe('password');
    const rows = await env.ctx.database.query<{ detail: string | null }>(`SELECT detail::text AS detail FROM audit_log WHERE action = 'user.resetPassword'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail ?? '').not.toContain('Reset#');
  });
});
