/**
 * The population registry: validated input, nothing sensitive in plain text in the database, masked answers,
 * audited reveals, and households that move with all their members and leave no orphans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, seedFixture, signInCast, type TestEnv } from '../../test/harness.ts';
import { ageOn, checkCharacter } from '../../../core/people/id-number.ts';
import { cstDate } from '../../../core/calendar.ts';
import ExcelJS from 'exceljs';
import { purgeDue } from './retention.service.ts';
import { protectRecordCategories } from './records.service.ts';
import { randomUUID } from 'node:crypto';
import { creditCheckCharacter } from '../../../core/people/credit-code.ts';

let env: TestEnv;
const c: Record<string, string> = {};
const today = () => cstDate(env.clock.now());
const id18 = (first17: string) => first17 + checkCharacter(first17);
const ADULT = id18('63222119850612123'); // born 1985-06-12, male (3 is odd)
const CHILD = id18('63222120180301124'); // born 2018-03-01, female

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  Object.assign(c, await signInCast(env, ['gw.a', 'gw.b', 'handler', 'mediator']));
});
afterAll(() => env?.close());

const add = (cookie: string, body: object) => call(env.app, 'POST', '/api/people', cookie, { gridCode: fixture.gridA1, personType: '01', ...body });

describe('persons', () => {
  it('refuse bad input with every field named, and a second registration of one ID number', async () => {
    const bad = await add(c['gw.a']!, { name: '张三', idNumber: ADULT.slice(0, 17) + (ADULT[17] === '0' ? '1' : '0'), phone: '12345', personType: '07', ethnicity: '99' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`)).toEqual(['body.idNumber:id_check_digit', 'body.phone:bad_mobile', 'body.personType:unknown_code', 'body.ethnicity:unknown_code']);
    expect((await add(c['gw.a']!, { name: '张三', gridCode: fixture.gridB1 })).body.error.details[0].code).toBe('unknown_grid'); // another village's grid
    const ok = await add(c['gw.a']!, { name: '扎西才让', idNumber: ADULT, phone: '+86 139-1234-5678', ethnicity: '04' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: '扎***', idNumber: '632221********' + ADULT.slice(-4), phone: '139****5678', sex: '1', age: ageOn('1985-06-12', today()), ageBand: 'adult' });
    const again = await add(c['gw.a']!, { name: '扎西', idNumber: ADULT.toLowerCase() });
    expect(again.status).toBe(409);
  });

  it('upgrade a 15-digit number and derive sex and birth date from it', async () => {
    const r = await add(c['gw.a']!, { name: '老王', idNumber: '632221490101002' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ sex: '2', age: ageOn('1949-01-01', today()) });
    expect(r.body.idNumber).toMatch(/^632221\*{8}\d{3}[\dX]$/);
  });

  it('show a child under 14 as masked name, sex and age only', async () => {
    const r = await add(c['gw.a']!, { name: '小卓玛', idNumber: CHILD, phone: '13698765432', address: 'A村2号' });
    expect(r.body).toMatchObject({ name: '小**', sex: '2', age: ageOn('2018-03-01', today()), ageBand: 'under14', idNumber: null, phone: null, address: null });
  });

  it('recompute age bands as time passes: a 13-year-old turns 14, a 17-year-old 18', async () => {
    const day = today();
    const born = (years: number, plusDays: number) => {
      const d = new Date(Date.parse(`${Number(day.slice(0, 4)) - years}${day.slice(4)}T00:00:00Z`) + plusDays * 86_400_000);
      return d.toISOString().slice(0, 10).replaceAll('-', '');
    };
    const kid = (await add(c['gw.a']!, { name: '小扎西', idNumber: id18(`632221${born(14, 2)}011`), phone: '13600000014', address: 'A村9号' })).body;
    const teen = (await add(c['gw.a']!, { name: '拉毛', idNumber: id18(`632221${born(18, 2)}022`), phone: '13600000018', address: 'A村9号' })).body;
    expect(kid).toMatchObject({ ageBand: 'under14', idNumber: null, phone: null, address: null });
    expect(teen).toMatchObject({ ageBand: 'under18', phone: null, address: 'A村9号' });
    expect(teen.idNumber).toMatch(/\*{8}/);
    env.clock.advance(3 * 86_400_000); // both have a birthday
    for (const u of ['gw.a', 'gw.b', 'handler', 'mediator']) c[u] = await login(env.app, u); // idle sessions ended meanwhile
    const later = async (id: string) => (await call(env.app, 'GET', `/api/people/${id}`, c['gw.a'])).body;
    expect(await later(kid.id)).toMatchObject({ ageBand: 'under18', age: 14, address: 'A村9号', phone: null });
    expect(await later(teen.id)).toMatchObject({ ageBand: 'adult', age: 18, phone: '136****0018' });
  });

  it('keep no sensitive value in plain text in the database', async () => {
    const rows = JSON.stringify(await env.ctx.database.query('SELECT * FROM persons'));
    for (const v of ['扎西才让', ADULT, '13912345678', '小卓玛', CHILD, '13698765432', '19850612']) expect(rows).not.toContain(v);
  });

  it('find a person by exact name or ID number, masked, only inside the scope', async () => {
    const byName = await call(env.app, 'GET', `/api/people?name=${encodeURIComponent('扎西才让')}`, c['gw.a']);
    expect(byName.body.items.map((p: { name: string }) => p.name)).toEqual(['扎***']);
    const byId = await call(env.app, 'GET', `/api/people?idNumber=${ADULT}`, c['gw.a']);
    expect(byId.body.total).toBe(1);
    expect((await call(env.app, 'GET', `/api/people?idNumber=${ADULT}`, c['gw.b'])).body.total).toBe(0);
    expect((await call(env.app, 'GET', '/api/people?idNumber=123', c['gw.a'])).status).toBe(400);
    expect((await call(env.app, 'GET', '/api/people', c.handler)).status).toBe(403); // department handlers: cases only
  });

  it('reveal full values only with the right and a reason, each read in the audit log', async () => {
    const id = (await call(env.app, 'GET', `/api/people?idNumber=${ADULT}`, c['gw.a'])).body.items[0].id;
    const denied = await call(env.app, 'POST', `/api/people/${id}/reveal`, c.mediator, { fields: ['idNumber'], reason: '调解核实' });
    expect(denied.status).toBe(403);
    const noReason = await call(env.app, 'POST', `/api/people/${id}/reveal`, c['gw.a'], { fields: ['idNumber'] });
    expect(noReason.status).toBe(400);
    const r = await call(env.app, 'POST', `/api/people/${id}/reveal`, c['gw.a'], { fields: ['name', 'idNumber', 'phone'], reason: '入户核实身份' });
    expect(r.body).toEqual({ name: '扎西才让', idNumber: ADULT, phone: '13912345678' });
    const [row] = await env.ctx.database.query<{ actor_name: string; detail: { fields: string[]; reason: string } }>(`SELECT actor_name, detail FROM audit_log WHERE action = 'person.reveal' AND object_id = $1`, [id]);
    expect(row).toMatchObject({ actor_name: 'gw.a', detail: { fields: ['name', 'idNumber', 'phone'], reason: '入户核实身份' } });
  });
});

describe('extension records', () => {
  it('keep special-group details, category and grade encrypted, show only the kind, and count with small counts suppressed', async () => {
    const who = (await add(c['gw.a']!, { name: '患者甲', idNumber: id18('63222119750505501') })).body.id;
    const rec = (body: object) => call(env.app, 'POST', `/api/people/${who}/records`, c['gw.a'], body);
    expect((await rec({ kind: 'special_group', category: '03', riskLevel: 'serious' })).body.error.details[0].code).toBe('bad_risk_level');
    expect((await rec({ kind: 'youth' })).body.error.details[0].code).toBe('required');
    expect((await rec({ kind: 'special_group', category: '42' })).body.error.details[0].code).toBe('unknown_code');
    const ok = await rec({ kind: 'special_group', category: '03', riskLevel: '3', sensitive: { diagnosis: '精神分裂症', lastIncident: '2026-05-01' }, since: '2020-01-01' });
    expect(ok.status).toBe(201);
    const page = await call(env.app, 'GET', `/api/people/${who}`, c['gw.a']);
    // Being in a special group is itself sensitive (PIPL art. 28): which group and the grade are not shown…
    expect(page.body.records[0]).toMatchObject({ kind: 'special_group', category: null, riskLevel: null, categoryHidden: true, hasSensitive: true });
    expect(JSON.stringify(page.body)).not.toContain('精神分裂症');
    // …nor stored in clear.
    const [raw] = await env.ctx.database.query<Record<string, string | null>>('SELECT * FROM person_records WHERE person_id = $1', [who]);
    expect(raw).toMatchObject({ category: null, risk_level: null });
    expect(JSON.stringify(raw)).not.toContain('精神分裂症');
    expect(JSON.parse(env.ctx.crypto.decrypt(raw!.category_enc!))).toEqual({ category: '03', riskLevel: '3' });
    const revealed = await call(env.app, 'POST', `/api/people/${who}/reveal`, c['gw.a'], { fields: ['records'], reason: '随访评估' });
    expect(revealed.body.records[0]).toMatchObject({ category: '03', riskLevel: '3', sensitive: { diagnosis: '精神分裂症', lastIncident: '2026-05-01' } });
    // One person in the group: shown as null ("<5"); five: shown.
    const stats = async () => (await call(env.app, 'GET', `/api/people/stats?region=${fixture.villageA}`, c.mediator)).body;
    expect((await stats()).counts).toContainEqual({ kind: 'special_group', category: '03', persons: null });
    for (let i = 0; i < 5; i++) {
      const p = (await add(c['gw.a']!, { name: `独居老人${i}`, idNumber: id18(`6322211940010160${i}`) })).body.id;
      await call(env.app, 'POST', `/api/people/${p}/records`, c['gw.a'], { kind: 'care', category: '01' });
    }
    expect((await stats()).counts).toContainEqual({ kind: 'care', category: '01', persons: 5 });
    expect((await call(env.app, 'GET', `/api/people/stats?region=${fixture.villageB}`, c['gw.a'])).status).toBe(404); // outside the scope
  });

  it('convert categories stored in clear by earlier versions, leaving ordinary ones alone', async () => {
    const who = (await add(c['gw.a']!, { name: '旧数据', idNumber: id18('63222119700707701') })).body.id;
    const insert = (id: string, kind: string, category: string, risk: string | null) => env.ctx.database.query(`INSERT INTO person_records (county_code, id, person_id, kind, category, risk_level, active, created_at, updated_at) VALUES ('632221', $1, $2, $3, $4, $5, true, now(), now())`, [id, who, kind, category, risk]);
    const [drug, disabled, alone, runaway] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await insert(drug, 'special_group', '04', null);
    await insert(disabled, 'care', '06', null);
    await insert(alone, 'care', '01', null);
    await insert(runaway, 'youth', '03', 'serious');
    // The SQL that finds them and core's rule (isSensitiveCategory) must agree: these four cover both branches.
    expect(await protectRecordCategories(env.ctx)).toBe(3);
    expect(await protectRecordCategories(env.ctx)).toBe(0); // nothing left to do
    const rows = await env.ctx.database.query<{ id: string; category: string | null; category_enc: string | null }>('SELECT id, category, category_enc FROM person_records WHERE person_id = $1', [who]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(drug)).toMatchObject({ category: null });
    expect(JSON.parse(env.ctx.crypto.decrypt(byId.get(disabled)!.category_enc!))).toEqual({ category: '06', riskLevel: null });
    expect(byId.get(alone)).toMatchObject({ category: '01', category_enc: null });
    const stats = (await call(env.app, 'GET', `/api/people/stats?region=${fixture.villageA}`, c.mediator)).body;
    expect(stats.counts).toContainEqual({ kind: 'special_group', category: '04', persons: null });
  });
});

describe('buildings and places', () => {
  it('check the credit code, keep the contact masked, and put a point only inside its grid', async () => {
    const first17 = '91632221MA7A1B2C3';
    const code = first17 + creditCheckCharacter(first17);
    const place = (body: object) => call(env.app, 'POST', '/api/places', c['gw.a'], { gridCode: fixture.gridA1, kind: '05', name: '牧业合作社', ...body });
    const bad = await place({ creditCode: first17 + (code.endsWith('0') ? '1' : '0'), kind: '77', contactPhone: '123' });
    expect(bad.body.error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_code', 'bad_credit_code', 'bad_mobile']);
    const ok = await place({ creditCode: code.toLowerCase(), contactName: '马建国', contactPhone: '13855556666', lat: 37.05, lng: 101.05, staffCount: 12 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ creditCode: code, contactName: '马**', contactPhone: '138****6666' });
    expect(JSON.stringify(await env.ctx.database.query('SELECT * FROM places'))).not.toContain('13855556666');
    expect((await call(env.app, 'GET', `/api/places?grid=${fixture.gridA1}&kind=05`, c['gw.a'])).body.map((p: { name: string }) => p.name)).toContain('牧业合作社');
    const outside = await call(env.app, 'POST', '/api/buildings', c['gw.a'], { gridCode: fixture.gridA1, name: '1号楼', lat: 37.05, lng: 101.15 });
    expect(outside.body.error.details[0].code).toBe('outside_grid');
    expect((await call(env.app, 'POST', '/api/buildings', c['gw.a'], { gridCode: fixture.gridA1, name: '1号楼', lat: 37.05, lng: 101.05, floors: 6 })).status).toBe(201);
    expect((await call(env.app, 'GET', `/api/buildings?grid=${fixture.gridA1}`, c['gw.a'])).body).toEqual([expect.objectContaining({ name: '1号楼', lat: 37.05, lng: 101.05, floors: 6 })]);
  });

  it('correct a building and a place with the version read, keeping the point in the grid and the contact encrypted', async () => {
    const b = (await call(env.app, 'GET', `/api/buildings?grid=${fixture.gridA1}`, c['gw.a'])).body[0];
    expect((await call(env.app, 'PATCH', `/api/buildings/${b.id}`, c['gw.a'], { version: b.version, lat: 37.05, lng: 101.15 })).body.error.details[0].code).toBe('outside_grid');
    const fixed = await call(env.app, 'PATCH', `/api/buildings/${b.id}`, c['gw.a'], { version: b.version, name: '幸福小区1号楼', floors: 7 });
    expect(fixed.body).toMatchObject({ name: '幸福小区1号楼', floors: 7, lat: 37.05, version: b.version + 1 });
    expect((await call(env.app, 'PATCH', `/api/buildings/${b.id}`, c['gw.a'], { version: b.version, floors: 8 })).body.error.details[0].code).toBe('stale');
    expect((await call(env.app, 'PATCH', `/api/buildings/${b.id}`, c['gw.b'], { version: b.version + 1, floors: 8 })).status).toBe(404);

    const p = (await call(env.app, 'GET', `/api/places?grid=${fixture.gridA1}&kind=05`, c['gw.a'])).body[0];
    expect((await call(env.app, 'PATCH', `/api/places/${p.id}`, c['gw.a'], { version: p.version, contactPhone: '555' })).body.error.details[0].code).toBe('bad_mobile');
    const moved = await call(env.app, 'PATCH', `/api/places/${p.id}`, c['gw.a'], { version: p.version, contactPhone: '13977778888', creditCode: null, staffCount: 15 });
    // The phone changed, the contact's name kept; the old phone is gone from the row, the new one never in clear.
    expect(moved.body).toMatchObject({ contactName: '马**', contactPhone: '139****8888', creditCode: null, staffCount: 15 });
    const [row] = await env.ctx.database.query<{ contact_enc: string }>('SELECT contact_enc FROM places WHERE id = $1', [p.id]);
    expect(JSON.parse(env.ctx.crypto.decrypt(row!.contact_enc))).toEqual({ name: '马建国', phone: '13977778888' });
    expect(JSON.stringify(await env.ctx.database.query('SELECT * FROM places WHERE id = $1', [p.id]))).not.toContain('13977778888');
  });
});

describe('retention', () => {
  it('archives people who moved away or died, and purges their data after the period unless on legal hold', async () => {
    const gone = (await add(c['gw.a']!, { name: '迁走的人', idNumber: id18('63222119600101301'), phone: '13700000001' })).body.id;
    const held = (await add(c['gw.a']!, { name: '涉诉的人', idNumber: id18('63222119600101401') })).body.id;
    await call(env.app, 'POST', `/api/people/${gone}/records`, c['gw.a'], { kind: 'special_group', category: '01', sensitive: { sentence: '判决书号' }, data: { note: '安置帮教' } });
    for (const id of [gone, held]) expect((await call(env.app, 'POST', `/api/people/${id}/leave`, c['gw.a'], { reason: 'moved_away' })).status).toBe(200);
    expect((await call(env.app, 'POST', `/api/people/${gone}/leave`, c['gw.a'], { reason: 'deceased' })).status).toBe(409); // already archived
    expect((await call(env.app, 'POST', `/api/people/${held}/legal-hold`, c['gw.a'], { hold: true, reason: '涉诉案件' })).status).toBe(200);
    const listed = (await call(env.app, 'GET', `/api/people?grid=${fixture.gridA1}&pageSize=200`, c['gw.a'])).body.items.map((p: { id: string }) => p.id);
    expect(listed).not.toContain(gone);
    expect((await purgeDue(env.ctx))).toBe(0); // not yet
    env.clock.advance((env.ctx.config.personRetentionDays + 1) * 86_400_000);
    for (const u of ['gw.a', 'gw.b', 'handler', 'mediator']) c[u] = await login(env.app, u); // three years on: sessions ended
    expect(await purgeDue(env.ctx)).toBe(1);
    const [row] = await env.ctx.database.query<Record<string, unknown>>('SELECT * FROM persons WHERE id = $1', [gone]);
    expect(row).toMatchObject({ id_number_enc: null, id_number_hash: null, phone_enc: null, address: null, status: 'moved_away' });
    expect(env.ctx.crypto.decrypt(row!.name_enc as string)).toBe('已清除');
    const [rec] = await env.ctx.database.query<Record<string, unknown>>('SELECT * FROM person_records WHERE person_id = $1', [gone]);
    expect(rec).toMatchObject({ kind: 'special_group', data: null, data_enc: null, category_enc: null, active: false });
    expect(rec!.category_token).toEqual(expect.any(String)); // the kind and counting token stay: no one's data
    const [kept] = await env.ctx.database.query<{ id_number_enc: string | null; purged_at: unknown }>('SELECT id_number_enc, purged_at FROM persons WHERE id = $1', [held]);
    expect(kept).toMatchObject({ purged_at: null });
    expect(kept!.id_number_enc).not.toBeNull();
    expect((await call(env.app, 'GET', `/api/people/${gone}`, c['gw.a'])).body.history.map((h: { event: string }) => h.event)).toEqual(['purged', 'moved_away', 'created']);
  });
});

describe('export', () => {
  it('gives masked values only, under a watermark of who exported and when, and audits it', async () => {
    const res = await env.app.inject({ url: `/api/people/export?grid=${fixture.gridA1}`, headers: { cookie: c['gw.a']! } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    // China time, said in Chinese: the clock's instant shifted by eight hours.
    const china = new Date(env.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(String(ws.getCell(1, 1).value)).toContain(`导出人 gw.a · ${china}（北京时间） · 内部资料`);
    expect(String(ws.getCell(1, 1).value)).not.toContain('UTC');
    expect(ws.headerFooter.oddHeader).toContain('gw.a');
    const all: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void all.push(String(cell.value))));
    const text = all.join('|');
    expect(text).toContain('扎***');
    expect(text).toContain('139****5678');
    for (const v of ['扎西才让', ADULT, '13912345678', '小卓玛', CHILD]) expect(text).not.toContain(v);
    const [row] = await env.ctx.database.query<{ detail: { rows: number } }>(`SELECT detail FROM audit_log WHERE action = 'person.export' AND actor_name = 'gw.a'`);
    expect(row!.detail.rows).toBe(ws.rowCount - 2);
    expect((await call(env.app, 'GET', `/api/people/export?grid=${fixture.gridB1}`, c['gw.a'])).status).toBe(400); // another village's grid
  });
});

describe('households', () => {
  it('move to another grid with every member, seen in the new grid and in both grids’ history, no orphans', async () => {
    const h = await call(env.app, 'POST', '/api/households', c['gw.a'], { gridCode: fixture.gridA1, address: 'A村3号', riskLevel: 'attention' });
    expect(h.status).toBe(201);
    const head = (await add(c['gw.a']!, { name: '才让东智', idNumber: id18('63222119700101201') })).body.id;
    const wife = (await add(c['gw.a']!, { name: '拉毛措', idNumber: id18('63222119720202202') })).body.id;
    await call(env.app, 'POST', `/api/households/${h.body.id}/members`, c['gw.a'], { personId: head, relation: '02', head: true });
    const card = await call(env.app, 'POST', `/api/households/${h.body.id}/members`, c['gw.a'], { personId: wife, relation: '12' });
    expect(card.body.members.map((m: { name: string; head: boolean; relation: string }) => [m.name, m.head, m.relation])).toEqual(expect.arrayContaining([['才***', true, '02'], ['拉**', false, '12']]));
    expect((await call(env.app, 'POST', `/api/households/${h.body.id}/members`, c['gw.a'], { personId: wife, relation: '999' })).status).toBe(400);

    const moved = await call(env.app, 'POST', `/api/households/${h.body.id}/move`, c['gw.a'], { gridCode: fixture.gridA2, address: 'A村二组8号', reason: '新房建成' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ gridCode: fixture.gridA2, address: 'A村二组8号' });
    const inGrid = async (grid: string) => (await call(env.app, 'GET', `/api/households?grid=${grid}`, c['gw.a'])).body.items.map((x: { id: string }) => x.id);
    expect(await inGrid(fixture.gridA2)).toContain(h.body.id);
    expect(await inGrid(fixture.gridA1)).not.toContain(h.body.id);
    const people = async (grid: string) => (await call(env.app, 'GET', `/api/people?grid=${grid}&pageSize=200`, c['gw.a'])).body.items.map((x: { id: string }) => x.id);
    expect(await people(fixture.gridA2)).toEqual(expect.arrayContaining([head, wife]));
    expect(await people(fixture.gridA1)).not.toContain(head);
    for (const grid of [fixture.gridA1, fixture.gridA2]) {
      const history = (await call(env.app, 'GET', `/api/grids/${grid}/registry-history`, c['gw.a'])).body as unknown as { event: string; objectId: string; fromGrid: string; toGrid: string }[];
      expect(history.filter((e) => e.event === 'moved').map((e) => e.objectId)).toEqual(expect.arrayContaining([h.body.id, head, wife]));
    }
    expect((await call(env.app, 'GET', `/api/people/${wife}`, c['gw.a'])).body.history[0]).toMatchObject({ event: 'moved', fromGrid: fixture.gridA1, toGrid: fixture.gridA2, data: { reason: '新房建成' } });
    // No person lives in another grid than their household.
    const orphans = await env.ctx.database.query(`SELECT p.id FROM persons p JOIN households h ON h.county_code = p.county_code AND h.id = p.household_id WHERE p.grid_code <> h.grid_code`);
    expect(orphans).toEqual([]);
    const dangling = await env.ctx.database.query(`SELECT p.id FROM persons p LEFT JOIN households h ON h.county_code = p.county_code AND h.id = p.household_id WHERE p.household_id IS NOT NULL AND h.id IS NULL`);
    expect(dangling).toEqual([]);
    // Another village's worker cannot see or move it.
    expect((await call(env.app, 'GET', `/api/households/${h.body.id}`, c['gw.b'])).status).toBe(404);
    expect((await call(env.app, 'POST', `/api/households/${h.body.id}/move`, c['gw.a'], { gridCode: fixture.gridB1, reason: '试图迁出范围' })).body.error.details[0].code).toBe('unknown_grid');
  });
});
