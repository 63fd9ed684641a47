/**
 * Open311 GeoReport v2: every endpoint's JSON against the community schemas (fixtures/, see SOURCE.md),
 * its XML by parsing, errors as [{code, description}], and no private category or personal data leaking.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { systemActor } from '../../lib/actor.ts';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'georeport-v2');
const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
for (const f of ['service.json', 'request.json', 'service-definition.json']) ajv.addSchema(JSON.parse(readFileSync(join(dir, f), 'utf8')), f);
const validate = (schema: string) => ajv.compile(JSON.parse(readFileSync(join(dir, schema), 'utf8')));
const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'request_update', 'endpoint', 'format'].includes(name) });

let env: TestEnv;
let apiKey = '';
let publicCode = '', privateCode = '';
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'v.op', 'operator', fixture.villageA);
  apiKey = (await createToken(env.ctx, systemActor(fixture.county), { name: '12345热线', scopeCode: fixture.county })).token;
  const op = await login(env.app, 'v.op');
  publicCode = (await call(env.app, 'POST', '/api/cases', op, { channel: 'phone', categoryId: 'municipal.streetlight', description: '路灯不亮', lat: 37.0512, lng: 101.0534, reporterName: '李四', reporterPhone: '13800138000' })).body.code as string;
  privateCode = (await call(env.app, 'POST', '/api/cases', op, { channel: 'visit', categoryId: 'dispute.family', description: '夫妻吵架要离婚', lat: 37.05, lng: 101.05, reporterName: '张三' })).body.code as string;
});
afterAll(() => env?.close());

const get = (url: string) => env.app.inject({ url });

describe('Open311 GeoReport v2', () => {
  it('serves discovery in JSON and XML', async () => {
    const j = (await get('/open311/v2/discovery.json')).json();
    expect(j.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', formats: ['application/json', 'text/xml'] });
    const x = xml.parse((await get('/open311/v2/discovery.xml')).body);
    expect(x.discovery.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
  });

  it('lists public categories as services, valid against services.json, never private ones', async () => {
    const res = await get('/open311/v2/services.json');
    const list = res.json();
    expect(validate('services.json')(list), JSON.stringify(validate('services.json').errors)).toBe(true);
    for (const s of list) expect(validate('service.json')(s)).toBe(true);
    // GeoReport's keywords are a comma-separated string: a service without any leaves the field out, never null.
    for (const s of list) expect(s.keywords === undefined || (typeof s.keywords === 'string' && s.keywords.length > 0), JSON.stringify(s)).toBe(true);
    expect(list.some((s: { keywords?: string }) => s.keywords === undefined)).toBe(true);
    const codes = list.map((s: { service_code: string }) => s.service_code);
    expect(codes).toContain('municipal.streetlight');
    expect(codes).not.toContain('dispute.family');
    expect(codes).not.toContain('publicOrder.fraud');
    const x = xml.parse((await get('/open311/v2/services.xml')).body);
    expect(x.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(codes);
  });

  it('serves service definitions, and 404 with [{code, description}] for private or unknown ones', async () => {
    const d = (await get('/open311/v2/services/municipal.streetlight.json')).json();
    expect(validate('service-definition.json')(d)).toBe(true);
    const missing = await get('/open311/v2/services/dispute.family.json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    const xmlErr = xml.parse((await get('/open311/v2/services/nothing.xml')).body);
    expect(xmlErr.errors.error[0].code).toBe(404);
  });

  it('creates a request with an integration token as api_key, honouring Idempotency-Key', async () => {
    const form = `api_key=${encodeURIComponent(apiKey)}&service_code=municipal.streetlight&lat=37.06&long=101.06&description=${encodeURIComponent('又一处路灯不亮')}&first_name=${encodeURIComponent('五')}&last_name=${encodeURIComponent('王')}&phone=13900001111`;
    const post = (key: string) => env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': key }, payload: form });
    const res = await post('open311-key-000001');
    expect(res.statusCode).toBe(201);
    const [created] = res.json();
    expect(created.service_request_id).toMatch(/^632221-/);
    expect((await post('open311-key-000001')).json()[0].service_request_id).toBe(created.service_request_id);
    const one = (await get(`/open311/v2/requests/${created.service_request_id}.json`)).json();
    expect(validate('requests.json')(one), JSON.stringify(validate('requests.json').errors)).toBe(true);
    expect(one[0]).toMatchObject({ status: 'open', service_code: 'municipal.streetlight', lat: 37.06, long: 101.06 });
  });

  it('refuses a missing or wrong api_key with 403 and bad input with 400', async () => {
    const noKey = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { service_code: 'municipal.streetlight', lat: 37.06, long: 101.06, description: 'x' } });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json()[0].code).toBe(403);
    const wrong = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { api_key: 'anw_wrong', service_code: 'municipal.streetlight', lat: 37.06, long: 101.06, description: 'x' } });
    expect(wrong.statusCode).toBe(403);
    const privateCat = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { api_key: apiKey, service_code: 'dispute.family', lat: 37.06, long: 101.06, description: 'x' } });
    expect(privateCat.statusCode).toBe(400);
    const noPlace = await env.app.inject({ method: 'POST', url: '/open311/v2/requests.xml', payload: { api_key: apiKey, service_code: 'municipal.streetlight', description: 'x' } });
    expect(noPlace.statusCode).toBe(400);
    expect(xml.parse(noPlace.body).errors.error[0].code).toBe(400);
  });

  it('lists requests with filters and paging, valid against requests.json, without private cases or personal data', async () => {
    const res = await get('/open311/v2/requests.json?status=open&page_size=50&page=1');
    const list = res.json();
    expect(validate('requests.json')(list), JSON.stringify(validate('requests.json').errors)).toBe(true);
    const ids = list.map((r: { service_request_id: string }) => r.service_request_id);
    expect(ids).toContain(publicCode);
    expect(ids).not.toContain(privateCode);
    expect((await get(`/open311/v2/requests/${privateCode}.json`)).statusCode).toBe(404);
    const text = res.body;
    for (const secret of ['李四', '13800138000', '张三', '离婚', '37.0512', '101.0534']) expect(text).not.toContain(secret);
    expect(list.find((r: { service_request_id: string }) => r.service_request_id === publicCode)).toMatchObject({ lat: 37.051, long: 101.053 });
    expect((await get('/open311/v2/requests.json?service_code=market.food')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?page_size=1')).json()).toHaveLength(1);
    expect((await get('/open311/v2/requests.json?status=closed')).json()).toEqual([]);
    expect((await get('/open311/v2/requests.json?start_date=yesterday')).statusCode).toBe(400);
    const x = xml.parse((await get('/open311/v2/requests.xml')).body);
    expect(x.service_requests.request.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(ids);
  });

  it('has no pending tokens, and serves mySociety servicerequestupdates', async () => {
    expect((await get('/open311/v2/tokens/abc.json')).statusCode).toBe(404);
    const u = (await get('/open311/v2/servicerequestupdates.json')).json();
    expect(u.length).toBeGreaterThan(0);
    expect(u.every((x: { service_request_id: string }) => x.service_request_id !== privateCode)).toBe(true);
    expect(u[0]).toMatchObject({ status: 'OPEN', update_id: expect.any(String), updated_datetime: expect.any(String) });
    const x = xml.parse((await get('/open311/v2/servicerequestupdates.xml')).body);
    expect(x.service_request_updates.request_update.length).toBe(u.length);
  });
});

describe('only residents’ words are published', () => {
  it('publishes no text staff typed in: neither a description taken by phone nor a note naming a person', async () => {
    const op = await login(env.app, 'v.op');
    const staffCode = (await call(env.app, 'POST', '/api/cases', op, { channel: 'phone', categoryId: 'municipal.streetlight', description: '王五来电说路灯坏了，电话13700137000', lat: 37.052, lng: 101.052 })).body.code as string;
    expect((await call(env.app, 'POST', `/api/cases/${staffCode}/actions/redirect`, op, { unit: '县供电公司 张工13600136000', reason: '王五家门口' })).body.status).toBe('redirected');
    const resident = (await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'municipal.streetlight', description: '广场路灯一直不亮', lat: 37.053, lng: 101.053 })).body.code as string;
    const res = await get(`/open311/v2/requests.json?service_request_id=${staffCode},${resident}`);
    const list = res.json() as { service_request_id: string; description: string | null; status_notes: string | null }[];
    expect(validate('requests.json')(list), JSON.stringify(validate('requests.json').errors)).toBe(true);
    for (const secret of ['王五', '13700137000', '张工', '13600136000', '供电公司']) expect(res.body).not.toContain(secret);
    expect(list.find((r) => r.service_request_id === staffCode)).toMatchObject({ description: null, status_notes: '已转其他单位办理' });
    expect(list.find((r) => r.service_request_id === resident)).toMatchObject({ description: '广场路灯一直不亮' });
    expect((await get(`/open311/v2/requests/${staffCode}.xml`)).body).not.toContain('13600136000');
  });
});

describe('private categories elsewhere', () => {
  it('never show on the tracking page or in exports', async () => {
    const t = (await call(env.app, 'GET', `/api/public/cases/${privateCode}`)).body;
    expect(t).toMatchObject({ category: null, place: null, meTooCount: null, canMeToo: false });
    expect(JSON.stringify(t)).not.toMatch(/离婚|家庭|dispute/);
    await makeUser(env.ctx, 'c.op', 'operator', fixture.county);
    const csv = (await env.app.inject({ url: '/api/cases/export?format=csv', headers: { cookie: await login(env.app, 'c.op') } })).body;
    expect(csv).toContain(privateCode);
    expect(csv).toContain('非公开事项');
    expect(csv).not.toMatch(/离婚|婚姻家庭/);
    expect(csv).not.toContain('13800138000');
    // The resident page offers private categories (marked so); Open311 never does.
    const cats = (await call(env.app, 'GET', '/api/public/categories')).body as unknown as { id: string; isPublic: boolean }[];
    expect(cats.find((c) => c.id === 'dispute.family')?.isPublic).toBe(false);
  });
});
