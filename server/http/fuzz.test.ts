/**
 * Property-based fuzzing of every JSON endpoint (fast-check): malformed bodies and query strings get a 4xx
 * with an error code, never a 5xx, whichever role sends them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestEnv, fixture, login, makeUser, seedDepartments, seedFixture, totpAt, type TestEnv } from '../test/harness.ts';
import { createCase } from '../modules/cases/case-intake.service.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';

let env: TestEnv;
const cookies: string[] = [];
let caseCode = '';
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await seedDepartments(env.ctx);
  caseCode = (await createCase(env.ctx, systemActor(ROOT_SCOPE), { channel: 'phone', categoryId: 'sanitation.garbage', description: '垃圾', lat: 37.05, lng: 101.05, uploadIds: [] })).code;
  await makeUser(env.ctx, 'fz.op', 'operator', fixture.county);
  cookies.push(await login(env.app, 'fz.op'));
  await makeUser(env.ctx, 'fz.sys', 'sysadmin', fixture.province);
  const c = await login(env.app, 'fz.sys');
  const setup = await env.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: c } });
  await env.app.inject({ method: 'POST', url: '/api/auth/totp/enroll', headers: { cookie: c }, payload: { code: await totpAt(setup.json().secret, env.clock) } });
  cookies.push(c);
  cookies.push(''); // and anonymous
});
afterAll(() => env?.close());

const params: Record<string, string> = { code: caseCode, id: '00000000-0000-4000-8000-000000000000', staffId: '00000000-0000-4000-8000-000000000000', token: 'x', format: 'json' };
const junk = fc.oneof(fc.jsonValue(), fc.string(), fc.record({ categoryId: fc.string(), description: fc.oneof(fc.string(), fc.integer()), lat: fc.oneof(fc.double(), fc.string()), lng: fc.double(), uploadIds: fc.array(fc.string()) }));

describe('fuzzing', () => {
  it('answers malformed bodies on every write endpoint with a 4xx and an error code, never a 5xx', async () => {
    const routes = env.app.routeTable.filter((r) => ['POST', 'PUT', 'PATCH'].includes(String(r.method)) && !r.url.includes('uploads'));
    expect(routes.length).toBeGreaterThan(30);
    let sent = 0;
    for (const r of routes) {
      const url = r.url.replace(/:([A-Za-z]+)/g, (_, p: string) => (p === 'code' && !r.url.includes('services') ? caseCode : (params[p] ?? 'x')));
      for (const body of fc.sample(junk, { numRuns: 25, seed: 42 })) {
        for (const cookie of cookies) {
          const res = await env.app.inject({ method: r.method as 'POST', url, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, payload: JSON.stringify(body) });
          sent++;
          expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(body).slice(0, 200)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const b = res.json();
            expect(Array.isArray(b) ? b[0].code : b.error.code, `${r.url}`).toBeTruthy();
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(2000);
  }, 300_000);

  it('answers malformed query strings on every read endpoint with a 4xx, never a 5xx', async () => {
    const routes = env.app.routeTable.filter((r) => r.method === 'GET' && (r.url.startsWith('/api/') || r.url.startsWith('/open311')) && !r.url.includes('docs'));
    const q = fc.dictionary(fc.constantFrom('page', 'pageSize', 'region', 'from', 'to', 'lat', 'lng', 'box', 'status', 'q', 'format', 'start_date', 'page_size', 'service_request_id', 'county'), fc.string({ maxLength: 30 }));
    for (const r of routes) {
      const url = r.url.replace(/:([A-Za-z]+)/g, (_, p: string) => (p === 'code' && !r.url.includes('services') ? caseCode : (params[p] ?? 'x')));
      for (const query of fc.sample(q, { numRuns: 15, seed: 7 })) {
        const res = await env.app.inject({ url: `${url}?${new URLSearchParams(query)}`, headers: { cookie: cookies[0]! } });
        expect(res.statusCode, `${r.url} ${JSON.stringify(query)} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }
    }
  }, 300_000);
});
