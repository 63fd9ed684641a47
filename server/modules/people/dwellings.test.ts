/**
 * Dwellings and rental housing: a building's dwellings, a rental registration whose landlord is linked when
 * registered and otherwise kept encrypted, tenants in and out with their history, and the grid's rental ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, seedFixture, signInCast, type TestEnv } from '../../test/harness.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';
import { purgeDue } from './retention.service.ts';
import ExcelJS from 'exceljs';

let env: TestEnv;
const c: Record<string, string> = {};
const id18 = (first17: string) => first17 + checkCharacter(first17);
const LANDLORD = id18('63222119700315001');
const OUTSIDER = id18('63222119750101002'); // a landlord not in the registry
const MIGRANT = id18('51010219950505123'); // a migrant from Chengdu, no household here
const FATHER = id18('63222119800808123'); // head of a household in grid A2
let building: string;
let dwelling: string;

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  Object.assign(c, await signInCast(env, ['gw.a', 'gw.b', 'handler']));
  const person = (body: object) => call(env.app, 'POST', '/api/people', c['gw.a'], { gridCode: fixture.gridA1, personType: '01', ...body });
  expect((await person({ name: '李房东', idNumber: LANDLORD, phone: '13700001111' })).status).toBe(201);
  expect((await person({ name: '王小流', idNumber: MIGRANT, personType: '02', gridCode: fixture.gridA2 })).status).toBe(201);
  const father = (await person({ name: '赵父', idNumber: FATHER, gridCode: fixture.gridA2 })).body;
  const household = (await call(env.app, 'POST', '/api/households', c['gw.a'], { gridCode: fixture.gridA2, address: 'A村5号', riskLevel: 'normal' })).body;
  await call(env.app, 'POST', `/api/households/${household.id}/members`, c['gw.a'], { personId: father.id, relation: '02', head: true });
  building = (await call(env.app, 'POST', '/api/buildings', c['gw.a'], { gridCode: fixture.gridA1, name: '幸福小区3号楼', floors: 6 })).body.id;
});
afterAll(() => env?.close());

describe('dwellings and rental housing', () => {
  it('add dwellings to a building, refusing a label twice and buildings out of scope', async () => {
    const r = await call(env.app, 'POST', `/api/buildings/${building}/dwellings`, c['gw.a'], { label: '2单元301' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ label: '2单元301', gridCode: fixture.gridA1, isRental: false, rental: null, tenants: [] });
    dwelling = r.body.id;
    expect((await call(env.app, 'POST', `/api/buildings/${building}/dwellings`, c['gw.a'], { label: '2单元301' })).body.error.details[0].code).toBe('label_taken');
    expect((await call(env.app, 'POST', `/api/buildings/${building}/dwellings`, c['gw.b'], { label: '101' })).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/buildings/${building}`, c['gw.b'])).status).toBe(404);
    expect((await call(env.app, 'POST', `/api/buildings/${building}/dwellings`, c['handler'], { label: '101' })).status).toBe(403);
  });

  it('register a rental with a registered landlord (linked, masked) or an outside one (encrypted, masked)', async () => {
    const bad = await call(env.app, 'POST', `/api/dwellings/${dwelling}/rental`, c['gw.a'], { use: '7', registeredOn: '2099-01-01', landlordIdNumber: '123', landlordPhone: '12' });
    expect(bad.body.error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_code', 'in_future', 'id_format', 'bad_mobile']);
    const noName = await call(env.app, 'POST', `/api/dwellings/${dwelling}/rental`, c['gw.a'], { use: '1', registeredOn: '2026-02-01', landlordIdNumber: OUTSIDER });
    expect(noName.body.error.details[0].code).toBe('landlord_not_registered');

    const linked = await call(env.app, 'POST', `/api/dwellings/${dwelling}/rental`, c['gw.a'], { use: '1', registeredOn: '2026-02-01', landlordIdNumber: LANDLORD });
    expect(linked.status).toBe(200);
    expect(linked.body.rental).toMatchObject({ use: '1', registeredOn: '2026-02-01', landlord: { name: '李**', phone: '137****1111' } });
    expect(linked.body.rental.landlord.personId).toMatch(/^[0-9a-f-]{36}$/);

    // Someone registered in another village is not linked (nor shown): the number alone reveals nothing.
    const bBuilding = (await call(env.app, 'POST', '/api/buildings', c['gw.b'], { gridCode: fixture.gridB1, name: 'B村1号楼' })).body.id;
    const bDwelling = (await call(env.app, 'POST', `/api/buildings/${bBuilding}/dwellings`, c['gw.b'], { label: '101' })).body.id;
    const probe = await call(env.app, 'POST', `/api/dwellings/${bDwelling}/rental`, c['gw.b'], { use: '1', registeredOn: '2026-02-01', landlordIdNumber: LANDLORD });
    expect(probe.body.error.details[0].code).toBe('landlord_not_registered');

    const other = (await call(env.app, 'POST', `/api/buildings/${building}/dwellings`, c['gw.a'], { label: '2单元302' })).body.id;
    const outside = await call(env.app, 'POST', `/api/dwellings/${other}/rental`, c['gw.a'], { use: '3', registeredOn: '2026-02-01', landlordIdNumber: OUTSIDER, landlordName: '孙外地', landlordPhone: '139 0000 2222' });
    expect(outside.body.rental.landlord).toEqual({ personId: null, name: '孙**', phone: '139****2222' });
    const [raw] = await env.ctx.database.query<Record<string, string>>('SELECT * FROM dwellings WHERE id = $1', [other]);
    const text = JSON.stringify(raw);
    for (const plain of ['孙外地', OUTSIDER, '13900002222']) expect(text).not.toContain(plain);
    expect(JSON.parse(env.ctx.crypto.decrypt(raw!.landlord_enc!))).toEqual({ name: '孙外地', idNumber: OUTSIDER, phone: '13900002222' });
  });

  it('move a migrant in (their grid follows) and out again, keeping the tenancy and history', async () => {
    expect((await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants`, c['gw.a'], { idNumber: id18('63222119990101001'), since: '2026-02-10' })).body.error.details[0].code).toBe('unknown_person');
    expect((await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants`, c['gw.a'], { idNumber: MIGRANT, since: '2099-01-01' })).body.error.details[0].code).toBe('in_future');
    const r = await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants`, c['gw.a'], { idNumber: MIGRANT, since: '2026-02-10' });
    expect(r.status).toBe(200);
    expect(r.body.tenants).toEqual([expect.objectContaining({ name: '王**', personType: '02', since: '2026-02-10', until: null, current: true })]);
    const migrantId = r.body.tenants[0].personId;
    expect((await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants`, c['gw.a'], { idNumber: MIGRANT, since: '2026-02-10' })).body.error.details[0].code).toBe('already_tenant');
    // No household: the migrant now lives, and is listed, in the dwelling's grid.
    const card = (await call(env.app, 'GET', `/api/people/${migrantId}`, c['gw.a'])).body;
    expect(card.gridCode).toBe(fixture.gridA1);
    expect(card.history[0]).toMatchObject({ event: 'tenant_in', fromGrid: fixture.gridA2, toGrid: fixture.gridA1 });
    expect((await call(env.app, 'GET', `/api/rentals?grid=${fixture.gridA1}`, c['gw.a'])).body).toEqual([
      expect.objectContaining({ buildingName: '幸福小区3号楼', label: '2单元301', use: '1', tenants: 1, landlord: expect.objectContaining({ name: '李**' }) }),
      expect.objectContaining({ label: '2单元302', use: '3', tenants: 0 }),
    ]);

    // The ledger as a spreadsheet: masked, under a watermark, audited.
    const file = await env.app.inject({ url: `/api/rentals/export?grid=${fixture.gridA1}`, headers: { cookie: c['gw.a']! } });
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell(1, 1).value)).toMatch(/导出人 gw\.a .* 出租房屋 2 处/);
    expect(sheet.getRow(3).values).toEqual([undefined, '幸福小区3号楼', '2单元301', '居住', '李**', '137****1111', '2026-02-01', '王**']);
    const cells = JSON.stringify(sheet.getSheetValues());
    for (const plain of ['王小流', '李房东', '13700001111', '孙外地', OUTSIDER]) expect(cells).not.toContain(plain);
    expect(await env.ctx.database.query(`SELECT 1 FROM audit_log WHERE action = 'rental.export'`)).toHaveLength(1);
    expect((await call(env.app, 'GET', `/api/rentals/export?grid=${fixture.gridA1}`, c['gw.b'])).status).toBe(400);

    expect((await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants/${migrantId}/end`, c['gw.a'], { until: '2026-02-01' })).body.error.details[0].code).toBe('before_since');
    const out = await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants/${migrantId}/end`, c['gw.a'], { until: '2026-02-28' });
    expect(out.body.tenants).toEqual([]);
    expect(out.body.pastTenants).toEqual([expect.objectContaining({ personId: migrantId, since: '2026-02-10', until: '2026-02-28', current: false })]);
    expect((await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants/${migrantId}/end`, c['gw.a'], { until: '2026-02-28' })).body.error.details[0].code).toBe('not_tenant');
    const history = (await call(env.app, 'GET', `/api/people/${migrantId}`, c['gw.a'])).body.history.map((h: { event: string }) => h.event);
    expect(history.slice(0, 2)).toEqual(['tenant_out', 'tenant_in']);
  });

  it('keep a tenant who belongs to a household elsewhere in the household’s grid, and refuse a second rental at once', async () => {
    const r = await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants`, c['gw.a'], { idNumber: FATHER, since: '2026-03-01' });
    expect(r.status).toBe(200);
    const father = r.body.tenants[0].personId;
    expect((await call(env.app, 'GET', `/api/people/${father}`, c['gw.a'])).body.gridCode).toBe(fixture.gridA2);
    const building2 = (await call(env.app, 'GET', `/api/buildings/${building}`, c['gw.a'])).body;
    const second = building2.dwellings.find((d: { label: string }) => d.label === '2单元302').id;
    const again = await call(env.app, 'POST', `/api/dwellings/${second}/tenants`, c['gw.a'], { idNumber: FATHER, since: '2026-03-01' });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].code).toBe('renting_elsewhere');
    // Not let out: no tenants.
    const plain = (await call(env.app, 'POST', `/api/buildings/${building}/dwellings`, c['gw.a'], { label: '1单元101' })).body.id;
    expect((await call(env.app, 'POST', `/api/dwellings/${plain}/tenants`, c['gw.a'], { idNumber: MIGRANT, since: '2026-03-01' })).body.error.details[0].code).toBe('not_rental');
    // Another village's worker sees none of it.
    expect((await call(env.app, 'GET', `/api/rentals?grid=${fixture.gridA1}`, c['gw.b'])).status).toBe(400);
    expect((await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants/${father}/end`, c['gw.b'], { until: '2026-03-01' })).status).toBe(404);
  });

  it('ends a tenancy when the tenant’s household moves to another grid, or the tenant leaves the county', async () => {
    const building2 = (await call(env.app, 'GET', `/api/buildings/${building}`, c['gw.a'])).body;
    const father = building2.dwellings.find((d: { label: string }) => d.label === '2单元301').tenants[0].personId;
    const household = (await call(env.app, 'GET', `/api/people/${father}`, c['gw.a'])).body.householdId;
    const moved = await call(env.app, 'POST', `/api/households/${household}/move`, c['gw.a'], { gridCode: fixture.gridA1, reason: '搬进新房' });
    expect(moved.status).toBe(200);
    const after = (await call(env.app, 'GET', `/api/buildings/${building}`, c['gw.a'])).body.dwellings.find((d: { label: string }) => d.label === '2单元301');
    expect(after.tenants).toEqual([]);
    expect(after.pastTenants.map((t: { personId: string }) => t.personId)).toContain(father);
    expect((await call(env.app, 'GET', `/api/people/${father}`, c['gw.a'])).body.history.map((h: { event: string }) => h.event).slice(0, 2)).toEqual(['moved', 'tenant_out']);

    const back = await call(env.app, 'POST', `/api/dwellings/${dwelling}/tenants`, c['gw.a'], { idNumber: MIGRANT, since: '2026-03-01' });
    const migrant = back.body.tenants[0].personId;
    expect((await call(env.app, 'POST', `/api/people/${migrant}/leave`, c['gw.a'], { reason: 'moved_away', on: '2026-03-02' })).status).toBe(200);
    const rentals = (await call(env.app, 'GET', `/api/rentals?grid=${fixture.gridA1}`, c['gw.a'])).body;
    expect(rentals.find((r: { label: string }) => r.label === '2单元301').tenants).toBe(0);
    const open = await env.ctx.database.query('SELECT * FROM tenancies WHERE ended_at IS NULL');
    expect(open).toEqual([]);
  });

  it('forgets a purged landlord’s masks on the dwellings they let', async () => {
    const landlord = (await call(env.app, 'GET', `/api/people?idNumber=${LANDLORD}`, c['gw.a'])).body.items[0].id;
    expect((await call(env.app, 'POST', `/api/people/${landlord}/leave`, c['gw.a'], { reason: 'deceased', on: '2026-03-02' })).status).toBe(200);
    env.clock.advance((env.ctx.config.personRetentionDays + 1) * 86_400_000);
    expect(await purgeDue(env.ctx)).toBeGreaterThanOrEqual(1);
    c['gw.a'] = await login(env.app, 'gw.a');
    const d = (await call(env.app, 'GET', `/api/buildings/${building}`, c['gw.a'])).body.dwellings.find((x: { label: string }) => x.label === '2单元301');
    expect(d.rental.landlord).toEqual({ personId: landlord, name: '*', phone: null });
    const [raw] = await env.ctx.database.query<{ landlord_id_hash: string | null }>('SELECT landlord_id_hash FROM dwellings WHERE id = $1', [d.id]);
    expect(raw!.landlord_id_hash).toBeNull();
  });
});

