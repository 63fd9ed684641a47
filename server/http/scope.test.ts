/**
 * The scope rule, tested over the whole route table: a user scoped to village A gets exactly the
 * "missing record" answer for every object of village B, through every route that takes an id.
 * A new route with a path parameter must declare what it names (config.access.objects) and, if it
 * takes a body, get a sample body below, or this test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestEnv, fixture, login, makeUser, PASSWORD, seedFixture, totpAt, type TestEnv } from '../test/harness.ts';
import { personRoles, totpRequiredRoles, type Role } from '../../core/roles.ts';
import type { ScopedObject } from './route-config.ts';
import { systemActor } from '../lib/actor.ts';
import { addStaff } from '../modules/grids/grids.service.ts';
import { createToken } from '../modules/tokens/tokens.service.ts';
import { insertGroups } from '../modules/grids/grids.repository.ts';
import { createCase } from '../modules/cases/case-intake.service.ts';
import { storeUpload } from '../modules/cases/attachments.service.ts';
import { tinyPng } from '../test/media-fixtures.ts';

let env: TestEnv;
const cookies = new Map<Role, string>();
/** Reference data shared by every region (not scoped): routes naming only these are checked for permission, not place. */
const globalObjects: ScopedObject[] = ['category', 'department'];
const objects: Record<'A' | 'B' | 'missing', Record<ScopedObject, string>> = {
  A: { region: fixture.villageA, grid: fixture.gridA1, householdGroup: '', gridStaff: '', user: '', token: '', case: '', attachment: '', category: 'municipal.road', department: '' },
  B: { region: fixture.villageB, grid: fixture.gridB1, householdGroup: '', gridStaff: '', user: '', token: '', case: '', attachment: '', category: 'municipal.road', department: '' },
  missing: { region: '632221100299', grid: '632221100201099', householdGroup: randomUUID(), gridStaff: randomUUID(), user: randomUUID(), token: randomUUID(), case: '632221-00000000', attachment: randomUUID(), category: 'no.such', department: randomUUID() },
};

/** A valid body for each workflow action. */
const actionSamples: Record<string, object> = {
  accept: {}, reject: { reason: '无效' }, redirect: { unit: '县供电公司' }, merge: { duplicateOf: '632221-00000001' }, dispatch: { userId: randomUUID() },
  return: { reason: '非本部门' }, transfer: { regionCode: fixture.villageC, reason: '转办' }, escalate: {}, assist: { departmentId: randomUUID() }, start: {},
  reportBack: { text: '已处理' }, verify: { result: 'pass' }, followUp: { satisfaction: 'satisfied' }, close: {}, closeUnresolved: { reason: '无法解决' },
  extendRequest: { minutes: 1440, reason: '需要时间' }, extendDecide: { approve: true }, urge: {}, pause: { reason: '等待群众' }, resume: {},
};

/** A valid body for each route that takes one, so validation never hides the scope check. */
const sampleBodies: Record<string, object> = {
  'POST /api/cases/:code/reporter': { reason: '回访核实' },
  ...Object.fromEntries(Object.entries(actionSamples).map(([a, b]) => [`POST /api/cases/:code/actions/${a}`, b])),
  'PUT /api/grids/:code/duties': { duties: ['safety'] },
  'POST /api/grids/:code/staff': { role: 'gridWorker', name: '测试' },
  'PATCH /api/users/:id': { displayName: '改名' },
  'POST /api/users/:id/unlock': {},
  'POST /api/users/:id/reset-totp': {},
};

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  const root = systemActor(fixture.province, 'test');
  for (const side of ['A', 'B'] as const) {
    const village = side === 'A' ? fixture.villageA : fixture.villageB;
    const grid = objects[side].grid;
    const groupId = randomUUID();
    await insertGroups(env.ctx.db, [{ id: groupId, gridCode: grid, countyCode: grid.slice(0, 6), name: `${side}联户组`, kind: 'household', leaderName: null, memberCount: 10, createdAt: env.clock.now() }]);
    objects[side].householdGroup = groupId;
    objects[side].gridStaff = (await addStaff(env.ctx, root, grid, { role: 'gridWorker', name: `${side}网格员` })).id;
    objects[side].user = await makeUser(env.ctx, `target-${side.toLowerCase()}`, 'gridWorker', village);
    objects[side].token = (await createToken(env.ctx, root, { name: side, scopeCode: village })).id;
    const upload = await storeUpload(env.ctx, tinyPng());
    const lng = side === 'A' ? 101.05 : 101.25;
    objects[side].case = (await createCase(env.ctx, root, { channel: 'patrol', categoryId: 'municipal.road', description: `${side}村道路破损`, lat: 37.05, lng, uploadIds: [upload.id] })).code;
    objects[side].attachment = upload.id;
  }
  for (const role of personRoles) {
    await makeUser(env.ctx, `a-${role}`, role, fixture.villageA);
    const c = await login(env.app, `a-${role}`, PASSWORD);
    if (totpRequiredRoles.includes(role)) {
      const setup = await env.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: c } });
      await env.app.inject({ method: 'POST', url: '/api/auth/totp/enroll', headers: { cookie: c }, payload: { code: await totpAt(setup.json().secret, env.clock) } });
    }
    cookies.set(role, c);
  }
});
afterAll(() => env?.close());

function fill(url: string, kinds: ScopedObject[], side: 'A' | 'B' | 'missing'): string {
  let i = 0;
  return url.replace(/:[A-Za-z]+/g, () => objects[side][kinds[i++]!]);
}

describe('region scope over the whole route table', () => {
  it('has routes with ids to check', () => {
    expect(env.app.routeTable.filter((r) => r.url.includes(':')).length).toBeGreaterThanOrEqual(30);
  });

  it('answers every object of village B exactly like a missing one, for every role of village A', async () => {
    // Public routes take a case code as the resident's capability; they are tested for what they reveal elsewhere.
    const withIds = env.app.routeTable.filter((r) => r.url.includes(':') && r.url.startsWith('/api/') && r.config?.access?.auth !== 'public');
    for (const route of withIds) {
      const methods = ([] as string[]).concat(route.method as string | string[]).filter((m) => m !== 'HEAD');
      for (const method of methods) {
        const key = `${method} ${route.url}`;
        const kinds = route.config?.access?.objects;
        const paramCount = (route.url.match(/:[A-Za-z]+/g) ?? []).length;
        expect(kinds?.length, `${key} must declare config.access.objects for its ${paramCount} parameter(s)`).toBe(paramCount);
        if (kinds!.every((k) => globalObjects.includes(k))) continue; // reference data: not placed in a region
        const hasBody = method !== 'GET' && method !== 'DELETE';
        if (hasBody) expect(sampleBodies[key], `${key} needs a sample body in this test`).toBeDefined();
        let reachedA = 0;
        for (const [role, cookie] of cookies) {
          const call = (side: 'A' | 'B' | 'missing') =>
            env.app.inject({ method: method as 'GET', url: fill(route.url, kinds!, side), headers: { cookie }, ...(hasBody ? { payload: sampleBodies[key] } : {}) });
          const b = await call('B');
          const missing = await call('missing');
          expect([b.statusCode, b.body], `${key} as ${role}: village B vs missing`).toEqual([missing.statusCode, missing.body]);
          expect([403, 404], `${key} as ${role}`).toContain(b.statusCode);
          const a = await call('A');
          if (a.statusCode !== 404 && a.statusCode !== 403) reachedA++;
          if (b.statusCode === 404) expect(a.statusCode, `${key} as ${role}: village A`).not.toBe(404);
        }
        expect(reachedA, `${key}: no role of village A could reach its own object, so the check proved nothing`).toBeGreaterThan(0);
      }
    }
  });
});
