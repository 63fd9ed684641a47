/**
 * The attacker's view of the resident's side and of shared data (issue 10): public writes anyone could make
 * (rating a stranger's case, inflating "me too"), lists that leak what a direct read hides (duplicate
 * suggestions, search, private categories), the Host header steering Open311 clients, and a village
 * administrator changing data shared by the whole prefecture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { call, createTestEnv, fixture, login, makeUser, seedDepartments, seedFixture, totpAt, type TestEnv } from '../../test/harness.ts';
import { workCalendar } from '../../modules/catalog/catalog.service.ts';

let env: TestEnv;
const c: Record<string, string> = {};
const ids: Record<string, string> = {};

/** Signs in an administrator, enrolling the second factor they must have. */
async function signInAdmin(name: string): Promise<string> {
  const first = await login(env.app, name);
  const setup = (await env.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: first } })).json();
  await env.app.inject({ method: 'POST', url: '/api/auth/totp/enroll', headers: { cookie: first }, payload: { code: await totpAt(setup.secret, env.clock) } });
  env.clock.advance(31_000); // a fresh TOTP step: each code is accepted once
  return login(env.app, name, undefined, await totpAt(setup.secret, env.clock));
}

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await seedDepartments(env.ctx);
  const cast = [
    ['op.a', 'operator', fixture.villageA],
    ['op.b', 'operator', fixture.villageB],
    ['gw.a', 'gridWorker', fixture.villageA],
    ['hl.a', 'householdLeader', fixture.villageA],
    ['med.a', 'mediator', fixture.villageA],
    ['leader', 'leader', fixture.county],
  ] as const;
  for (const [name, role, scope] of cast) {
    ids[name] = await makeUser(env.ctx, name, role, scope);
    c[name] = await login(env.app, name);
  }
  for (const [name, scope] of [['sys.village', fixture.villageA], ['sys.county', fixture.county], ['sys.prefecture', fixture.prefecture]] as const) {
    await makeUser(env.ctx, name, 'sysadmin', scope);
    c[name] = await signInAdmin(name);
  }
});
afterAll(() => env?.close());

/** A resident's report from the H5 page; returns the intake answer. */
async function residentReport(description: string, lng = 101.05, phone?: string) {
  const res = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'sanitation.garbage', description, lat: 37.05, lng, ...(phone ? { phone } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { code: string; reporterKey: string };
}

/** Takes a village case from accepted to verified (the grid worker of village A does the work). */
async function toVerified(code: string): Promise<void> {
  await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['op.a'], {});
  await call(env.app, 'POST', `/api/cases/${code}/actions/dispatch`, c['op.a'], { userId: ids['gw.a'] });
  await call(env.app, 'POST', `/api/cases/${code}/actions/start`, c['gw.a'], {});
  await call(env.app, 'POST', `/api/cases/${code}/actions/reportBack`, c['gw.a'], { text: '已清运' });
  expect((await call(env.app, 'POST', `/api/cases/${code}/actions/verify`, c['op.a'], { result: 'pass' })).body.status).toBe('verified');
}

const rated = async () => (await env.ctx.database.query<{ n: number }>('SELECT coalesce(sum(rated), 0)::int AS n FROM case_stats_daily'))[0]!.n;

describe('public writes: only the reporter rates, "me too" counts once', () => {
  it('refuses a rating from anyone without the reporter’s key (a code read from the Open311 feed is not enough), and the case and KPIs stay as they were', async () => {
    const { code, reporterKey } = await residentReport('村口垃圾三天没人清运');
    await toVerified(code);
    // The attacker finds the code on the public feed.
    const feed = (await env.app.inject({ url: '/open311/v2/requests.json' })).json() as { service_request_id: string }[];
    expect(feed.map((r) => r.service_request_id)).toContain(code);
    const before = await rated();
    const noKey = await call(env.app, 'POST', `/api/public/cases/${code}/rating`, undefined, { satisfaction: 'unsatisfied' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.details[0].path).toBe('body.key');
    // A wrong key answers exactly as an unknown code does. (Change the first character: the last ones of a
    // 128-bit base64url key are 'AA' one time in 256, which made this "wrong" key the right one.)
    const wrong = await call(env.app, 'POST', `/api/public/cases/${code}/rating`, undefined, { satisfaction: 'unsatisfied', key: (reporterKey[0] === 'B' ? 'C' : 'B') + reporterKey.slice(1) });
    const unknown = await call(env.app, 'POST', `/api/public/cases/632221-00000000/rating`, undefined, { satisfaction: 'unsatisfied', key: reporterKey });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
    // Another resident's key does not open this case either.
    const other = await residentReport('另一处垃圾没人管', 101.06);
    expect((await call(env.app, 'POST', `/api/public/cases/${code}/rating`, undefined, { satisfaction: 'unsatisfied', key: other.reporterKey })).status).toBe(404);
    const t = await call(env.app, 'GET', `/api/public/cases/${code}`);
    expect(t.body).toMatchObject({ status: 'verified', satisfaction: null });
    expect(await rated()).toBe(before);
  });

  it('lets the reporter rate once with the key the tracking link carries; the key is kept only as a hash', async () => {
    const res = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'sanitation.garbage', description: '河边垃圾堆放', lat: 37.05, lng: 101.07 }, { 'idempotency-key': 'attack-report-0001' });
    const { code, reporterKey } = res.body as { code: string; reporterKey: string };
    expect(reporterKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // A retry of the same report hands back the same key; no table holds it in clear.
    const replay = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'sanitation.garbage', description: '河边垃圾堆放', lat: 37.05, lng: 101.07 }, { 'idempotency-key': 'attack-report-0001' });
    expect(replay.body).toMatchObject({ code, reporterKey });
    for (const table of ['cases', 'idempotency_keys', 'audit_log', 'outbox']) {
      const rows = await env.ctx.database.query(`SELECT * FROM ${table}`).catch(() => []);
      expect(JSON.stringify(rows), table).not.toContain(reporterKey);
    }
    await toVerified(code);
    const ok = await call(env.app, 'POST', `/api/public/cases/${code}/rating`, undefined, { satisfaction: 'satisfied', key: reporterKey });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    const again = await call(env.app, 'POST', `/api/public/cases/${code}/rating`, undefined, { satisfaction: 'unsatisfied', key: reporterKey });
    expect(again.status).toBe(409);
    expect((await call(env.app, 'GET', `/api/public/cases/${code}`)).body).toMatchObject({ status: 'closed', satisfaction: 'satisfied' });
    // A report taken in by staff has no key: staff follow it up (回访) by phone, as before.
    const staff = await call(env.app, 'POST', '/api/cases', c['op.a'], { channel: 'phone', categoryId: 'sanitation.garbage', description: '电话反映垃圾未清运', lat: 37.05, lng: 101.08 });
    expect(staff.body.reporterKey).toBeUndefined();
    await toVerified(staff.body.code);
    expect((await call(env.app, 'POST', `/api/cases/${staff.body.code}/actions/followUp`, c['op.a'], { satisfaction: 'satisfied', method: 'phone' })).body.status).toBe('closed');
  });

  it('counts "me too" once per device and once per phone, however often it is sent', async () => {
    const { code } = await residentReport('路边垃圾桶满了', 101.09);
    const meToo = (body: object) => call(env.app, 'POST', `/api/public/cases/${code}/me-too`, undefined, body);
    const first = await meToo({ deviceId: 'device-aaaaaaaaaaaaaaaa' });
    expect(first.body).toMatchObject({ meTooCount: 1, counted: true });
    for (let i = 0; i < 5; i++) expect((await meToo({ deviceId: 'device-aaaaaaaaaaaaaaaa' })).body).toMatchObject({ meTooCount: 1, counted: false });
    expect((await meToo({ deviceId: 'device-bbbbbbbbbbbbbbbb', phone: '13900001111' })).body).toMatchObject({ meTooCount: 2, counted: true });
    // A fresh device id with a phone already counted is the same person.
    expect((await meToo({ deviceId: 'device-cccccccccccccccc', phone: '139 0000 1111' })).body).toMatchObject({ meTooCount: 2, counted: false });
    expect((await meToo({})).status).toBe(400);
    // Only keyed hashes are kept, never the phone or the device id.
    const kept = JSON.stringify(await env.ctx.database.query('SELECT * FROM case_me_too'));
    expect(kept).not.toContain('13900001111');
    expect(kept).not.toContain('device-aaaa');
  });

  describe('with small limits', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      const rateLimits = { ...env.ctx.config.rateLimits, ...loadConfig({ ANWANG_RATE_ME_TOO: '3/3600', ANWANG_RATE_PUBLIC: '4/60' }).rateLimits, reporter: env.ctx.config.rateLimits.reporter, token: env.ctx.config.rateLimits.token };
      app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, rateLimits } }, { logLevel: 'silent' });
    });
    afterAll(() => app?.close());
    const meToo = (code: string, ip: string, deviceId: string) => app.inject({ method: 'POST', url: `/api/public/cases/${code}/me-too`, remoteAddress: ip, payload: { deviceId } });

    it('limits "me too" per case however many addresses and device ids a script uses, and per address across cases', async () => {
      const { code } = await residentReport('垃圾池满溢', 101.11);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await meToo(code, `10.1.0.${i + 1}`, `script-device-${String(i).padStart(8, '0')}`)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect((await call(env.app, 'GET', `/api/public/cases/${code}`)).body.meTooCount).toBe(3);
      // One address spreading its votes over cases meets the per-address limit.
      const codes = [(await residentReport('垃圾一', 101.12)).code, (await residentReport('垃圾二', 101.13)).code];
      const spread = [];
      for (let i = 0; i < 6; i++) spread.push((await meToo(codes[i % 2]!, '10.2.0.1', `one-address-${String(i).padStart(8, '0')}`)).statusCode);
      expect(spread).toEqual([200, 200, 200, 200, 429, 429]);
    });

  });
});

describe('lists apply the rules of a direct read', () => {
  let nearA = '', nearB = '', privateA = '';
  let intakeSuggestions: unknown;
  beforeAll(async () => {
    // Two private reports on either side of the A/B boundary (lng 101.2), about 90 m apart.
    const mk = async (cookie: string, lng: number, description: string) =>
      (await call(env.app, 'POST', '/api/cases', cookie, { channel: 'visit', categoryId: 'dispute.family', description, lat: 37.05, lng, reporterName: '王五' })).body;
    nearB = (await mk(c['op.b']!, 101.2005, '头塘村张三夫妻吵架，女方电话13800138000')).code;
    const a = await mk(c['op.a']!, 101.1995, '团结村夫妻吵架，邻居反映');
    nearA = a.code;
    intakeSuggestions = a.duplicates;
    privateA = nearA;
  });

  it('never suggests a case of another village, nor its private text, as a duplicate', async () => {
    // Neither in the intake answer's own suggestions nor in the duplicates list.
    expect(JSON.stringify(intakeSuggestions)).not.toContain(nearB);
    const dup = await call(env.app, 'GET', `/api/cases/${nearA}/duplicates`, c['op.a']);
    expect(dup.status).toBe(200);
    expect(JSON.stringify(dup.body)).not.toContain(nearB);
    expect(JSON.stringify(dup.body)).not.toContain('13800138000');
    // The county leader, whose scope holds both, does see the pair.
    const leader = await call(env.app, 'GET', `/api/cases/${nearA}/duplicates`, c.leader);
    expect((leader.body as { code: string }[]).map((d) => d.code)).toContain(nearB);
  });

  it('hides a private case from business roles outside its handling chain, in search, lists, duplicates and direct reads alike', async () => {
    for (const who of ['hl.a', 'gw.a', 'med.a']) {
      const search = await call(env.app, 'GET', `/api/cases?q=${encodeURIComponent('夫妻吵架')}`, c[who]);
      expect(search.status, who).toBe(200);
      expect(JSON.stringify(search.body), who).not.toContain('夫妻吵架');
      expect((search.body.items as { code: string }[]).map((i) => i.code), who).not.toContain(privateA);
      const all = await call(env.app, 'GET', '/api/cases?pageSize=100', c[who]);
      expect((all.body.items as { code: string }[]).map((i) => i.code), who).not.toContain(privateA);
      const direct = await call(env.app, 'GET', `/api/cases/${privateA}`, c[who]);
      const missing = await call(env.app, 'GET', '/api/cases/632221-00000000', c[who]);
      expect(direct.status, who).toBe(404);
      expect(direct.body, who).toEqual(missing.body);
      expect((await call(env.app, 'GET', `/api/cases/${privateA}/duplicates`, c[who])).status, who).toBe(404);
    }
    // The owning centre's operator and the leader read it.
    expect((await call(env.app, 'GET', `/api/cases/${privateA}`, c['op.a'])).body.description).toContain('夫妻吵架');
    expect((await call(env.app, 'GET', `/api/cases/${privateA}`, c.leader)).status).toBe(200);
  });

  it('opens a private case to the household leader it is dispatched to, and to nobody else of that role', async () => {
    await call(env.app, 'POST', `/api/cases/${privateA}/actions/accept`, c['op.a'], { tier: 'minor' });
    expect((await call(env.app, 'POST', `/api/cases/${privateA}/actions/dispatch`, c['op.a'], { userId: ids['hl.a'] })).body.status).toBe('dispatched');
    const mine = await call(env.app, 'GET', '/api/cases?box=mine', c['hl.a']);
    expect((mine.body.items as { code: string }[]).map((i) => i.code)).toContain(privateA);
    expect((await call(env.app, 'GET', `/api/cases/${privateA}`, c['hl.a'])).status).toBe(200);
    expect((await call(env.app, 'GET', `/api/cases/${privateA}`, c['gw.a'])).status).toBe(404);
    // An action by someone outside the chain answers as missing too.
    expect((await call(env.app, 'POST', `/api/cases/${privateA}/actions/urge`, c['gw.a'], {})).status).toBe(404);
  });
});

describe('Open311 discovery', () => {
  it('never takes its URLs from the Host or forwarded headers', async () => {
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const res = await env.app.inject({ url: '/open311/v2/discovery.json', headers: forged });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('evil.example');
    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, publicUrl: loadConfig({ ANWANG_PUBLIC_URL: 'https://anwang.example.gov.cn/' }).publicUrl } }, { logLevel: 'silent' });
    try {
      const configured = (await app.inject({ url: '/open311/v2/discovery.json', headers: forged })).json();
      expect(configured.endpoints[0].url).toBe('https://anwang.example.gov.cn/open311/v2/');
      const xml = (await app.inject({ url: '/open311/v2/discovery.xml', headers: forged })).body;
      expect(xml).not.toContain('evil.example');
    } finally {
      await app.close();
    }
  });
});

describe('reference data has an owner', () => {
  it('keeps a village system administrator from making a prefecture category public (its tip-offs stay off the public feed)', async () => {
    const res = await call(env.app, 'PATCH', '/api/categories/dispute.family', c['sys.village'], { isPublic: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'INVALID_SCOPE', details: [{ path: 'id', code: 'owned_above' }] });
    const services = (await env.app.inject({ url: '/open311/v2/services.json' })).json() as { service_code: string }[];
    expect(services.map((s) => s.service_code)).not.toContain('dispute.family');
    expect((await call(env.app, 'PATCH', '/api/categories/publicOrder.fraud', c['sys.county'], { isPublic: true })).status).toBe(422);
    // The prefecture's administrator owns shared categories.
    expect((await call(env.app, 'PATCH', '/api/categories/municipal.water', c['sys.prefecture'], { name: '供水设施' })).status).toBe(200);
  });

  it('lets a village administrator add a category of their own, which they may change and which is theirs only', async () => {
    const made = await call(env.app, 'POST', '/api/categories', c['sys.village'], { id: 'local.yakPasture', parentId: 'dispute', name: '牦牛草场', nameEn: 'Yak pasture', isPublic: true, defaultTier: 'minor' });
    expect(made.status).toBe(201);
    expect(made.body.ownerCode).toBe(fixture.villageA);
    expect((await call(env.app, 'PATCH', '/api/categories/local.yakPasture', c['sys.village'], { isPublic: false })).status).toBe(200);
    // A report of that category outside the village is refused.
    const outside = await call(env.app, 'POST', '/api/cases', c['op.b'], { channel: 'visit', categoryId: 'local.yakPasture', description: '草场纠纷', lat: 37.05, lng: 101.25 });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0]).toMatchObject({ path: 'body.categoryId', code: 'unknown_category' });
    expect((await call(env.app, 'POST', '/api/cases', c['op.a'], { channel: 'visit', categoryId: 'local.yakPasture', description: '草场纠纷', lat: 37.05, lng: 101.05 })).status).toBe(201);
  });

  it('keeps a village system administrator from importing holidays for every county or for their county', async () => {
    const csv = 'date,kind,name\n2026-03-02,holiday,假日\n';
    const everywhere = await call(env.app, 'POST', '/api/calendar/import', c['sys.village'], { csv });
    expect(everywhere.status).toBe(422);
    expect(everywhere.body.error.details[0]).toMatchObject({ path: 'countyCode', code: 'owned_above' });
    expect((await call(env.app, 'POST', '/api/calendar/import', c['sys.village'], { csv, countyCode: '632221' })).status).toBe(422);
    expect((await call(env.app, 'POST', '/api/calendar/import', c['sys.county'], { csv })).status).toBe(422);
    expect((await call(env.app, 'POST', '/api/calendar/import', c['sys.county'], { csv, countyCode: '632222' })).status).toBe(422);
    expect((await env.ctx.database.query('SELECT * FROM calendar_days')).length).toBe(0);
  });

  it('applies a county’s own holiday to that county’s deadlines only', async () => {
    const res = await call(env.app, 'POST', '/api/calendar/import', c['sys.county'], { csv: 'date,kind,name\n2026-03-03,holiday,县庆\n', countyCode: '632221' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await workCalendar(env.ctx, env.ctx.db, '632221')).holidays.has('2026-03-03')).toBe(true);
    expect((await workCalendar(env.ctx, env.ctx.db, '632222')).holidays.has('2026-03-03')).toBe(false);
    // A shared day the prefecture adds applies to both.
    expect((await call(env.app, 'POST', '/api/calendar/import', c['sys.prefecture'], { csv: 'date,kind,name\n2026-03-04,holiday,州庆\n' })).status).toBe(200);
    expect((await workCalendar(env.ctx, env.ctx.db, '632222')).holidays.has('2026-03-04')).toBe(true);
    expect((await workCalendar(env.ctx, env.ctx.db, '632221')).holidays.has('2026-03-04')).toBe(true);
  });
});
