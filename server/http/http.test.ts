/** Cross-cutting HTTP behaviour: health, OpenAPI, error shape, unknown routes, and logs without personal data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, type TestEnv } from '../test/harness.ts';
import type { FastifyInstance } from 'fastify';

let env: TestEnv;
let logged: FastifyInstance;
const lines: string[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'log.user', 'operator', fixture.county);
  logged = await buildApp(env.ctx, { logLevel: 'info', logStream: { write: (l) => lines.push(l) } });
});
afterAll(async () => {
  await logged?.close();
  await env?.close();
});

describe('HTTP surface', () => {
  it('answers /healthz with the database kind', async () => {
    const res = await env.app.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: env.ctx.database.kind, grids: 5 });
  });
  it('publishes OpenAPI generated from the zod schemas, and browsable docs', async () => {
    const doc = (await env.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    const locate = doc.paths['/api/locate'].get;
    expect(locate.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['lat', 'lng']);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(doc.paths['/api/users/{id}'].patch).toBeDefined();
    const ui = await env.app.inject({ url: '/api/docs/' });
    expect([200, 302]).toContain(ui.statusCode);
  });
  it('answers unknown API paths and malformed bodies with the stable error shape', async () => {
    const res = await env.app.inject({ url: '/api/nothing-here', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
    const bad = await env.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    const missing = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'x' } });
    expect(missing.json().error.details[0].path).toBe('body.password');
  });
});

describe('logs', () => {
  it('carry no usernames, passwords, coordinates or cookies', async () => {
    const cookie = await login(logged, 'log.user');
    await logged.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'log.user', password: 'Wrong#Secret9' } });
    await logged.inject({ url: '/api/locate?lat=37.0512&lng=101.0534', headers: { cookie } });
    await logged.inject({ url: `/api/grids?q=${encodeURIComponent('团结村')}`, headers: { cookie } });
    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(4); // requests were logged…
    expect(text).toContain('/api/locate'); // …by route pattern
    for (const secret of ['log.user', PASSWORD, 'Wrong#Secret9', '37.0512', '101.0534', '团结村', cookie.split('=')[1]!]) expect(text).not.toContain(secret);
  });
});
