/** Persons import: streamed CSV and XLSX, every bad row reported with its reason, nothing half-written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { systemActor } from '../../lib/actor.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';
import { importPersons } from './person-import.service.ts';
import { fileRows, writeErrorReport, writeTemplate } from './person-files.ts';

let env: TestEnv;
const dir = mkdtempSync(join(tmpdir(), 'persons-import-'));
const actor = systemActor(fixture.county, 'importer');
const id = (seq: number) => {
  const first17 = `63222119800101${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
};
const count = async () => (await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM persons`))[0]!.n;

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

const csv = (name: string, lines: string[]) => {
  const p = join(dir, name);
  writeFileSync(p, '\uFEFF' + lines.join('\n') + '\n');
  return p;
};

describe('persons import', () => {
  it('names a blank required field as required, with its column, not as an unknown code', async () => {
    const file = csv('blank.csv', ['姓名,公民身份号码,所属网格,人员类型', `扎西,${id(40)},${fixture.gridA1},`, `卓玛,${id(41)},,01`]);
    const r = await importPersons(env.ctx, actor, fileRows(file), { mode: 'upsert' });
    const issues = Object.fromEntries(r.problems.map((p) => [p.row, p.issues]));
    expect(issues[2]).toEqual([{ column: '人员类型', code: 'required', message: '人员类型不能为空' }]);
    expect(issues[3]).toEqual([{ column: '所属网格', code: 'required', message: '所属网格不能为空' }]);
    for (const p of r.problems) for (const i of p.issues) expect(i.message).not.toContain('「」');
  });

  it('imports good rows and reports each bad one by line, column and reason (upsert)', async () => {
    const file = csv('a.csv', [
      'Name,ID Number,phone,grid,type,性别,民族',
      `扎西,${id(1)},13900000001,${fixture.gridA1},户籍人口,,藏族`,
      `卓玛,${id(2)},,${fixture.gridA2},02,,`,
      `,${id(3)},,${fixture.gridA1},01,,`, // no name
      `多杰,${id(1)},,${fixture.gridA1},01,,`, // repeats line 2's ID number
      `才让,${id(4).slice(0, 17)}0,,${fixture.gridA1},01,,`, // check digit (unless 0 is right)
      `拉姆,${id(5)},,999999999999999,01,,`, // no such grid
      `央金,${id(6)},12345,${fixture.gridA1},01,女,`, // bad phone; 女 contradicts the (odd) sequence digit
    ]);
    const r = await importPersons(env.ctx, actor, fileRows(file), { mode: 'upsert' });
    expect(r.rows).toBe(7);
    expect(r.created).toBe(2);
    const byLine = Object.fromEntries(r.problems.map((p) => [p.row, p.issues.map((i) => i.code)]));
    expect(byLine[4]).toEqual(['required']);
    expect(byLine[5]).toEqual(['duplicate_in_file']);
    expect(byLine[7]).toEqual(['unknown_grid']);
    expect(byLine[8]).toEqual(expect.arrayContaining(['bad_mobile']));
    expect(await count()).toBe(2);
    // The error report lists the rows as they were, with the reasons, ready to be fixed.
    const report = join(dir, 'a.errors.xlsx');
    await writeErrorReport(report, r.header, r.problems);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + r.problems.length);
    expect(String(ws.getRow(2).getCell(2).value)).toContain('姓名');
  });

  it('updates a person already registered under the same ID number instead of doubling them', async () => {
    const before = await count();
    const r = await importPersons(env.ctx, actor, fileRows(csv('b.csv', ['姓名,公民身份号码,所属网格,人员类型,现住址', `扎西,${id(1)},${fixture.gridA2},01,新地址1号`])), { mode: 'upsert' });
    expect(r).toMatchObject({ created: 0, updated: 1, problems: [] });
    // Like a manual move and edit: the history names the grids and the fields, never the values.
    const [p] = await env.ctx.database.query<{ id: string; grid_code: string; address: string }>(`SELECT id, grid_code, address FROM persons WHERE id_number_hash = $1`, [env.ctx.crypto.lookupHash(`id:${id(1)}`)]);
    expect(p).toMatchObject({ grid_code: fixture.gridA2, address: '新地址1号' });
    const history = await env.ctx.database.query<{ event: string; from_grid: string | null; to_grid: string; data: { fields?: string[] } }>(`SELECT event, from_grid, to_grid, data FROM registry_history WHERE object_id = $1 ORDER BY id`, [p!.id]);
    expect(history).toEqual([
      expect.objectContaining({ event: 'moved', from_grid: fixture.gridA1, to_grid: fixture.gridA2 }),
      expect.objectContaining({ event: 'changed', data: expect.objectContaining({ fields: ['phone', 'address', 'ethnicity'] }) }),
    ]);
    expect(await count()).toBe(before);
  });

  it('writes nothing in mode all when any row is bad', async () => {
    const before = await count();
    const r = await importPersons(env.ctx, actor, fileRows(csv('c.csv', ['姓名,公民身份号码,所属网格,人员类型', `甲,${id(10)},${fixture.gridA1},01`, `乙,${id(11)},${fixture.gridA1},外星人`])), { mode: 'all' });
    expect(r).toMatchObject({ rejected: true, created: 0 });
    expect(r.problems.map((p) => p.row)).toEqual([3]);
    expect(await count()).toBe(before);
  });

  it('reads an XLSX filled from the template, and refuses a file without the required columns', async () => {
    const template = join(dir, 'template.xlsx');
    await writeTemplate(template, [{ table: 'sex', code: '1', name: '男性' }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1, 5)).toEqual(['姓名', '公民身份号码', '联系电话', '所属网格']);
    ws.addRow(['格桑', id(20), '13900000020', fixture.gridB1, '户籍人口', '女', '藏族', 'B村5号']);
    const filled = join(dir, 'filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const r = await importPersons(env.ctx, actor, fileRows(filled), { mode: 'all' });
    expect(r).toMatchObject({ rows: 1, created: 1, problems: [] });
    await expect(importPersons(env.ctx, actor, fileRows(csv('d.csv', ['姓名,电话', '甲,139'])), { mode: 'upsert' })).rejects.toMatchObject({ code: 'IMPORT_INVALID' });
  });

  it('takes an upload larger than the 10 MB photo limit from the web page, and reports progress to its owner only', async () => {
    await makeUser(env.ctx, 'importer.gw', 'gridWorker', fixture.villageA);
    await makeUser(env.ctx, 'other.gw', 'gridWorker', fixture.villageA);
    const cookie = await login(env.app, 'importer.gw');
    const padding = 'x'.repeat(600 * 1024); // an ignored column makes the file 11.7 MB (rows stay under the 1 MB record limit)
    const csvText = `姓名,公民身份号码,所属网格,人员类型,备注\n${Array.from({ length: 20 }, (_, i) => `网页导入,${id(30 + i)},${fixture.gridA1},01,${padding}`).join('\n')}\n`;
    const boundary = '----anwangimport';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="persons.csv"\r\nContent-Type: text/csv\r\n\r\n`), Buffer.from(csvText), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const started = await env.app.inject({ method: 'POST', url: '/api/people/import?mode=upsert', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(started.statusCode).toBe(202);
    const job = started.json().id as string;
    let status = started.json();
    for (let i = 0; i < 100 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await env.app.inject({ url: `/api/people/import?job=${job}`, headers: { cookie } })).json();
    }
    expect(status).toMatchObject({ state: 'done', percent: 100, report: { rows: 20, created: 20, problems: 0 } });
    const other = await login(env.app, 'other.gw');
    expect((await env.app.inject({ url: `/api/people/import?job=${job}`, headers: { cookie: other } })).statusCode).toBe(404);
  });

  it('leaves every record committed by an import killed midway covered by an audit row of its batch', async () => {
    const before = await count();
    // The reading dies after 7 good rows (a kill, a disk error): batches of 3 rows were committed meanwhile.
    const source = async function* () {
      yield ['姓名', '公民身份号码', '所属网格', '人员类型'];
      for (let i = 0; i < 7; i++) yield [`中断${i}`, id(200 + i), fixture.gridA1, '01'];
      throw new Error('killed');
    };
    const job = '11111111-2222-4333-8444-555555555555';
    await expect(importPersons(env.ctx, actor, source, { mode: 'upsert', jobId: job, batchSize: 3 })).rejects.toThrow('killed');
    const written = (await count()) - before;
    expect(written).toBe(6);
    const batches = await env.ctx.database.query<{ detail: { job: string; created: number } }>(`SELECT detail FROM audit_log WHERE action = 'person.import.batch' AND detail->>'job' = $1`, [job]);
    expect(batches.reduce((n, b) => n + b.detail.created, 0)).toBe(written);
    expect((await env.ctx.database.query<{ ok: boolean }>(`SELECT count(*) = 0 AS ok FROM audit_log WHERE action = 'person.import' AND detail->>'job' = $1`, [job]))[0]!.ok).toBe(true);
  });

  it('keeps at most maxProblems refused rows for the report and counts the rest', async () => {
    const lines = ['姓名,公民身份号码,所属网格,人员类型', ...Array.from({ length: 30 }, (_, i) => `坏${i},123,${fixture.gridA1},01`)];
    const r = await importPersons(env.ctx, actor, fileRows(csv('many-bad.csv', lines)), { mode: 'upsert', limits: { maxProblems: 10 } });
    expect(r).toMatchObject({ rows: 30, problemCount: 30 });
    expect(r.problems).toHaveLength(10);
  });

  it('keeps only ciphertexts of the imported names, ID numbers and phones', async () => {
    const raw = JSON.stringify(await env.ctx.database.query('SELECT * FROM persons'));
    for (const v of ['扎西', id(1), '13900000001', '格桑', id(20)]) expect(raw).not.toContain(v);
  });
});
