/**
 * The field app's screens in a real browser at 390×844 (Debian's Chromium), on the platform's shell and outbox over
 * an in-memory store, served by Vite's dev server (no anwang server: the records are read back from the outbox).
 * Covers: home with overdue tasks in red and no raw codes, a patrol with its track chunks, 六必查 and a finding with
 * a photo shrunk to 1600 px, a visit from a task and its correction, the live risk level, household registration
 * with the ID number check, drafts kept across screens, no horizontal scroll; screenshots in zh-CN, zh-TW, en and
 * Tibetan (home), kept in .tmp/screenshots/field/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, launchBrowser } from './server.ts';
import { AssessmentSchema, FindingSchema, PatrolEndSchema, PatrolStartSchema, TrackChunkSchema, VisitSchema } from '../core/schemas/field.schema.ts';
import { HouseholdCreateSchema, HouseholdUpdateSchema, PersonCreateSchema, PersonUpdateSchema } from '../core/schemas/people.schema.ts';

const shots = join(process.cwd(), '.tmp', 'screenshots', 'field');
mkdirSync(shots, { recursive: true });
const centre = { latitude: 27.63, longitude: 104.41 };

let vite: ViteDevServer;
let browser: Browser;
let base = '';

const dayOffset = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const tplDir = join(process.cwd(), 'server/modules/field/templates');
const templates = readdirSync(tplDir).filter((f) => f.endsWith('.json')).map((f, i) => ({ id: `00000000-0000-4000-8000-00000000000${i}`, ...JSON.parse(readFileSync(join(tplDir, f), 'utf8')) }));
const tplId = (code: string) => templates.find((x) => x.code === code)!.id as string;
const grid = { code: '530681001001001', name: '城关社区第一网格' };
const hh = (n: number, address: string, headName: string) => ({ id: `10000000-0000-4000-8000-00000000000${n}`, gridCode: grid.code, address, headName, memberCount: 3, version: 2, riskLevel: null });
const fixture = {
  copy: {
    reset: true,
    grids: [grid, { code: '530681001001002', name: '城关社区第二网格' }],
    households: [hh(1, '城关镇向阳路12号', '马*强'), hh(2, '城关镇向阳路14号', '李*芬'), hh(3, '城关镇新街3号', '王*')],
    persons: [{ id: '20000000-0000-4000-8000-000000000001', householdId: '10000000-0000-4000-8000-000000000001', gridCode: grid.code, name: '马*强', care: [], version: 1 }],
    tasks: [
      { id: '30000000-0000-4000-8000-000000000001', subjectType: 'household', subjectId: '10000000-0000-4000-8000-000000000002', subjectLabel: '李*芬 · 城关镇向阳路14号', rule: 'risk_high', dueOn: dayOffset(-3), templateId: tplId('sibiqing') },
      { id: '30000000-0000-4000-8000-000000000002', subjectType: 'person', subjectId: '20000000-0000-4000-8000-000000000001', subjectLabel: '马*强', rule: 'special_care', dueOn: dayOffset(0), templateId: null },
      { id: '30000000-0000-4000-8000-000000000003', subjectType: 'household', subjectId: '10000000-0000-4000-8000-000000000003', subjectLabel: '王* · 城关镇新街3号', rule: 'some_new_rule', dueOn: dayOffset(20), templateId: null },
    ],
    tombstones: [],
  },
  templates,
  categories: [
    { id: 'g1', parentId: null, name: '城乡管理', nameEn: 'Urban management', nameZhTw: '城鄉管理', isPublic: true, defaultTier: 'street', keywords: {}, sort: 1, active: true, ownerCode: '' },
    { id: 'c1', parentId: 'g1', name: '违章搭建', nameEn: 'Illegal building', nameZhTw: '違章搭建', isPublic: true, defaultTier: 'street', keywords: {}, sort: 1, active: true, ownerCode: '' },
    { id: 'c2', parentId: 'g1', name: '占道经营', nameEn: 'Street stalls', nameZhTw: '占道經營', isPublic: true, defaultTier: 'street', keywords: {}, sort: 2, active: true, ownerCode: '' },
  ],
  position: { lat: centre.latitude, lng: centre.longitude, accuracy: 8 },
  refreshedAt: new Date().toISOString(),
};

interface Row { id: string; kind: string; method: string; path: string; body: Record<string, unknown>; dependsOn: string[]; supersedes?: string; label: string; attachment?: { kind: string; mime: string } }

beforeAll(async () => {
  const port = await freePort();
  vite = await createServer({ configFile: false, root: process.cwd(), logLevel: 'error', server: { port, host: '127.0.0.1', strictPort: true, hmr: false }, optimizeDeps: { noDiscovery: true, include: [] } });
  await vite.listen();
  base = `http://127.0.0.1:${port}/e2e/field-harness.html`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await vite?.close();
});

/** A phone page of the harness in a language, with the device copy, geolocation at a grid centre and error capture. */
async function phone(lang = 'zh-CN'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang, geolocation: centre, permissions: ['geolocation'] });
  await context.addCookies([{ name: 'lang', value: lang, url: base }]);
  await context.addInitScript((f) => ((window as unknown as { fieldFixture: unknown }).fieldFixture = f), fixture);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  return { context, page, errors };
}

/** The server's request schema of each record kind: every body a screen saves must pass it. */
const schemas: Record<string, { safeParse(v: unknown): { success: boolean; error?: unknown } }> = {
  'patrol.start': PatrolStartSchema, 'patrol.end': PatrolEndSchema, 'patrol.track': TrackChunkSchema, 'patrol.finding': FindingSchema, visit: VisitSchema,
  assessment: AssessmentSchema, 'household.create': HouseholdCreateSchema, 'household.update': HouseholdUpdateSchema, 'person.create': PersonCreateSchema, 'person.update': PersonUpdateSchema,
};
function expectServerAccepts(rows: Row[]): void {
  for (const r of rows.filter((x) => x.kind !== 'attachment')) {
    const parsed = schemas[r.kind]!.safeParse(r.body);
    expect(parsed.success, `${r.kind}: ${JSON.stringify(parsed.error)}`).toBe(true);
  }
}

const outbox = (page: Page) => page.evaluate(async () => (await (window as unknown as { fieldStore: { allRows(): Promise<unknown[]> } }).fieldStore.allRows()) as Row[]);
const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('field app screens (390×844)', () => {
  it('home lists overdue tasks in red first, rule words not codes, in every language; Tibetan drawn with its font', async () => {
    for (const lang of ['zh-CN', 'zh-TW', 'en', 'bo']) {
      const { context, page, errors } = await phone(lang);
      const list = page.getByTestId('tasks-list');
      // Today's and the overdue one on the home screen, the later one behind its link.
      await expect.poll(() => list.locator('li').count()).toBe(2);
      expect(await page.getByTestId('tasks-later').innerText()).toMatch(/1/);
      const first = list.locator('li').first();
      await expect.poll(() => first.getAttribute('class')).toContain('overdue');
      expect(await first.evaluate((el) => getComputedStyle(el.querySelector('.due')!).color)).toBe('rgb(207, 19, 34)');
      const text = await list.innerText();
      expect(text).not.toMatch(/risk_high|special_care/);
      if (lang === 'zh-CN') expect(text).toMatch(/逾期 3 天[\s\S]*今天到期/);
      if (lang === 'bo') {
        await expect.poll(() => page.evaluate(() => document.fonts.check('16px "Noto Serif Tibetan"', 'ལྟ་སྐོར'))).toBe(true);
        expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('Tibetan') && f.status === 'loaded'))).toBe(true);
      }
      expect(await noSideScroll(page)).toBe(true);
      await page.screenshot({ path: join(shots, `field-home-${lang}.png`), fullPage: true });
      if (lang === 'zh-CN') {
        await page.getByTestId('tasks-later').click();
        await expect.poll(() => page.getByTestId('tasks-list').locator('li').count()).toBe(3);
        expect(await page.getByTestId('tasks-list').innerText()).not.toMatch(/some_new_rule/);
        await page.goto(`${base}#/home`);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('a patrol: grid by name, track chunks after its start, 六必查, a finding with a shrunk photo, the end', async () => {
    const { context, page, errors } = await phone();
    await page.getByTestId('home-patrol').click();
    await page.getByTestId('patrol-grid').selectOption({ label: grid.name });
    await page.screenshot({ path: join(shots, 'field-patrol-start-zh-CN.png') });
    await page.getByTestId('patrol-start').click();
    await expect.poll(() => page.getByTestId('patrol-clock').isVisible()).toBe(true);
    // Walk north 30 m at a time: every position is kept (≥ 25 m), 20 of them make the first chunk.
    for (let i = 1; i <= 22; i++) {
      await context.setGeolocation({ latitude: centre.latitude + (i * 30) / 111_195, longitude: centre.longitude });
      await expect.poll(() => page.getByTestId('patrol-points').innerText()).toContain(`轨迹点 ${i + 1} 个`);
    }
    let rows = await outbox(page);
    const start = rows.find((r) => r.kind === 'patrol.start')!;
    expect(start.body).toMatchObject({ gridCode: grid.code });
    const chunk = rows.find((r) => r.kind === 'patrol.track')!;
    expect(chunk.dependsOn).toEqual([start.id]);
    expect(chunk.body.seq).toBe(0);
    expect((chunk.body.points as number[][]).length).toBe(20);
    expect((chunk.body.points as number[][])[0]!.length).toBe(4);

    // 六必查: a problem with rented housing opens a finding tied to that item.
    await page.getByTestId('item-rentals-problem').check({ force: true });
    await page.screenshot({ path: join(shots, 'field-patrol-running-zh-CN.png'), fullPage: true });
    await page.getByTestId('finding-for-rentals').click();
    await page.getByTestId('finding-add').click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('请选择问题类别');
    await page.getByTestId('finding-category').selectOption({ label: '违章搭建' });
    await page.getByTestId('finding-description').fill('出租屋院内私搭彩钢棚');
    // A 3000×2000 photo is kept as a JPEG of at most 1600 px.
    const png = await page.evaluate(async () => {
      const c = document.createElement('canvas');
      c.width = 3000;
      c.height = 2000;
      const g = c.getContext('2d')!;
      g.fillStyle = '#2a7';
      g.fillRect(0, 0, 3000, 2000);
      const b = await new Promise<Blob>((r) => c.toBlob((x) => r(x!), 'image/png'));
      return [...new Uint8Array(await b.arrayBuffer())];
    });
    await page.getByTestId('finding-photo').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    await expect.poll(() => page.getByTestId('finding-thumbs').locator('img').count()).toBe(1);
    await page.getByTestId('finding-voice').setInputFiles({ name: 'note.wav', mimeType: 'audio/wav', buffer: Buffer.from('RIFF$\0\0\0WAVEfmt ') });
    await expect.poll(() => page.getByTestId('finding-place').innerText()).toContain('已定位');
    await page.screenshot({ path: join(shots, 'field-finding-zh-CN.png'), fullPage: true });
    await page.getByTestId('finding-add').click();
    await expect.poll(() => page.getByTestId('patrol-findings').innerText()).toContain('同步后生成案件编号');
    rows = await outbox(page);
    const finding = rows.find((r) => r.kind === 'patrol.finding')!;
    expect(finding.body).toMatchObject({ categoryId: 'c1', description: '出租屋院内私搭彩钢棚', templateItem: 'liubicha.rentals', lat: expect.any(Number), lng: expect.any(Number) });
    expect(finding.dependsOn).toEqual([start.id]);
    const files = rows.filter((r) => r.kind === 'attachment' && r.dependsOn[0] === finding.id);
    expect(files.map((f) => f.attachment!.kind).sort()).toEqual(['photo', 'voice']);
    const photoId = files.find((f) => f.attachment!.kind === 'photo')!.id;
    const size = await page.evaluate(async (id) => {
      const b = await (window as unknown as { fieldStore: { getBlob(id: string): Promise<{ blob: Blob }> } }).fieldStore.getBlob(id);
      const bmp = await createImageBitmap(b.blob);
      return { w: bmp.width, h: bmp.height, type: b.blob.type };
    }, photoId);
    expect(size).toEqual({ w: 1600, h: 1067, type: 'image/jpeg' });

    // Once synced, the patrol shows the case code the server answered.
    await page.evaluate(async (id) => {
      const w = window as unknown as { fieldStore: { getRow(id: string): Promise<Record<string, unknown>>; putRows(r: unknown[]): Promise<void> }; fieldChanged(): void };
      const row = await w.fieldStore.getRow(id);
      await w.fieldStore.putRows([{ ...row, state: 'synced', answer: { id, caseCode: 'A2612020007' } }]);
      w.fieldChanged();
    }, finding.id);
    await expect.poll(() => page.getByTestId('patrol-findings').innerText()).toContain('案件编号 A2612020007');

    await page.getByTestId('patrol-end').click();
    await expect.poll(() => page.getByTestId('tasks-list').isVisible()).toBe(true);
    rows = await outbox(page);
    const chunks = rows.filter((r) => r.kind === 'patrol.track').map((r) => r.body.seq).sort();
    expect(chunks).toEqual([0, 1]);
    const end = rows.find((r) => r.kind === 'patrol.end')!;
    expect(end.dependsOn).toEqual([start.id]);
    expect(end.body).toMatchObject({ answers: { rentals: 'problem' } });
    expectServerAccepts(await outbox(page));
    // The checklist survives the server's parsing (it is kept, not stripped as an unknown field).
    expect(PatrolEndSchema.parse(end.body)).toMatchObject({ templateId: expect.any(String), answers: { rentals: 'problem' } });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visit from a task carries the task, asks for the required items, and a correction supersedes it', async () => {
    const { context, page, errors } = await phone();
    await page.getByTestId('tasks-list').getByRole('button').first().click();
    await expect.poll(() => page.getByTestId('subject-chosen').innerText()).toContain('李*芬');
    await page.getByTestId('visit-save').click();
    await expect.poll(() => page.locator('.item.invalid').count()).toBe(4);
    for (const code of ['household_members', 'person_categories', 'area_facilities', 'hazards_conflicts']) await page.getByTestId(`item-${code}-true`).check({ force: true });
    await page.getByTestId('visit-note').fill('家中一切正常');
    await page.screenshot({ path: join(shots, 'field-visit-zh-CN.png'), fullPage: true });
    expect(await noSideScroll(page)).toBe(true);
    await page.getByTestId('visit-save').click();
    await expect.poll(() => page.getByTestId('tasks-list').isVisible()).toBe(true);
    let rows = await outbox(page);
    const visit = rows.find((r) => r.kind === 'visit')!;
    expect(visit.body).toMatchObject({ templateId: tplId('sibiqing'), subjectType: 'household', subjectId: '10000000-0000-4000-8000-000000000002', taskId: '30000000-0000-4000-8000-000000000001', note: '家中一切正常', answers: { household_members: true, hazards_conflicts: true } });
    // Correct it: a new record that supersedes the first, the first left as it was.
    await page.getByTestId('home-visit').click();
    await page.getByTestId(`correct-${visit.id}`).click();
    await page.getByTestId('item-hazards_conflicts-false').check({ force: true });
    await page.getByTestId('visit-save').click();
    await expect.poll(async () => (await outbox(page)).filter((r) => r.kind === 'visit').length).toBe(2);
    rows = await outbox(page);
    const fix = rows.find((r) => r.kind === 'visit' && r.id !== visit.id)!;
    expect(fix.supersedes).toBe(visit.id);
    expect(fix.body).toMatchObject({ supersedes: visit.id, answers: { hazards_conflicts: false } });
    expect(fix.body.taskId).toBeUndefined();
    expect(rows.find((r) => r.id === visit.id)!.body).toEqual(visit.body);
    expectServerAccepts(await outbox(page));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a visit picked by name keeps its draft when the worker leaves the screen, and stops holding back an update', async () => {
    const { context, page, errors } = await phone('zh-TW');
    await page.getByTestId('home-visit').click();
    await page.getByTestId('subject-search').fill('新街');
    await page.getByTestId('pick-10000000-0000-4000-8000-000000000003').click();
    await page.getByTestId('template-wubifang').check({ force: true });
    await page.getByTestId('visit-note').fill('草稿內容');
    await page.screenshot({ path: join(shots, 'field-visit-zh-TW.png'), fullPage: true });
    const dirty = () => page.evaluate(() => (window as unknown as { fieldShell: { dirtyCount(): number } }).fieldShell.dirtyCount());
    expect(await dirty()).toBe(1); // the update banner waits while a form holds input
    // Leaving through the shell's menu (a <details> under the header: opened first).
    await page.locator('.field-menu > summary').click();
    await page.getByRole('link', { name: '首頁' }).click();
    await expect.poll(dirty).toBe(0); // left: the draft is written, an update may reload
    await page.goto(`${base}#/home`);
    await page.getByTestId('home-visit').click();
    await expect.poll(() => page.getByTestId('visit-note').inputValue()).toBe('草稿內容');
    expect(await page.getByTestId('subject-chosen').innerText()).toContain('新街');
    expect(await page.getByTestId('template-wubifang').isChecked()).toBe(true);
    expectServerAccepts(await outbox(page));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an assessment shows the level live (高 in red) and saves the answers', async () => {
    const { context, page, errors } = await phone('en');
    await page.getByTestId('home-assessment').click();
    await page.getByTestId('subject-search').fill('14');
    await page.getByTestId('pick-10000000-0000-4000-8000-000000000002').click();
    const risk = templates.find((x) => x.kind === 'risk')!;
    for (const item of risk.items as { code: string; type: string; options?: { code: string }[] }[]) {
      const value = item.type === 'choice' ? item.options![0]!.code : 'false';
      await page.getByTestId(`item-${item.code}-${value}`).check({ force: true });
    }
    await expect.poll(() => page.getByTestId('risk-level').getAttribute('data-level')).toBe('low');
    await page.getByTestId('item-domestic_violence-true').check({ force: true });
    await page.getByTestId('item-unresolved_dispute-true').check({ force: true });
    await expect.poll(() => page.getByTestId('risk-level').getAttribute('data-level')).toBe('high');
    expect(await page.getByTestId('risk-level').innerText()).toBe('High risk');
    expect(await page.getByTestId('risk-level').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 19, 34)');
    await page.screenshot({ path: join(shots, 'field-assessment-en.png'), fullPage: true });
    await page.getByTestId('assessment-save').click();
    await expect.poll(async () => (await outbox(page)).some((r) => r.kind === 'assessment')).toBe(true);
    const row = (await outbox(page)).find((r) => r.kind === 'assessment')!;
    expect(row.body).toMatchObject({ householdId: '10000000-0000-4000-8000-000000000002', templateId: risk.id, answers: { domestic_violence: true, unresolved_dispute: true } });
    expectServerAccepts(await outbox(page));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('registering a household checks the ID number, then saves the household and its head after it', async () => {
    const { context, page, errors } = await phone();
    await page.getByTestId('home-household').click();
    await page.getByTestId('household-address').fill('城关镇向阳路20号');
    await page.getByTestId('household-head').fill('张三');
    await page.getByTestId('household-id-number').fill('110101199003070000');
    await expect.poll(() => page.getByText('身份证号不正确').isVisible()).toBe(true);
    await page.getByTestId('household-save').click();
    expect((await outbox(page)).length).toBe(0);
    await page.getByTestId('household-id-number').fill('110101199003076632');
    await page.getByTestId('household-phone').fill('138 0013 8000');
    await page.screenshot({ path: join(shots, 'field-household-zh-CN.png'), fullPage: true });
    await page.getByTestId('household-save').click();
    await expect.poll(async () => (await outbox(page)).length).toBe(2);
    const rows = await outbox(page);
    const house = rows.find((r) => r.kind === 'household.create')!;
    const head = rows.find((r) => r.kind === 'person.create')!;
    expect(house.body).toMatchObject({ gridCode: grid.code, address: '城关镇向阳路20号' });
    expect(head.body).toMatchObject({ householdId: house.id, relation: '02', name: '张三', idNumber: '110101199003076632', phone: '13800138000', personType: '01' });
    expect(head.dependsOn).toEqual([house.id]);
    expectServerAccepts(await outbox(page));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a person joins a household with a relation; changes carry the version read', async () => {
    const { context, page, errors } = await phone();
    await page.getByTestId('home-person').click();
    await page.getByTestId('subject-search').fill('向阳路12');
    await page.getByTestId('pick-10000000-0000-4000-8000-000000000001').click();
    await page.getByTestId('person-relation').selectOption({ label: '配偶' });
    await page.getByTestId('person-name').fill('刘芳');
    await page.screenshot({ path: join(shots, 'field-person-zh-CN.png'), fullPage: true });
    await page.getByTestId('person-save').click();
    await expect.poll(async () => (await outbox(page)).length).toBe(1);
    expect((await outbox(page))[0]!.body).toMatchObject({ gridCode: grid.code, householdId: '10000000-0000-4000-8000-000000000001', relation: '10', name: '刘芳', personType: '01' });
    await page.goto(`${base}#/person?id=20000000-0000-4000-8000-000000000001`);
    await page.getByTestId('person-phone').fill('13900139000');
    await page.getByTestId('person-save').click();
    await page.goto(`${base}#/household?id=10000000-0000-4000-8000-000000000003`);
    await page.getByTestId('household-address').fill('城关镇新街5号');
    await page.getByTestId('household-save').click();
    await expect.poll(async () => (await outbox(page)).length).toBe(3);
    const rows = await outbox(page);
    const person = rows.find((r) => r.kind === 'person.update')!;
    expect([person.method, person.path, person.body]).toEqual(['PATCH', '/api/people/20000000-0000-4000-8000-000000000001', { version: 1, phone: '13900139000', personType: '01' }]);
    const house = rows.find((r) => r.kind === 'household.update')!;
    expect([house.method, house.path, house.body]).toEqual(['PATCH', '/api/households/10000000-0000-4000-8000-000000000003', { version: 2, address: '城关镇新街5号' }]);
    expectServerAccepts(await outbox(page));
    expect(errors).toEqual([]);
    await context.close();
  });
});
