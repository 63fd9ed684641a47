/**
 * The registry for a township: households listed with their real member counts, lists filtered by township,
 * village or grid inside the reader's scope (never outside it), grid names and the household beside each person,
 * and a reveal refused without a reason the user typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, makeUser, login, seedFixture, signInCast, type TestEnv } from '../../test/harness.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';

let env: TestEnv;
const c: Record<string, string> = {};
const id18 = (first17: string) => first17 + checkCharacter(first17);
let household = '';
let head = '';

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  Object.assign(c, await signInCast(env, ['gw.a', 'gw.b']));
  await makeUser(env.ctx, 'town.op', 'operator', fixture.townshipA);
  c['town.op'] = await login(env.app, 'town.op');
  const add = async (cookie: string, gridCode: string, name: string, first17: string) =>
    (await call(env.app, 'POST', '/api/people', cookie, { gridCode, personType: '01', name, idNumber: id18(first17) })).body.id as string;
  household = (await call(env.app, 'POST', '/api/households', c['gw.a'], { gridCode: fixture.gridA1, number: 'H-001', address: '团结村1号' })).body.id;
  head = await add(c['gw.a']!, fixture.gridA1, '才让东智', '63222119700101301');
  const wife = await add(c['gw.a']!, fixture.gridA1, '拉毛措', '63222119720202302');
  const son = await add(c['gw.a']!, fixture.gridA1, '多杰', '63222119950303303');
  await call(env.app, 'POST', `/api/households/${household}/members`, c['gw.a'], { personId: head, relation: '02', head: true });
  await call(env.app, 'POST', `/api/households/${household}/members`, c['gw.a'], { personId: wife, relation: '12' });
  await call(env.app, 'POST', `/api/households/${household}/members`, c['gw.a'], { personId: son, relation: '20' });
  await call(env.app, 'POST', '/api/households', c['gw.a'], { gridCode: fixture.gridA2, address: '团结村二组5号' });
  await call(env.app, 'POST', '/api/households', c['gw.b'], { gridCode: fixture.gridB1, address: '头塘村8号' });
  await add(c['gw.b']!, fixture.gridB1, '卓玛', '63222119800404404');
});
afterAll(() => env?.close());

const items = async (path: string, cookie = c['town.op']) => {
  const r = await call(env.app, 'GET', path, cookie);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { items: Record<string, unknown>[]; total: number };
};

describe('households list', () => {
  it('counts each household’s members as its card does', async () => {
    const list = await items(`/api/households?grid=${fixture.gridA1}`, c['gw.a']);
    const row = list.items.find((h) => h.id === household);
    const card = (await call(env.app, 'GET', `/api/households/${household}`, c['gw.a'])).body;
    expect(card.members).toHaveLength(3);
    expect(row).toMatchObject({ members: 3, gridName: expect.any(String) });
  });

  it('lists a township’s or a village’s households, a page at a time, with the grid’s name', async () => {
    const town = await items(`/api/households?region=${fixture.townshipA}&pageSize=2`);
    expect(town.total).toBe(3);
    expect(town.items).toHaveLength(2);
    const page2 = await items(`/api/households?region=${fixture.townshipA}&pageSize=2&page=2`);
    expect(page2.items).toHaveLength(1);
    const village = await items(`/api/households?region=${fixture.villageA}`);
    expect(village.items.map((h) => h.address).sort()).toEqual(['团结村1号', '团结村二组5号']);
    for (const h of village.items) expect(h.gridName).not.toMatch(/^\d+$/);
    // A village worker asking for the whole township gets the scope answer: nothing outside it.
    expect((await call(env.app, 'GET', `/api/households?region=${fixture.townshipA}`, c['gw.a'])).status).toBe(400);
    expect((await call(env.app, 'GET', `/api/households?region=${fixture.villageC}`, c['town.op'])).status).toBe(400);
  });
});

describe('persons list', () => {
  it('filters by village and shows each person’s household and grid name', async () => {
    const village = await items(`/api/people?region=${fixture.villageA}`);
    expect(village.total).toBe(3);
    const p = village.items.find((x) => x.id === head)!;
    expect(p).toMatchObject({ household: { id: household, number: 'H-001', address: '团结村1号' }, gridName: expect.any(String) });
    expect(String(p.gridName)).not.toMatch(/^\d+$/);
    expect((await items(`/api/people?region=${fixture.townshipA}`)).total).toBe(4);
    expect((await call(env.app, 'GET', `/api/people?region=${fixture.townshipB}`, c['town.op'])).status).toBe(400);
  });
});

describe('places list', () => {
  it('lists a village’s places without naming a grid', async () => {
    await call(env.app, 'POST', '/api/places', c['gw.a'], { gridCode: fixture.gridA2, kind: '01', name: '团结村小学' });
    const r = await call(env.app, 'GET', `/api/places?region=${fixture.villageA}`, c['town.op']);
    expect(r.status).toBe(200);
    expect(r.body.map((x: { name: string }) => x.name)).toContain('团结村小学');
  });
});

describe('reveal', () => {
  it('refuses a blank or whitespace reason in Chinese, naming the reason', async () => {
    for (const reason of ['', '   ', undefined]) {
      const r = await call(env.app, 'POST', `/api/people/${head}/reveal`, c['gw.a'], { fields: ['name'], ...(reason === undefined ? {} : { reason }) });
      expect(r.status).toBe(400);
      const d = r.body.error.details.find((x: { path: string }) => x.path.endsWith('reason'));
      expect(d.message).toMatch(/查看理由/);
    }
  });

  it('answers the birth date it was asked for', async () => {
    const r = await call(env.app, 'POST', `/api/people/${head}/reveal`, c['gw.a'], { fields: ['name', 'birthDate'], reason: '核实身份' });
    expect(r.body).toMatchObject({ name: '才让东智', birthDate: '1970-01-01' });
  });
});
