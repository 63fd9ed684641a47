import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'county-op', 'operator', fixture.county);
  await makeUser(env.ctx, 'village-op', 'operator', fixture.villageA);
  for (const u of ['county-op', 'village-op']) cookies[u] = await login(env.app, u);
});
afterAll(() => env?.close());

const search = (query: string, who = 'county-op') => env.app.inject({ url: `/api/regions/search?${query}`, headers: { cookie: cookies[who]! } });

describe('regions found by name (the pickers search with it)', () => {
  it('finds a village by part of its name, labelled with the township above it', async () => {
    const res = await search(`q=${encodeURIComponent('头塘')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([{ code: fixture.villageB, name: '头塘村', level: 'village', label: '浩门镇 / 头塘村' }]);
  });
  it('keeps to one level when asked (村 names also match townships otherwise)', async () => {
    const all = (await search(`q=${encodeURIComponent('北山')}`)).json().map((r: { code: string }) => r.code);
    expect(all).toEqual([fixture.townshipB, fixture.villageC]);
    const villages = (await search(`q=${encodeURIComponent('北山')}&level=village`)).json().map((r: { code: string }) => r.code);
    expect(villages).toEqual([fixture.villageC]);
  });
  it('never finds a region outside the scope', async () => {
    expect((await search(`q=${encodeURIComponent('头塘')}`, 'village-op')).json()).toEqual([]);
    expect((await search(`q=${encodeURIComponent('团结')}`, 'village-op')).json().map((r: { code: string }) => r.code)).toEqual([fixture.villageA]);
  });
  it('takes % and _ as plain characters', async () => {
    expect((await search('q=%25')).json()).toEqual([]);
    expect((await search('q=_')).json()).toEqual([]);
  });
  it('refuses an empty search', async () => {
    expect((await search('q=')).statusCode).toBe(400);
  });
});

describe('grid outlines carry their village names (map labels)', () => {
  it('names the village of every grid', async () => {
    const res = await env.app.inject({ url: `/api/grids/geojson?region=${fixture.townshipA}`, headers: { cookie: cookies['county-op']! } });
    const names = new Map(res.json().features.map((f: { properties: { code: string; villageName: string } }) => [f.properties.code, f.properties.villageName]));
    expect(names.get(fixture.gridA1)).toBe('团结村');
    expect(names.get(fixture.gridB2)).toBe('头塘村');
  });
});
