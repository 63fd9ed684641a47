/**
 * Case exports read as a Chinese user reads: the words of statuses, tiers and channels, China time, Chinese column
 * titles by default; zh-TW and English by the reader's language. The tests open the exported files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { FakeClock } from '../../lib/clock.ts';
import { buildCase } from '../../test/case-builders.ts';
import { caseExportLabels } from '../../../core/cases/case-labels.ts';

let env: TestEnv;
let cookie = '';
beforeAll(async () => {
  // 09:30 UTC is 17:30 in China.
  env = await createTestEnv({ clock: new FakeClock(new Date('2026-12-01T09:30:00Z')) });
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'x.op', 'operator', fixture.villageA);
  cookie = await login(env.app, 'x.op');
  await buildCase(env, { status: 'submitted', channel: 'hotline', description: '夜间施工噪音扰民多次反映', tier: 'tricky' });
});
afterAll(() => env?.close());

const exported = (format: 'csv' | 'xlsx', lang?: string) => env.app.inject({ url: `/api/cases/export?format=${format}`, headers: { cookie: lang ? `${cookie}; lang=${lang}` : cookie } });

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('case exports', () => {
  it('write a CSV in Chinese words and China time by default', async () => {
    const res = await exported('csv');
    expect(res.statusCode).toBe(200);
    const [head, row] = res.body.replace(/^\ufeff/, '').split('\r\n');
    expect(head).toBe('编号,上报时间,状态,结果,类别,难度,渠道,村(社区),办理层级,超期,满意度,内容');
    expect(row).toContain('2026-12-01 17:30');
    expect(row).toContain(',待受理,');
    expect(row).toContain(',棘手事,');
    expect(row).toContain(',热线,');
    expect(row).toContain(',村(社区),');
    // (A case code may end in Z: only a time followed by Z is UTC.)
    expect(row).not.toMatch(/submitted|tricky|hotline|village|T\d\d:\d\d|\d\dZ\b/);
  });

  it('write an XLSX with Chinese column titles and words', async () => {
    const res = await exported('xlsx');
    const [head, row] = await xlsxRows(res.rawPayload);
    expect(head).toEqual(['编号', '上报时间', '状态', '结果', '类别', '难度', '渠道', '村(社区)', '办理层级', '超期', '满意度', '内容']);
    expect(row).toEqual(expect.arrayContaining(['2026-12-01 17:30', '待受理', '棘手事', '热线', '否']));
    expect(row!.join(' ')).not.toMatch(/submitted|tricky|hotline/);
  });

  it('follow the reader’s language: zh-TW and English', async () => {
    const tw = (await exported('csv', 'zh-TW')).body;
    expect(tw).toContain('編號,上報時間,狀態');
    expect(tw).toContain('棘手事');
    const en = await xlsxRows((await exported('xlsx', 'en')).rawPayload);
    expect(en[0]![0]).toBe('Code');
    expect(en[1]).toEqual(expect.arrayContaining(['Submitted', 'Tricky', 'Hotline', '2026-12-01 17:30']));
  });

  it('use the same words as the web app', () => {
    for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
      const web = { ...JSON.parse(readFileSync(`web/src/locales/${lang}/common.json`, 'utf8')), ...JSON.parse(readFileSync(`web/src/locales/${lang}/cases.json`, 'utf8')) } as Record<string, string>;
      for (const [key, text] of Object.entries(caseExportLabels[lang])) if (key in web) expect(text, `${lang} ${key}`).toBe(web[key]);
    }
  });
});
