/**
 * Limits per IP and per account for sign-in, per IP and per phone for resident submissions, per token for
 * integrations and per user for staff sessions; all configuration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { createTestEnv, fixture, seedFixture, type TestEnv } from '../test/harness.ts';
import { loadConfig } from '../config.ts';
import { createToken } from '../modules/tokens/tokens.service.ts';
import { systemActor } from '../lib/actor.ts';

let env: TestEnv;
let app: FastifyInstance;
let tokenA = '', tokenB = '';
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  tokenA = (await createToken(env.ctx, systemActor(fixture.county), { name: 'A', scopeCode: fixture.county })).token;
  tokenB = (await createToken(env.ctx, systemActor(fixture.county), { name: 'B', scopeCode: fixture.county })).token;
  const rateLimits = loadConfig({ ANWANG_RATE_LOGIN: '3/60', ANWANG_RATE_LOGIN_ACCOUNT: '4/60', ANWANG_RATE_PUBLIC: '2/60', ANWANG_RATE_REPORTER: '3/3600', ANWANG_RATE_TOKEN: '4/60' }).rateLimits;
  app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, rateLimits } }, { logLevel: 'silent' });
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

// Each test speaks from its own socket address (X-Forwarded-For is not believed without a configured proxy).
const from = (ip: string) => ({ remoteAddress: ip });

describe('rate limits', () => {
  it('limit sign-in attempts per IP with the stable error code, and other addresses are not affected', async () => {
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push((await app.inject({ method: 'POST', url: '/api/auth/login', ...from('10.0.0.1'), payload: { username: `nobody${i}`, password: 'x' } })).statusCode);
    expect(tries).toEqual([401, 401, 401, 429]);
    const limited = await app.inject({ method: 'POST', url: '/api/auth/login', ...from('10.0.0.1'), headers: { 'accept-language': 'en' }, payload: { username: 'nobody', password: 'x' } });
    expect(limited.json().error).toEqual({ code: 'RATE_LIMITED', message: 'Too many requests: try again later' });
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', ...from('10.0.0.2'), payload: { username: 'nobody', password: 'x' } })).statusCode).toBe(401);
  });
  it('limit sign-in per account across many addresses, without touching other accounts', async () => {
    const attempt = (ip: string, username: string) => app.inject({ method: 'POST', url: '/api/auth/login', ...from(ip), payload: { username, password: 'guess' } });
    const tries = [];
    // One guess from each of five addresses: no address reaches its own limit of 3.
    for (let i = 0; i < 5; i++) tries.push((await attempt(`10.1.0.${i}`, i % 2 ? 'Target.User' : 'target.user ')).statusCode);
    expect(tries).toEqual([401, 401, 401, 401, 429]); // changing case or adding spaces is no fresh budget
    expect((await attempt('10.1.0.9', 'someone.else')).statusCode).toBe(401);
  });
  it('limit submissions per reporter phone across addresses, however the number is written', async () => {
    const body = (phone: string) => ({ categoryId: 'sanitation.garbage', description: '垃圾', lat: 37.05, lng: 101.05, phone });
    const codes = [];
    for (const [i, phone] of ['13800138000', '+86 138 0013 8000', '138-0013-8000', '13800138000'].entries()) codes.push((await app.inject({ method: 'POST', url: '/api/public/cases', ...from(`10.2.0.${i}`), payload: body(phone) })).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    expect((await app.inject({ method: 'POST', url: '/api/public/cases', ...from('10.2.0.9'), payload: body('13900139000') })).statusCode).toBe(201);
  });
  it('limit anonymous submissions per IP', async () => {
    const body = { categoryId: 'sanitation.garbage', description: '垃圾', lat: 37.05, lng: 101.05 };
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'POST', url: '/api/public/cases', ...from('10.0.1.1'), payload: body })).statusCode);
    expect(codes).toEqual([201, 201, 429]);
    // Reading stays open: tracking is not limited with submissions.
    expect((await app.inject({ url: '/api/public/categories', ...from('10.0.1.1') })).statusCode).toBe(200);
  });
  it('give each integration token its own, larger budget', async () => {
    const post = (token: string) => app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...from('10.0.2.1'), payload: { api_key: token, service_code: 'sanitation.garbage', lat: 37.05, long: 101.05, description: '垃圾' } });
    const a = [];
    for (let i = 0; i < 5; i++) a.push((await post(tokenA)).statusCode);
    expect(a).toEqual([201, 201, 201, 201, 429]);
    expect((await post(tokenB)).statusCode).toBe(201); // the same address, another token
  });
});
