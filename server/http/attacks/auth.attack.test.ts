/**
 * Attacks on sign-in, sessions, accounts and tokens, as issue 10's attacker ran them against a running instance:
 * parallel guesses against the lockout (password and TOTP), a TOTP code replayed (also twice at once), the
 * password-change endpoint as an oracle, user enumeration through the lockout, the 三权分立 bypass through a role
 * change, tokens in the URL or past their expiry, too many sessions, and bulk reveals of personal data.
 * Everything goes through HTTP on the real database (PGlite, or PostgreSQL with DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { systemActor } from '../../lib/actor.ts';
import { createCase } from '../../modules/cases/case-intake.service.ts';
import { deliverDue } from '../../modules/outbox/outbox.service.ts';
import { createPerson } from '../../modules/people/persons.service.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';
import { call, cookieOf, createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, totpAt, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

const WRONG = 'Wrong#guess1';
const signIn = (username: string, password: string, totp?: string, app: FastifyInstance = env.app) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });

/** Audit rows of one account's sign-ins, by outcome and reason. */
async function attempts(username: string, action = 'auth.login') {
  return env.ctx.database.query<{ outcome: string; reason: string | null }>(
    `SELECT a.outcome, a.detail->>'reason' AS reason FROM audit_log a JOIN users u ON a.object_id = u.id::text WHERE u.username = $1 AND a.action = $2 ORDER BY a.id`,
    [username, action],
  );
}

/** An administrator with TOTP enrolled: returns the secret (the enrolment spent the current step). */
async function enrolledAdmin(username: string, role: 'secadmin' | 'sysadmin' | 'auditor', scope: string = fixture.county): Promise<{ secret: string; cookie: string }> {
  await makeUser(env.ctx, username, role, scope);
  const cookie = await login(env.app, username);
  const secret = (await call(env.app, 'POST', '/api/auth/totp/setup', cookie)).body.secret as string;
  expect((await call(env.app, 'POST', '/api/auth/totp/enroll', cookie, { code: await totpAt(secret, env.clock) })).status).toBe(200);
  return { secret, cookie };
}

describe('parallel guesses against the lockout', () => {
  it('checks at most five of twenty wrong passwords sent at once, and the account stays locked', async () => {
    await makeUser(env.ctx, 'victim.pw', 'operator', fixture.villageA);
    const answers = await Promise.all(Array.from({ length: 20 }, () => signIn('victim.pw', WRONG)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(401));
    const rows = await attempts('victim.pw');
    expect(rows.filter((r) => r.reason === 'password')).toHaveLength(5); // guesses actually checked
    expect(rows.filter((r) => r.reason === 'locked')).toHaveLength(15);
    // The right password is refused for the whole lockout, then accepted.
    expect((await signIn('victim.pw', PASSWORD)).statusCode).toBe(401);
    env.clock.advance(15 * 60_000);
    expect((await signIn('victim.pw', PASSWORD)).statusCode).toBe(200);
  });

  it('counts ten wrong TOTP codes sent at once, with the right password, and locks the account', async () => {
    const { secret } = await enrolledAdmin('victim.totp', 'auditor');
    env.clock.advance(31_000);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn('victim.totp', PASSWORD, String(100000 + i))));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(10).fill(401));
    expect((await attempts('victim.totp')).filter((r) => r.reason === 'totp').length).toBeLessThanOrEqual(5);
    env.clock.advance(31_000);
    const right = await signIn('victim.totp', PASSWORD, await totpAt(secret, env.clock));
    expect(right.statusCode).toBe(401);
    expect(right.json().error.code).toBe('AUTH_INVALID');
  });
});

describe('TOTP codes are accepted once', () => {
  it('refuses a code already used to sign in or to enrol, and lets only one of two concurrent uses through', async () => {
    const { secret } = await enrolledAdmin('replay', 'secadmin');
    // The code that confirmed the enrolment cannot sign in within its step.
    expect((await signIn('replay', PASSWORD, await totpAt(secret, env.clock))).json().error.code).toBe('TOTP_INVALID');
    env.clock.advance(31_000);
    const code = await totpAt(secret, env.clock);
    expect((await signIn('replay', PASSWORD, code)).statusCode).toBe(200);
    env.clock.advance(5_000); // still inside the code's step and the accepted drift
    expect((await signIn('replay', PASSWORD, code)).json().error.code).toBe('TOTP_INVALID');
    env.clock.advance(31_000);
    const fresh = await totpAt(secret, env.clock);
    const both = await Promise.all([signIn('replay', PASSWORD, fresh), signIn('replay', PASSWORD, fresh)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });
});

describe('the password-change endpoint is not an oracle', () => {
  it('counts wrong current passwords against the lockout, ends the session at the lock, and audits every outcome', async () => {
    await makeUser(env.ctx, 'stolen', 'gridWorker', fixture.villageA);
    const cookie = await login(env.app, 'stolen');
    const tries = await Promise.all(Array.from({ length: 8 }, (_, i) => call(env.app, 'POST', '/api/auth/password', cookie, { currentPassword: `Guess#${i}xyz`, newPassword: 'Fresh#pass2026' })));
    expect(tries.map((t) => t.status)).toEqual(Array(8).fill(401));
    // The right current password no longer works: the account is locked and the stolen session has ended.
    expect((await call(env.app, 'POST', '/api/auth/password', cookie, { currentPassword: PASSWORD, newPassword: 'Fresh#pass2026' })).status).toBe(401);
    expect((await call(env.app, 'GET', '/api/auth/me', cookie)).status).toBe(401);
    expect((await signIn('stolen', PASSWORD)).statusCode).toBe(401);
    const rows = await attempts('stolen', 'auth.changePassword');
    expect(rows.filter((r) => r.outcome === 'failure' && r.reason === 'password')).toHaveLength(5);
    const details = await env.ctx.database.query<{ detail: string }>(`SELECT detail::text AS detail FROM audit_log WHERE action = 'auth.changePassword'`);
    for (const d of details) expect(d.detail).not.toMatch(/Guess#|Fresh#|Test@2026/);
    // A successful change is audited too.
    env.clock.advance(15 * 60_000);
    const again = await login(env.app, 'stolen');
    expect((await call(env.app, 'POST', '/api/auth/password', again, { currentPassword: PASSWORD, newPassword: 'Fresh#pass2026' })).status).toBe(200);
    expect((await attempts('stolen', 'auth.changePassword')).at(-1)).toEqual({ outcome: 'success', reason: null });
  });

  it('is rate-limited per user', async () => {
    const rateLimits = { ...env.ctx.config.rateLimits, password: loadConfig({ ANWANG_RATE_PASSWORD: '3/900' }).rateLimits.password };
    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, rateLimits } }, { logLevel: 'silent' });
    try {
      await makeUser(env.ctx, 'limited', 'gridWorker', fixture.villageA);
      const cookie = cookieOf(await signIn('limited', PASSWORD, undefined, app));
      const statuses: number[] = [];
      // Weak new passwords: the current one is right, so only the rate limit can stop these.
      for (let i = 0; i < 4; i++) statuses.push((await call(app, 'POST', '/api/auth/password', cookie, { currentPassword: PASSWORD, newPassword: 'short' })).status);
      expect(statuses).toEqual([422, 422, 422, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('user enumeration through the lockout', () => {
  it('answers a locked account exactly like a wrong password or an unknown user, taking as long', async () => {
    await makeUser(env.ctx, 'locked.one', 'operator', fixture.villageA);
    await makeUser(env.ctx, 'open.one', 'operator', fixture.villageA);
    for (let i = 0; i < 5; i++) await signIn('locked.one', WRONG);
    const locked = await signIn('locked.one', WRONG);
    const lockedRight = await signIn('locked.one', PASSWORD);
    const wrong = await signIn('open.one', WRONG);
    const unknown = await signIn('nobody.here', WRONG);
    for (const r of [locked, lockedRight, unknown]) {
      expect(r.statusCode).toBe(wrong.statusCode);
      expect(r.body).toBe(wrong.body);
    }
    // Timing: a locked account costs one password hash like the others (before, it answered without hashing).
    const time = async (username: string) => {
      const t = performance.now();
      await signIn(username, WRONG);
      return performance.now() - t;
    };
    const fastest = async (username: string) => Math.min(await time(username), await time(username), await time(username));
    const [lockedMs, unknownMs] = [await fastest('locked.one'), await fastest('nobody.here')];
    expect(lockedMs).toBeGreaterThan(unknownMs * 0.4);
  });
});

describe('三权分立 cannot be bypassed through a role or scope change', () => {
  it('refuses a security administrator turning an auditor it created into an operator', async () => {
    const sec = await enrolledAdmin('sec.bypass', 'secadmin');
    const created = await call(env.app, 'POST', '/api/users', sec.cookie, { username: 'aud.bypass', displayName: '审计', password: 'Audit#Start26', role: 'auditor', scopeCode: fixture.county });
    expect(created.status).toBe(201);
    const patch = await call(env.app, 'PATCH', `/api/users/${created.body.id}`, sec.cookie, { role: 'operator' });
    expect(patch.status).toBe(403);
    expect((await call(env.app, 'GET', `/api/users/${created.body.id}`, sec.cookie)).body.role).toBe('auditor');
    // Nor the other way round, nor the system administrator either way.
    const opId = await makeUser(env.ctx, 'op.bypass', 'operator', fixture.villageA);
    expect((await call(env.app, 'PATCH', `/api/users/${opId}`, sec.cookie, { role: 'auditor' })).status).toBe(403);
    env.clock.advance(31_000);
    const sys = await enrolledAdmin('sys.bypass', 'sysadmin');
    expect((await call(env.app, 'PATCH', `/api/users/${created.body.id}`, sys.cookie, { role: 'operator' })).status).toBe(403);
    expect((await call(env.app, 'PATCH', `/api/users/${opId}`, sys.cookie, { role: 'secadmin' })).status).toBe(403);
    // Within its own kind and scope the system administrator still manages business accounts.
    expect((await call(env.app, 'PATCH', `/api/users/${opId}`, sys.cookie, { role: 'gridWorker' })).status).toBe(200);
    expect((await call(env.app, 'PATCH', `/api/users/${opId}`, sys.cookie, { scopeCode: fixture.villageB })).status).toBe(200);
  });

  it('refuses a scope outside the administrator’s own, for accounts and tokens', async () => {
    env.clock.advance(31_000);
    const townSys = await enrolledAdmin('sys.town', 'sysadmin', fixture.townshipA);
    const opId = await makeUser(env.ctx, 'op.town', 'operator', fixture.villageA);
    const moved = await call(env.app, 'PATCH', `/api/users/${opId}`, townSys.cookie, { scopeCode: fixture.villageC });
    expect(moved.status).toBe(422);
    expect(moved.body.error.code).toBe('INVALID_SCOPE');
    env.clock.advance(31_000);
    const townSec = await enrolledAdmin('sec.town', 'secadmin', fixture.townshipA);
    expect((await call(env.app, 'POST', '/api/tokens', townSec.cookie, { name: 'x', scopeCode: fixture.county })).body.error.code).toBe('INVALID_SCOPE');
  });
});

describe('integration tokens', () => {
  it('expire, show their expiry in the list, and are refused in the URL (Open311 api_key aside)', async () => {
    env.clock.advance(31_000);
    const sec = await enrolledAdmin('sec.tokens', 'secadmin');
    const short = await call(env.app, 'POST', '/api/tokens', sec.cookie, { name: '短期', scopeCode: fixture.county, expiresInDays: 1 });
    const long = await call(env.app, 'POST', '/api/tokens', sec.cookie, { name: '默认', scopeCode: fixture.county });
    expect(short.status).toBe(201);
    const day = 86_400_000;
    expect(Date.parse(long.body.expiresAt) - env.clock.now().getTime()).toBe(365 * day);
    const list = (await call(env.app, 'GET', '/api/tokens', sec.cookie)).body as { id: string; expiresAt: string }[];
    expect(list.find((t) => t.id === short.body.id)?.expiresAt).toBe(short.body.expiresAt);

    const locate = '/api/locate?lat=37.05&lng=101.05';
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    expect((await call(env.app, 'GET', locate, undefined, undefined, bearer(short.body.token))).status).toBe(200);
    // In the query string: refused, even alongside a valid header, and on public routes too.
    for (const url of [`${locate}&access_token=${short.body.token}`, `${locate}&token=${encodeURIComponent(short.body.token)}`]) {
      const r = await call(env.app, 'GET', url, undefined, undefined, bearer(short.body.token));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('TOKEN_IN_URL');
    }
    expect((await call(env.app, 'GET', `/open311/v2/services.json?api_key=${short.body.token}`)).status).toBe(400);
    // Open311's api_key on a service request is the standard's way, and still accepted.
    const open311 = await env.app.inject({ method: 'POST', url: `/open311/v2/requests.json?api_key=${long.body.token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'service_code=municipal.road&lat=37.05&long=101.05&description=%E8%B7%AF%E9%9D%A2%E5%9D%91%E6%B4%BC' });
    expect(open311.statusCode).toBe(201);

    env.clock.advance(day + 1_000);
    expect((await call(env.app, 'GET', locate, undefined, undefined, bearer(short.body.token))).status).toBe(401);
    expect((await call(env.app, 'GET', locate, undefined, undefined, bearer(long.body.token))).status).toBe(200);
  });
});

describe('concurrent sessions', () => {
  it('keeps at most five sessions per user, ending the oldest', async () => {
    await makeUser(env.ctx, 'many.tabs', 'operator', fixture.villageA);
    const cookies: string[] = [];
    for (let i = 0; i < 6; i++) {
      cookies.push(await login(env.app, 'many.tabs'));
      env.clock.advance(1_000);
    }
    const statuses = await Promise.all(cookies.map(async (c) => (await call(env.app, 'GET', '/api/auth/me', c)).status));
    expect(statuses).toEqual([401, 200, 200, 200, 200, 200]);
  });
});

describe('bulk reveals of personal data', () => {
  it('refuses reveals past the budget (also at once), shares it across reveal routes, and alerts the security administrators once', async () => {
    const revealLimit = loadConfig({ ANWANG_RATE_REVEAL: '3/3600' }).revealLimit;
    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, revealLimit } }, { logLevel: 'silent' });
    try {
      const root = systemActor(fixture.province, 'test');
      const first17 = '63222119900101123';
      const person = await createPerson(env.ctx, root, { gridCode: fixture.gridA1, personType: '01', name: '才让卓玛', idNumber: first17 + checkCharacter(first17), phone: '13912340000' });
      const kase = await createCase(env.ctx, root, { channel: 'patrol', categoryId: 'municipal.road', description: '路灯坏了', lat: 37.05, lng: 101.05, reporterName: '多杰', reporterPhone: '13800001111', uploadIds: [] });
      env.clock.advance(31_000);
      const secHere = await enrolledAdmin('sec.alerts', 'secadmin', fixture.county);
      env.clock.advance(31_000);
      const secElsewhere = await enrolledAdmin('sec.elsewhere', 'secadmin', fixture.townshipB);
      await makeUser(env.ctx, 'bulk.op', 'operator', fixture.villageA);
      const op = cookieOf(await signIn('bulk.op', PASSWORD, undefined, app));
      const reveal = () => call(app, 'POST', `/api/people/${person.id}/reveal`, op, { fields: ['name', 'idNumber'], reason: '入户核实身份' });
      const answers = await Promise.all(Array.from({ length: 6 }, reveal));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
      expect(answers.find((a) => a.status === 429)!.body.error.code).toBe('REVEAL_LIMITED');
      const reporter = await call(app, 'POST', `/api/cases/${kase.code}/reporter`, op, { reason: '回访核实' });
      expect(reporter.status).toBe(429);
      const alerts = await env.ctx.database.query<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE action = 'reveal.alert'`);
      expect(alerts).toEqual([{ actor_name: 'bulk.op' }]);
      await deliverDue(env.ctx);
      const inbox = async (cookie: string) => (await call(app, 'GET', '/api/notifications', cookie)).body as { text: string }[] | { items: { text: string }[] };
      const texts = (x: Awaited<ReturnType<typeof inbox>>) => (Array.isArray(x) ? x : x.items).map((n) => n.text);
      expect(texts(await inbox(secHere.cookie)).some((t) => t.includes('bulk.op'))).toBe(true);
      expect(texts(await inbox(secElsewhere.cookie)).some((t) => t.includes('bulk.op'))).toBe(false);
      // The budget drains: twenty minutes later one more reveal fits.
      env.clock.advance(20 * 60_000 + 1_000);
      expect((await reveal()).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
