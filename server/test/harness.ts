/**
 * Test harness: a real database per test file (in-memory PGlite, or a fresh database on the PostgreSQL
 * server named by DATABASE_URL), a fake clock, the real app through inject(), and named builders.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { inject } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from './scratch-db.ts';
import { recordingSms } from '../modules/outbox/sms.ts';
import { createDepartment } from '../modules/catalog/catalog.service.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate as totpGenerate } from 'otplib';
import { loadConfig, type Config } from '../config.ts';
import { createContext } from '../context.ts';
import { buildApp } from '../app.ts';
import { FakeClock } from '../lib/clock.ts';
import type { AppContext } from '../lib/context.ts';
import { systemActor } from '../lib/actor.ts';
import { importRegions } from '../modules/regions/regions.service.ts';
import { importGrids } from '../modules/grids/grids.service.ts';
import { createUser } from '../modules/users/users.service.ts';
import type { Role } from '../../core/roles.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';

export interface TestEnv {
  ctx: AppContext;
  app: FastifyInstance;
  clock: FakeClock;
  /** SMS messages the outbox delivered (an outside service, recorded). */
  sms: ReturnType<typeof recordingSms>;
  close(): Promise<void>;
}

/** Opens a fresh database and app. Call `close()` in afterAll. */
export async function createTestEnv(opts: { dataDir?: string; databaseUrl?: string; clock?: FakeClock; logLines?: string[]; config?: Partial<Config> } = {}): Promise<TestEnv> {
  const clock = opts.clock ?? new FakeClock();
  // ANWANG_TEST_APP_ROLE=1: the app connects as its own role (SELECT/INSERT only on audit_log), as in production.
  // Each database starts as a copy of the run's migrated template (server/test/global-setup.ts).
  const scratch = !opts.databaseUrl && !opts.dataDir && process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'anwang_test', { appRole: process.env.ANWANG_TEST_APP_ROLE === '1', template: inject('templateDatabase') || undefined }) : undefined;
  const databaseUrl = opts.databaseUrl ?? scratch?.url;
  // Tests send thousands of requests from one address: limits are raised here and tested on their own.
  // An in-memory database still gets a data directory of its own (import uploads live there), never the repo's ./data.
  const scratchDir = opts.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'anwang-test-data-'));
  const config = { ...loadConfig({ ANWANG_RATE_LOGIN: '100000/60', ANWANG_RATE_LOGIN_ACCOUNT: '100000/60', ANWANG_RATE_PUBLIC: '100000/60', ANWANG_RATE_REPORTER: '100000/60', ANWANG_RATE_TOKEN: '100000/60', ANWANG_RATE_PASSWORD: '100000/60', ANWANG_RATE_REVEAL: '100000/60' }), databaseUrl, secretKeyHex: '0123456789abcdeffedcba9876543210', dataDir: opts.dataDir ?? scratchDir!, migrateUrl: scratch?.ownerUrl, ...opts.config };
  const sms = recordingSms();
  const ctx = await createContext(config, { clock, inMemory: !opts.dataDir, sms, pgliteTemplate: pgliteTemplate() });
  const app = await buildApp(ctx, opts.logLines ? { logLevel: 'info', logStream: { write: (l: string) => void opts.logLines!.push(l) } } : { logLevel: 'silent' });
  return {
    ctx,
    app,
    clock,
    sms,
    close: async () => {
      await app.close();
      await ctx.database.close();
      await scratch?.drop();
      if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}

let template: Blob | undefined;
/** The run's migrated PGlite data directory (none on a server), read once per worker. */
function pgliteTemplate(): Blob | undefined {
  const file = inject('pgliteTemplateFile');
  if (!file) return undefined;
  template ??= new Blob([readFileSync(file)]);
  return template;
}

/** A small world: one county, two townships, villages A and B (two grids each) and village C (one). */
export const fixture = {
  province: '630000000000',
  prefecture: '632200000000',
  county: '632221000000',
  townshipA: '632221100000',
  townshipB: '632221200000',
  villageA: '632221100201',
  villageB: '632221100202',
  villageC: '632221200201',
  gridA1: '632221100201001',
  gridA2: '632221100201002',
  gridB1: '632221100202001',
  gridB2: '632221100202002',
  gridC1: '632221200201001',
};

export const regionsCsv = `code,name,parent_code
630000000000,青海省,
632200000000,海北藏族自治州,630000000000
632221000000,门源回族自治县,632200000000
632221100000,浩门镇,632221000000
632221200000,北山乡,632221000000
632221100201,团结村,632221100000
632221100202,头塘村,632221100000
632221200201,北山村,632221200000
`;

const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const feature = (code: string, name: string, geometry: object) => ({ type: 'Feature', properties: { code, name }, geometry });

/** Village A spans lng 101.0–101.2 (two grids split at 101.1), village B 101.2–101.4, village C 101.4–101.5; lat 37.0–37.1. */
export const gridsGeoJson = {
  type: 'FeatureCollection',
  features: [
    feature(fixture.gridA1, '团结村第一网格', rect(101.0, 37.0, 101.1, 37.1)),
    feature(fixture.gridA2, '团结村第二网格', rect(101.1, 37.0, 101.2, 37.1)),
    feature(fixture.gridB1, '头塘村第一网格', rect(101.2, 37.0, 101.3, 37.1)),
    feature(fixture.gridB2, '头塘村第二网格', rect(101.3, 37.0, 101.4, 37.1)),
    feature(fixture.gridC1, '北山村第一网格', rect(101.4, 37.0, 101.5, 37.1)),
  ],
};

/** Loads the fixture regions and grids. */
export async function seedFixture(ctx: AppContext): Promise<void> {
  const root = systemActor(ROOT_SCOPE, 'test');
  await importRegions(ctx, root, regionsCsv);
  await importGrids(ctx, root, JSON.stringify(gridsGeoJson));
}

export const PASSWORD = 'Test@2026pass';

/** Creates an account and returns its id. */
export async function makeUser(ctx: AppContext, username: string, role: Role, scopeCode: string, departmentId?: string): Promise<string> {
  const u = await createUser(ctx, systemActor(ROOT_SCOPE, 'test'), { username, displayName: username, password: PASSWORD, role, scopeCode, departmentId });
  return u.id;
}

/** The usual cast of the registry's tests: grid workers of villages A and B, a county handler, a mediator of A. */
const cast = { 'gw.a': ['gridWorker', 'villageA'], 'gw.b': ['gridWorker', 'villageB'], handler: ['handler', 'county'], mediator: ['mediator', 'villageA'] } as const;

/** Creates these members of the cast and signs each in; returns username → cookie. */
export async function signInCast(env: TestEnv, names: (keyof typeof cast)[]): Promise<Record<string, string>> {
  const cookies: Record<string, string> = {};
  for (const name of names) {
    const [role, scope] = cast[name];
    await makeUser(env.ctx, name, role, fixture[scope]);
    cookies[name] = await login(env.app, name);
  }
  return cookies;
}

/** Signs in through HTTP and returns the cookie header value. @throws Error with the response on failure */
export async function login(app: FastifyInstance, username: string, password = PASSWORD, totp?: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, totp } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return cookieOf(res);
}

/** The session cookie a response set, as a Cookie header. */
export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'anwang_session');
  if (!c) throw new Error('no session cookie');
  return `anwang_session=${c.value}`;
}

/** The TOTP code for a secret at the fake clock's time. */
export function totpAt(secret: string, clock: FakeClock): Promise<string> {
  return totpGenerate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
}

/** Departments of the fixture county: housing owns municipal facilities, market regulation owns markets. */
export async function seedDepartments(ctx: AppContext): Promise<{ housing: string; market: string }> {
  const root = systemActor(ROOT_SCOPE, 'test');
  const housing = await createDepartment(ctx, root, { countyCode: '632221', name: '县住房和城乡建设局', categoryIds: ['municipal.road', 'municipal.water', 'municipal.manhole', 'municipal.streetlight'] });
  const market = await createDepartment(ctx, root, { countyCode: '632221', name: '县市场监督管理局', categoryIds: ['market.food', 'market.price'] });
  return { housing: housing.id, market: market.id };
}

/** Sends a JSON request with a session cookie (or none) and returns status and body. */
export async function call(app: FastifyInstance, method: string, url: string, cookie?: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: method as 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  let body: unknown = res.body;
  try {
    body = res.json();
  } catch {
    /* not JSON */
  }
  // Tests read whatever JSON the API answers; a loose type keeps them short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.statusCode, body: body as Record<string, any>, headers: res.headers };
}

/** Uploads bytes as a multipart file (from `remoteAddress`, default 127.0.0.1). */
export async function upload(app: FastifyInstance, url: string, bytes: Uint8Array, cookie?: string, filename = 'photo.png', remoteAddress?: string) {
  const boundary = '----anwang' + Math.random().toString(16).slice(2);
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const res = await app.inject({ method: 'POST', url, ...(remoteAddress ? { remoteAddress } : {}), headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(cookie ? { cookie } : {}) }, payload: Buffer.concat([head, Buffer.from(bytes), tail]) });
  return { status: res.statusCode, body: res.json() };
}

/** The error a full disk gives a write (for file stores made to fail). */
export const diskFull = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
