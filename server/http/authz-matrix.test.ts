/**
 * The authorisation matrix, generated from the route table: every route × every kind of caller (no sign-in,
 * a session still enrolling its second factor, an integration token, and each person role, all placed in
 * village A) × an object inside (village A) and outside (village B) the caller's scope, each answer checked
 * against what the route's declared access (config.access) says it must be:
 *   no sign-in on a signed-in route → 401 AUTH_REQUIRED; a token on a session-only route → 401;
 *   an enrolling session outside enrolment → 403 TOTP_ENROLMENT_REQUIRED; a role without the permission →
 *   403 FORBIDDEN; an object outside the scope → exactly the answer for an id that names nothing (404);
 *   otherwise the caller gets through (2xx, or a 4xx about the request itself, never 401/403/404/5xx).
 * A new route is covered the day it is added; one that declares no access fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, totpAt, type TestEnv } from '../test/harness.ts';
import { buildRouteWorld, fillRoute, globalObjects, ownObjects, listProbes, missingPlace, outOfScopeMarkers, sampleBodies, sensitiveValues, type Side } from '../test/route-world.ts';
import { can, personRoles, totpRequiredRoles, type Role } from '../../core/roles.ts';
import { ownCasesOnly } from '../../core/cases/need-to-know.ts';
import { petitionBodyOnly } from '../../core/petitions/need-to-know.ts';
import { disputeOwnOnly } from '../../core/mediation/need-to-know.ts';
import { patrolOwnOnly } from '../../core/field/need-to-know.ts';
import { passes, type RouteAccess, type ScopedObject } from './route-config.ts';
import { createToken } from '../modules/tokens/tokens.service.ts';
import { systemActor } from '../lib/actor.ts';
import ExcelJS from 'exceljs';

/** Every cell of every sheet of an XLSX, as one text. */
async function xlsxText(bytes: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text)))));
  return out.join('\n');
}

type Caller = 'anonymous' | 'enrolling' | 'token' | Exclude<Role, 'integration'>;
type Expect = { status: number; code: string } | 'through' | 'as-missing';

/** Answers decided by a service rule finer than the route's permission, each with its reason. */
const finerRules: Record<string, { callers: Caller[]; code: string; why: string }> = {
  'POST /api/auth/totp/setup': { callers: [...totpRequiredRoles] as Caller[], code: 'FORBIDDEN', why: 'a second factor is enrolled once; only the security administrator resets it' },
  'POST /api/users/:id/password': { callers: ['secadmin'], code: 'FORBIDDEN', why: 'the target is a business account: only the system administrator resets its password (三权分立)' },
  'POST /api/petitions/:code/cases': { callers: ['leader', 'petitionOfficer'], code: 'FORBIDDEN', why: 'only the petition\'s 信访部门 or the body it is at makes a case of it; a reader of its place (a village\'s officer, a leader) plays neither part' },
  'POST /api/disputes/:code/parties/reveal': { callers: ['mediator'], code: 'FORBIDDEN', why: 'the parties are revealed only to the dispute\'s own mediators and committee; this mediator account mediates none of them' },
};
/** Routes served by plugins without our access declaration: the interactive API documentation. */
const undeclaredAllowed = (url: string) => url.startsWith('/api/docs');

let env: TestEnv;
const logLines: string[] = [];
let objects: Awaited<ReturnType<typeof buildRouteWorld>>;
const headersOf = new Map<Caller, Record<string, string>>();
const secrets = new Map<Role, string>();
const made = new Set<Role>();

/** Signs in a role's user of village A, enrolling the second factor the first time. */
async function signIn(role: Role): Promise<string> {
  const name = `a-${role}`;
  const secret = secrets.get(role);
  if (secret) {
    env.clock.advance(31_000); // a fresh TOTP step: each code is accepted once
    return login(env.app, name, PASSWORD, await totpAt(secret, env.clock));
  }
  if (!made.has(role)) await makeUser(env.ctx, name, role, fixture.villageA);
  made.add(role);
  const c = await login(env.app, name, PASSWORD);
  if (totpRequiredRoles.includes(role)) {
    const setup = (await env.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: c } })).json();
    secrets.set(role, setup.secret);
    await env.app.inject({ method: 'POST', url: '/api/auth/totp/enroll', headers: { cookie: c }, payload: { code: await totpAt(setup.secret, env.clock) } });
  }
  return c;
}

beforeAll(async () => {
  env = await createTestEnv({ logLines });
  await seedFixture(env.ctx);
  objects = await buildRouteWorld(env);
  headersOf.set('anonymous', {});
  await makeUser(env.ctx, 'enrolling', 'sysadmin', fixture.villageA);
  headersOf.set('enrolling', { cookie: await login(env.app, 'enrolling', PASSWORD) });
  headersOf.set('token', { authorization: `Bearer ${(await createToken(env.ctx, systemActor(fixture.province, 'test'), { name: 'caller', scopeCode: fixture.villageA })).token}` });
  for (const role of personRoles) headersOf.set(role, { cookie: await signIn(role) });
});
afterAll(() => env?.close());

/** What the declaration says `caller` must get on `side`. */
function expected(key: string, access: RouteAccess, caller: Caller, side: Side | '-', scoped: boolean, owned = false, kinds: ScopedObject[] = []): Expect {
  if (access.auth === 'public') return 'through';
  if (caller === 'anonymous') return { status: 401, code: 'AUTH_REQUIRED' };
  if (caller === 'token' && access.session) return { status: 401, code: 'AUTH_REQUIRED' };
  if (caller === 'enrolling' && access.auth !== 'enrol') return { status: 403, code: 'TOTP_ENROLMENT_REQUIRED' };
  const role: Role = caller === 'token' ? 'integration' : caller === 'enrolling' ? 'sysadmin' : caller;
  if (!passes(role, access.permission)) return { status: 403, code: 'FORBIDDEN' };
  // A record of another user (a notice) is missing to every caller, on either side.
  if (owned) return 'as-missing';
  // Need-to-know (core/cases/need-to-know.ts): a case someone else reported is missing to the roles that read only their own.
  if (kinds.includes('case') && ownCasesOnly[role]) return 'as-missing';
  // …and a petition not sent to their body is missing to the roles that read only those (core/petitions/need-to-know.ts).
  if (kinds.includes('petition') && petitionBodyOnly.includes(role)) return 'as-missing';
  // …and to a role that reads no petitions at all (a petition becoming a dispute, issue 15).
  if (kinds.includes('petition') && !can(role, 'petition:read')) return 'as-missing';
  // A dispute someone else registered is missing to the roles that read only their own (core/mediation/need-to-know.ts).
  if (kinds.includes('dispute') && disputeOwnOnly.includes(role)) return 'as-missing';
  // A patrol is its worker's own: to the other recording roles it is missing (core/field/need-to-know.ts).
  if (kinds.includes('patrol') && patrolOwnOnly.includes(role)) return 'as-missing';
  const finer = finerRules[key];
  // An object out of scope is missing before any finer rule about it is looked at.
  if (finer?.callers.includes(caller)) return side === 'B' && scoped ? 'as-missing' : { status: 403, code: finer.code };
  return side === 'B' && scoped ? 'as-missing' : 'through';
}

// Thousands of requests through the whole app: minutes on a loaded machine.
describe('authorisation matrix over the route table', { timeout: 300_000 }, () => {
  it('gives every caller the answer the route declares, inside and outside its scope', async () => {
    const wrong: string[] = [];
    const counts = { routes: 0, cells: 0, through: 0, refused: 0, hidden: 0, revealed: 0, spreadsheets: 0 };
    const routes = env.app.routeTable.filter((r) => (r.url.startsWith('/api/') || r.url.startsWith('/open311/')) && !undeclaredAllowed(r.url));
    for (const route of routes) {
      for (const method of ([] as string[]).concat(route.method as string | string[]).filter((m) => m !== 'HEAD')) {
        const key = `${method} ${route.url}`;
        const access = route.config?.access as RouteAccess | undefined;
        expect(access, `${key} must declare config.access`).toBeDefined();
        counts.routes++;
        const params = (route.url.match(/:([A-Za-z]+)/g) ?? []).filter((p) => p !== ':format');
        const kinds: ScopedObject[] = access!.objects ?? [];
        if (access!.auth !== 'public') expect(kinds.length, `${key} must declare config.access.objects for its parameters`).toBe(params.length);
        const scoped = kinds.length > 0 && !kinds.every((k) => globalObjects.includes(k));
        const hasBody = method !== 'GET' && method !== 'DELETE';
        if (hasBody && kinds.length) expect(sampleBodies[key], `${key} needs a sample body in server/test/route-world.ts`).toBeDefined();
        const sides: (Side | '-')[] = kinds.length ? ['A', 'B'] : ['-'];
        for (const [caller, headers] of headersOf) {
          for (const side of sides) {
            const send = (s: Side | '-') =>
              env.app.inject({ method: method as 'GET', url: s === '-' ? route.url.replace(':format', 'json').replace(/:[A-Za-z]+/g, 'unknown') : fillRoute(objects, route.url, kinds, s), headers, ...(hasBody ? { payload: sampleBodies[key] ?? {} } : {}) });
            const reveals = async () => (await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('person.reveal', 'petition.revealPetitioners', 'dispute.revealParties')`))[0]!.n;
            const revealsBefore = await reveals();
            const res = await send(side);
            const want = expected(key, access!, caller, side, scoped, kinds.some((k) => ownObjects.includes(k)), kinds);
            const body = res.body;
            const code = res.statusCode >= 400 ? (JSON.parse(body || '{}') as { error?: { code?: string } }).error?.code : undefined;
            const cell = `${key} as ${caller}${side === '-' ? '' : ` on ${side}`}: got ${res.statusCode} ${code ?? ''}`;
            counts.cells++;
            // Sensitive values appear only in a successful reveal by a role with the right, and that read is audited.
            // Spreadsheets (exports, templates, error reports) are zipped: their cells are read, not the bytes.
            const text = String(res.headers['content-type'] ?? '').includes('spreadsheetml') ? await xlsxText(res.rawPayload) : res.body;
            if (text !== res.body) counts.spreadsheets++;
            const leaked = sensitiveValues.filter((v) => text.includes(v));
            if (leaked.length) {
              if ((key === 'POST /api/people/:id/reveal' || key === 'POST /api/petitions/:code/petitioners/reveal' || key === 'POST /api/disputes/:code/parties/reveal') && res.statusCode === 200 && (await reveals()) === revealsBefore + 1) counts.revealed++;
              else wrong.push(`${cell}: the answer holds unmasked ${leaked.join(', ')}`);
            }
            // Every caller sits in village A: no signed-in answer may carry village B's records (lists of
            // duplicates, search results, map layers, exports included).
            const foreign = access!.auth === 'public' || side === 'B' ? [] : outOfScopeMarkers.filter((m) => text.includes(m));
            if (foreign.length) wrong.push(`${cell}: the answer holds village B's ${foreign.join(', ')}`);
            if (res.statusCode >= 500) wrong.push(`${cell}, a server error`);
            else if (want === 'through') {
              if ([401, 403, 404].includes(res.statusCode) && !(key.includes('/open311/') || key.startsWith('GET /api/public/cases/') || key.startsWith('POST /api/public/cases/'))) wrong.push(`${cell}, expected to get through`);
              else counts.through++;
            } else if (want === 'as-missing') {
              const missing = await send('missing');
              if (res.statusCode !== 404 || body !== missing.body) wrong.push(`${cell}, expected the same 404 as a missing id (${missing.statusCode})`);
              else counts.hidden++;
            } else if (res.statusCode !== want.status || code !== want.code) wrong.push(`${cell}, expected ${want.status} ${want.code}`);
            else counts.refused++;
            // Signing out ends the caller's session: sign in again for the next route.
            if (key === 'POST /api/auth/logout' && res.statusCode === 200) headersOf.set(caller, { cookie: caller === 'enrolling' ? await login(env.app, 'enrolling', PASSWORD) : await signIn(caller as Role) });
          }
        }
      }
    }
    for (const line of logLines) for (const v of sensitiveValues) if (line.includes(v)) wrong.push(`a log line holds ${v}: ${line.slice(0, 120)}`);
    expect(wrong).toEqual([]);
    expect(logLines.length).toBeGreaterThan(1000); // the log was really captured
    expect(counts.revealed).toBeGreaterThanOrEqual(2); // operator and grid worker, each audited
    // The matrix must exercise every kind of answer, or it proves little.
    expect(counts.routes).toBeGreaterThanOrEqual(60);
    expect(counts.spreadsheets).toBeGreaterThan(0); // the exports were opened and read
    expect(Math.min(counts.through, counts.refused, counts.hidden)).toBeGreaterThan(100);
    console.log(`authorisation matrix: ${counts.routes} routes, ${counts.cells} cells (${counts.through} through, ${counts.refused} refused, ${counts.hidden} hidden as missing, ${counts.revealed} audited reveals, ${counts.spreadsheets} spreadsheets read)`);
  });

  it('keeps every list, search and statistic inside the caller\'s scope', async () => {
    const wrong: string[] = [];
    const counts = { probes: 0, clean: 0, refused: 0 };
    const lists = env.app.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.includes(':') && ([] as string[]).concat(r.method as string).includes('GET') && !undeclaredAllowed(r.url) && (r.config?.access as RouteAccess | undefined)?.auth !== 'public');
    for (const route of lists) {
      const key = `GET ${route.url}`;
      const probes = listProbes[key];
      if (!probes) {
        wrong.push(`${key} is a list route without probes in server/test/route-world.ts listProbes`);
        continue;
      }
      const access = route.config!.access as RouteAccess;
      for (const { query, want } of probes) {
        for (const [caller, headers] of headersOf) {
          if (caller === 'anonymous' || caller === 'enrolling') continue;
          const role: Role = caller === 'token' ? 'integration' : caller;
          if ((caller === 'token' && access.session) || !passes(role, access.permission)) continue;
          const res = await env.app.inject({ method: 'GET', url: route.url + query, headers });
          counts.probes++;
          const text = String(res.headers['content-type'] ?? '').includes('spreadsheetml') ? await xlsxText(res.rawPayload) : res.body;
          const cell = `${key}${query} as ${caller}: got ${res.statusCode}`;
          const foreign = outOfScopeMarkers.filter((m) => text.includes(m));
          if (foreign.length) wrong.push(`${cell}, holding village B's ${foreign.join(', ')}`);
          else if (res.statusCode >= 500) wrong.push(`${cell}, a server error`);
          else if (want === 'refused') {
            const missing = await env.app.inject({ method: 'GET', url: route.url + missingPlace(query), headers });
            // The answers may echo the code that was sent; apart from it they must be the same.
            if (res.statusCode < 400 || res.statusCode !== missing.statusCode || missingPlace(res.body) !== missing.body) wrong.push(`${cell}, expected the answer for a place that does not exist (${missing.statusCode} ${missing.body.slice(0, 100)})`);
            else counts.refused++;
          }
          else if (res.statusCode >= 400 && res.statusCode !== 403) wrong.push(`${cell}, expected an answer (${res.body.slice(0, 100)})`);
          else counts.clean++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(counts.clean).toBeGreaterThan(50);
    expect(counts.refused).toBeGreaterThan(50);
    console.log(`list probes: ${counts.probes} answers (${counts.clean} clean, ${counts.refused} refused as missing)`);
  });
});
