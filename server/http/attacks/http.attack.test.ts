/**
 * The HTTP layer as an attacker tries it: a forged X-Forwarded-For (to dodge per-IP limits and write a chosen
 * address into the audit log), the security headers and caching of personal data, an 18 MB deeply nested JSON
 * body, and a NUL byte in every string input of every route (anonymous uploads filling the disk: uploads.attack.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../app.ts';
import { createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, totpAt, type TestEnv } from '../../test/harness.ts';
import { buildRouteWorld, fillRoute, sampleBodies } from '../../test/route-world.ts';
import { loadConfig } from '../../config.ts';
import { personRoles, totpRequiredRoles, type Role } from '../../../core/roles.ts';
import { passes, type RouteAccess } from '../route-config.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';

let env: TestEnv;
const logLines: string[] = [];
beforeAll(async () => {
  env = await createTestEnv({ logLines });
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

/** An app over the same database with some configuration changed. */
async function appWith(vars: Record<string, string>): Promise<FastifyInstance> {
  const c = loadConfig(vars);
  const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, trustProxy: c.trustProxy, hsts: c.hsts, rateLimits: { ...env.ctx.config.rateLimits, login: c.rateLimits.login } } }, { logLevel: 'silent' });
  return app;
}

/** Signs in a user whose role needs a second factor, enrolling it. */
async function login2fa(username: string): Promise<string> {
  let c = await login(env.app, username, PASSWORD);
  const setup = (await env.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: c } })).json();
  await env.app.inject({ method: 'POST', url: '/api/auth/totp/enroll', headers: { cookie: c }, payload: { code: await totpAt(setup.secret, env.clock) } });
  env.clock.advance(31_000);
  c = await login(env.app, username, PASSWORD, await totpAt(setup.secret, env.clock));
  return c;
}

const lastLoginIp = async (username: string) =>
  (await env.ctx.database.query<{ ip: string }>(`SELECT ip FROM audit_log WHERE action = 'auth.login' AND object_id = (SELECT id::text FROM users WHERE username = $1) ORDER BY id DESC LIMIT 1`, [username]))[0]?.ip;

describe('a forged X-Forwarded-For', () => {
  it('changes neither the address per-IP limits count nor the one the audit log records', async () => {
    const app = await appWith({ ANWANG_RATE_LOGIN: '3/60' });
    try {
      await makeUser(env.ctx, 'xff.target', 'operator', fixture.villageA);
      const codes = [];
      // A fresh forged address on every try: the limit still counts the real socket address.
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.7', headers: { 'x-forwarded-for': `10.66.0.${i}` }, payload: { username: 'xff.target', password: 'Wrong#Guess1' } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      expect(await lastLoginIp('xff.target')).toBe('198.51.100.7');
    } finally {
      await app.close();
    }
  });

  it('is believed only from a configured proxy, whose forwarded address is then used', async () => {
    const app = await appWith({ ANWANG_TRUST_PROXY: '192.0.2.0/24, 203.0.113.9', ANWANG_RATE_LOGIN: '100/60' });
    try {
      await makeUser(env.ctx, 'xff.proxied', 'operator', fixture.villageA);
      const login = (remoteAddress: string, xff: string) => app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { 'x-forwarded-for': xff }, payload: { username: 'xff.proxied', password: 'Wrong#Guess1' } });
      await login('192.0.2.10', '100.64.1.1');
      expect(await lastLoginIp('xff.proxied')).toBe('100.64.1.1');
      await login('203.0.113.9', '100.64.1.2');
      expect(await lastLoginIp('xff.proxied')).toBe('100.64.1.2');
      // A client that is not the proxy cannot speak for someone else.
      await login('198.51.100.8', '100.64.1.3');
      expect(await lastLoginIp('xff.proxied')).toBe('198.51.100.8');
    } finally {
      await app.close();
    }
  });
});

describe('security headers', () => {
  const policy = (h: Record<string, unknown>) => String(h['content-security-policy'] ?? '');
  const common = (h: Record<string, unknown>) => {
    expect(policy(h)).toContain("script-src 'self'");
    expect(policy(h)).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy(h)).toContain("frame-ancestors 'none'");
    expect(policy(h)).toContain("object-src 'none'");
    expect(policy(h)).toContain("base-uri 'self'");
    expect(policy(h)).toContain("connect-src 'self'");
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
  };

  it('protect the app page, and allow map tiles only from the configured tile host', async () => {
    const page = await env.app.inject({ url: '/' });
    common(page.headers);
    expect(page.headers['cache-control']).not.toMatch(/max-age=[1-9]/);
    expect(page.headers['strict-transport-security']).toBeUndefined(); // off unless configured
    const tiles = await buildApp({ ...env.ctx, config: { ...env.ctx.config, tileUrl: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?x={x}&y={y}&l={z}', hsts: true } }, { logLevel: 'silent' });
    try {
      const res = await tiles.inject({ url: '/report' });
      expect(policy(res.headers)).toMatch(/img-src 'self' data: blob: https:\/\/t\*\.tianditu\.gov\.cn(;|$)/);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await tiles.close();
    }
  });

  it('turn HSTS on with ANWANG_HSTS or ANWANG_SECURE_COOKIES, off by default', () => {
    expect(loadConfig({}).hsts).toBe(false);
    expect(loadConfig({ ANWANG_HSTS: '1' }).hsts).toBe(true);
    expect(loadConfig({ ANWANG_SECURE_COOKIES: '1' }).hsts).toBe(true);
    expect(loadConfig({ ANWANG_SECURE_COOKIES: '1', ANWANG_HSTS: '0' }).hsts).toBe(false);
  });

  it('forbid caching of every API answer, a reveal of personal data included', async () => {
    await makeUser(env.ctx, 'hdr.gw', 'gridWorker', fixture.villageA);
    const cookie = await login(env.app, 'hdr.gw');
    const api = await env.app.inject({ url: '/api/auth/me', headers: { cookie } });
    common(api.headers);
    expect(api.headers['cache-control']).toBe('no-store');
    const idNumber = '63222119770707321' + checkCharacter('63222119770707321');
    const person = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie }, payload: { gridCode: fixture.gridA1, personType: '01', name: '扎西', idNumber, phone: '13912345678' } });
    expect(person.statusCode).toBe(201);
    const reveal = await env.app.inject({ method: 'POST', url: `/api/people/${person.json().id}/reveal`, headers: { cookie }, payload: { fields: ['idNumber'], reason: '入户核实身份' } });
    expect(reveal.statusCode).toBe(200);
    expect(reveal.body).toContain(idNumber);
    expect(reveal.headers['cache-control']).toBe('no-store');
    common(reveal.headers);
    const error = await env.app.inject({ url: '/api/nothing' });
    expect(error.headers['cache-control']).toBe('no-store');
  });
});

describe('an 18 MB deeply nested JSON body', () => {
  it('is refused at once, and the server keeps answering meanwhile', async () => {
    const nested = '['.repeat(9_000_000) + ']'.repeat(9_000_000);
    const started = Date.now();
    const [bomb, health] = await Promise.all([
      env.app.inject({ method: 'POST', url: '/api/public/cases', headers: { 'content-type': 'application/json' }, payload: nested }),
      env.app.inject({ url: '/healthz' }),
    ]);
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body', code: 'FST_ERR_CTP_BODY_TOO_LARGE' }] });
    expect(health.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000); // JSON.parse alone takes seconds on it
  });

  it('meets a small size limit everywhere except where the data needs more', async () => {
    const big = 'x'.repeat(300 * 1024);
    const login = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'a', password: big } });
    expect(login.json().error.details[0].code).toBe('FST_ERR_CTP_BODY_TOO_LARGE');
    await makeUser(env.ctx, 'size.admin', 'sysadmin', fixture.county);
    const cookie = await login2fa('size.admin');
    const calendar = await env.app.inject({ method: 'POST', url: '/api/calendar/import', headers: { cookie }, payload: { csv: 'date,kind,name\n' + '2026-10-01,holiday,国庆节\n'.repeat(9000) } });
    expect(calendar.body).not.toContain('FST_ERR_CTP_BODY_TOO_LARGE'); // about 300 KB: read, then judged on its rows
  });

  it('is refused by depth even when it fits the size limit, before JSON.parse', async () => {
    const deep = '{"a":'.repeat(30_000) + '1' + '}'.repeat(30_000); // 180 KB
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: deep });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'body', code: 'too_deep' });
    // Ordinary nesting and brackets inside strings are fine.
    const ok = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '[[{{]]}'.repeat(3), password: 'x' } });
    expect(ok.statusCode).toBe(401);
  });

  it('is counted against the per-IP limit before it is read', async () => {
    const app = await appWith({ ANWANG_RATE_LOGIN: '2/60' });
    try {
      const send = (payload: string) => app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '198.51.100.40', headers: { 'content-type': 'application/json' }, payload });
      expect((await send('{"username":"a","password":"b"}')).statusCode).toBe(401);
      expect((await send('{"username":"a","password":"b"}')).statusCode).toBe(401);
      // Over the limit, even an unparseable body is refused by the limit, not parsed.
      expect((await send('{"username":')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('NUL and other control characters', () => {
  const ID = '63222119900101123' + checkCharacter('63222119900101123');
  const PHONE = '13512349876';
  /** Bodies for writes that have no path parameter (those with one come from the route world). */
  const ownSamples: Record<string, object> = {
    'POST /api/people': { gridCode: fixture.gridA1, personType: '01', name: '测试人', idNumber: ID, phone: PHONE, address: 'A村5号' },
    'POST /api/public/cases': { categoryId: 'sanitation.garbage', description: '垃圾', lat: 37.05, lng: 101.05, name: '张三', phone: PHONE, address: 'A村' },
    'POST /api/cases': { channel: 'phone', categoryId: 'sanitation.garbage', description: '垃圾', lat: 37.05, lng: 101.05, reporterName: '张三', reporterPhone: PHONE, uploadIds: [] },
    'POST /api/auth/login': { username: 'someone', password: 'x' },
    'POST /open311/v2/requests.:format': { service_code: 'sanitation.garbage', lat: 37.05, long: 101.05, description: '垃圾', phone: PHONE, first_name: '张' },
  };
  /** Every path to a string in `body`, as key lists. */
  const stringPaths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
    typeof v === 'string' ? [at] : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => stringPaths(x, [...at, Array.isArray(v) ? Number(k) : k])) : [];
  const withNul = (body: object, path: (string | number)[]): object => {
    const copy = structuredClone(body) as Record<string | number, unknown>;
    let o = copy;
    for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    const s = String(o[last]);
    o[last] = s.slice(0, 1) + '\u0000' + s.slice(1);
    return copy;
  };

  it('are refused with 400 naming the field in every string input of every route, never a 500, and never logged', async () => {
    const objects = await buildRouteWorld(env);
    // A caller for each route: the first role (all in the county, second factor enrolled) its permission admits.
    const cookieOf = new Map<Role, string>();
    for (const role of personRoles) {
      await makeUser(env.ctx, `nul-${role}`, role, fixture.county);
      cookieOf.set(role, totpRequiredRoles.includes(role) ? await login2fa(`nul-${role}`) : await login(env.app, `nul-${role}`, PASSWORD));
    }
    const wrong: string[] = [];
    let fields = 0;
    const routes = env.app.routeTable.filter((r) => (r.url.startsWith('/api/') || r.url.startsWith('/open311/')) && !r.url.startsWith('/api/docs'));
    for (const route of routes) {
      const access = (route.config as { access?: RouteAccess } | undefined)?.access ?? {};
      const role = personRoles.find((r) => passes(r, access.permission));
      const headers = access.auth === 'public' || !role ? {} : { cookie: cookieOf.get(role)! };
      const params = (route.url.match(/:([A-Za-z]+)/g) ?? []).filter((p) => p !== ':format');
      const url = fillRoute(objects, route.url, access.objects ?? [], 'A');
      for (const method of ([] as string[]).concat(route.method as string | string[]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
        const key = `${method} ${route.url}`;
        const check = async (what: string, req: InjectOptions, field: string) => {
          fields++;
          const res = await env.app.inject(req);
          const json = res.statusCode >= 400 ? res.json() : undefined;
          // Open311 answers errors in its own format, [{ code, description }], the field named in the description.
          const err = Array.isArray(json) ? { code: 'VALIDATION_FAILED', details: [{ path: String(json[0].description).includes(`${field} `) ? field : json[0].description }] } : (json as { error?: { code: string; details?: { path: string }[] } } | undefined)?.error;
          if (res.statusCode >= 500) wrong.push(`${key} ${what}: ${res.statusCode}`);
          // Routes that need a sign-in the caller lacks answer 401/403 first; everything else must name the field.
          else if (res.statusCode !== 400 || err?.code !== 'VALIDATION_FAILED' || err.details?.[0]?.path !== field) {
            if (!(access.auth !== 'public' && !role && [401, 403].includes(res.statusCode))) wrong.push(`${key} ${what}: ${res.statusCode} ${res.body.slice(0, 160)}`);
          }
        };
        if (method === 'GET' || method === 'DELETE') {
          const shape = (route.schema?.querystring as { shape?: object } | undefined)?.shape;
          for (const q of shape ? Object.keys(shape) : ['q']) await check(`query ${q}`, { method: method as 'GET', url: `${url}?${q}=a%00b`, headers }, `query.${q}`);
        } else {
          const body = sampleBodies[key] ?? ownSamples[key] ?? { name: '名称', note: '说明' };
          for (const path of stringPaths(body)) await check(`body ${path.join('.')}`, { method: method as 'POST', url, headers, payload: withNul(body, path) }, ['body', ...path].join('.'));
        }
        for (const p of params) {
          const idx = route.url.split('/').findIndex((seg) => seg === p || seg.startsWith(`${p}.`));
          const parts = url.split('/');
          parts[idx] = `%00${parts[idx]}`;
          await check(`param ${p}`, { method: method as 'GET', url: parts.join('/'), headers, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) }, `params.${p.slice(1)}`);
        }
      }
    }
    // Other C0 controls too; tab, line feed and carriage return stay allowed.
    const cookie = cookieOf.get('gridWorker')!;
    for (const c of ['\u0001', '\u001b', '\u000b']) {
      const res = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie }, payload: { ...ownSamples['POST /api/people'], address: `A村${c}5号` } });
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
    }
    const fine = await env.app.inject({ method: 'POST', url: '/api/people', headers: { cookie }, payload: { ...ownSamples['POST /api/people'], idNumber: undefined, phone: undefined, address: 'A村\t5号\r\n院内' } });
    expect(fine.statusCode).toBe(201);
    expect(wrong).toEqual([]);
    expect(fields).toBeGreaterThan(150);
    const leaked = logLines.filter((l) => l.includes(ID) || l.includes(PHONE) || l.includes('测试人'));
    expect(leaked).toEqual([]);
    expect(logLines.length).toBeGreaterThan(100); // the log was really captured
  }, 300_000);
});
