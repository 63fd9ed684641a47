/**
 * Petitions in the browser (issue 14): the county petition officer registers a letter with its scan, transfers it
 * to a department on the card, the department accepts it there (the 受理告知书 is generated: its text read back with
 * pdftotext names the matter and the body, pdffonts shows embedded subset fonts, page 1 becomes a PNG), the notice
 * is served by post, the department replies, the reply is served, and the petitioner rates on the tracking page,
 * which shows no personal data. E2E_SERVER_URL reuses a running server. Screenshots at desktop and phone size in zh-CN and en go to PETITION_SHOTS
 * (default e2e/artifacts/petitions).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { gridCentre } from './demo-api.ts';
import { confirmDialog, demoWorld, ok, screenshots, staffApi as apiOf } from './harness.ts';
import { watchErrors } from './staff-session.ts';

const shot = screenshots('PETITION_SHOTS', 'petitions');
const shots = shot.dir;
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
const matter = '本人承包的草场被邻村围栏占用约二十亩，多次协商未果，请求依法处理';

const world = demoWorld();
const signIn = world.signIn;
const staffApi = (username: string) => apiOf(world.server.url, username);
let code = '';
let key = '';

/** A button's name as Ant Design draws it (a space between two Chinese characters: 转 送). */
const button = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/** Clicks an action on the open card and confirms its dialog after `fill` filled it. */
const act = (page: Page, name: string, fill?: Parameters<typeof confirmDialog>[3]) => confirmDialog(page, page.getByTestId('petition-actions').getByRole('button', { name: button(name) }), name, fill);

describe('a letter petition from registration to the petitioner’s rating', () => {
  it('the county petition officer registers a letter with its scan; the card opens on its code', async () => {
    const { page, errors } = await signIn('county.petitionOfficer');
    await page.getByRole('menuitem', { name: /信访$/ }).click();
    await page.getByTestId('petition-boxes').waitFor();
    await page.getByTestId('petition-register').click();
    const dialog = page.getByRole('dialog', { name: '信访登记' });
    await dialog.getByText('来信', { exact: true }).click();
    await dialog.locator('input[type=file]').first().setInputFiles({ name: 'letter.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => dialog.locator('.ant-upload-list-item-done').count()).toBe(1);
    const first = dialog.getByTestId('petitioner-0');
    await first.getByPlaceholder('姓名').fill('马建国');
    await first.getByPlaceholder('联系电话').fill('13997012345');
    // A wrong ID number is caught at the desk, as the registry catches it.
    await first.getByPlaceholder('身份证号').fill('632221198001011230');
    await dialog.getByTestId('petition-category').click();
    await page.locator('.ant-cascader-menu-item').first().click();
    await page.locator('.ant-cascader-menu').nth(1).locator('.ant-cascader-menu-item').first().click();
    await dialog.getByTestId('petition-matter').fill(matter);
    await dialog.getByTestId('petition-village').click();
    await page.keyboard.type('城关');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '城关社区' }).first().click();
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => first.locator('.ant-form-item-explain-error').textContent()).toContain('校验位');
    await first.getByPlaceholder('身份证号').fill('');
    await shot(page, 'desktop-zh-CN-1-register');
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => page.url()).toMatch(/\/petitions\/\d{6}-X[0-9A-Z]{7}/);
    code = decodeURIComponent(page.url().split('/petitions/')[1]!.split('?')[0]!);
    await expect.poll(() => page.getByTestId('petition-status').textContent()).toBe('已登记');
    await expect.poll(() => page.getByTestId('petition-clocks').textContent()).toContain('转送交办');
    expect(await page.getByTestId('petition-drawer').textContent()).toContain('马*');
    await shot(page, 'desktop-zh-CN-2-card-registered');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the officer transfers it to a department on the card', async () => {
    const { page, errors } = await signIn('county.petitionOfficer');
    await page.goto(`${world.server.url}/petitions/${code}`);
    await act(page, '转送', async (d) => {
      await d.getByTestId('petition-body-department').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '住房和城乡建设局' }).click();
    });
    await expect.poll(() => page.getByTestId('petition-status').textContent()).toBe('已转送/交办');
    await expect.poll(() => page.getByTestId('petition-clocks').textContent()).toContain('书面告知');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the department accepts it; the 受理告知书 names the matter and the body, with embedded fonts', async () => {
    const { page, errors } = await signIn('dept.housing');
    await page.goto(`${world.server.url}/petitions/${code}`);
    await act(page, '受理');
    await expect.poll(() => page.getByTestId('petition-status').textContent()).toBe('办理中');
    await expect.poll(() => page.getByTestId('petition-documents').locator('.ant-list-item').count()).toBeGreaterThan(0);
    const href = (await page.getByTestId('petition-document-download').first().getAttribute('href'))!;
    const pdf = await (await staffApi('dept.housing')).bytes(href);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    const file = join(shots, 'acceptance-notice.pdf');
    writeFileSync(file, pdf.body);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(matter.slice(0, 12));
    expect(text).toContain('住房和城乡建设局');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+\S+\s.*yes\s+yes/); // subset (ABCDEF+Name), embedded, subset
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(shots, 'acceptance-notice')]);
    await shot(page, 'desktop-zh-CN-3-accepted');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the notice is served by post with its tracking number', async () => {
    const { page, errors } = await signIn('dept.housing');
    await page.goto(`${world.server.url}/petitions/${code}`);
    await page.getByTestId('petition-record-service').first().click();
    const dialog = page.getByRole('dialog', { name: '登记送达' });
    await dialog.getByText('邮寄送达').click();
    await dialog.getByTestId('petition-tracking-no').fill('1180123456789');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
    await page.waitForTimeout(800);
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => page.getByTestId('petition-service').first().textContent()).toContain('1180123456789');
    await shot(page, 'desktop-zh-CN-4-served');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the department replies; the reply is served in person', async () => {
    const { page, errors } = await signIn('dept.housing');
    await page.goto(`${world.server.url}/petitions/${code}`);
    await act(page, '答复', async (d) => {
      await d.getByLabel('查明事实').fill('经现场核实，邻村围栏占用信访人承包草场约二十亩属实');
      await d.getByLabel('依据').fill('《中华人民共和国农村土地承包法》有关规定');
      await d.getByLabel('处理意见').fill('责令邻村十五日内拆除越界围栏，恢复草场原状');
    });
    await expect.poll(() => page.getByTestId('petition-status').textContent()).toBe('已答复');
    await page.getByTestId('petition-record-service').first().click();
    const dialog = page.getByRole('dialog', { name: '登记送达' });
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => page.getByTestId('petition-service').count()).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('petition-clocks').textContent()).toContain('复查申请');
    const card = await (await staffApi('dept.housing')).get(`/api/petitions/${code}`);
    key = card.petitionerKey ?? '';
    await shot(page, 'desktop-zh-CN-5-replied-served');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the tracking page shows the stage without personal data, and the petitioner rates it', async () => {
    const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${world.server.url}/track/${code}${key ? `#k=${encodeURIComponent(key)}` : ''}`);
    await expect.poll(() => page.getByTestId('petition-stage').textContent()).toBe('已答复');
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toContain('马');
    expect(text).not.toContain('13997012345');
    expect(text).toContain('住房和城乡建设局');
    await shot(page, 'phone-zh-CN-6-track');
    if (key) {
      await page.getByTestId('petition-rating').getByRole('button', { name: '满意', exact: true }).click();
      await expect.poll(() => page.getByTestId('petition-rated').textContent()).toContain('满意');
      await shot(page, 'phone-zh-CN-7-rated');
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('an online petition rated by its petitioner', () => {
  it('a resident petitions from the phone, staff handle it, and the tracking link lets the petitioner rate', async () => {
    const { lat, lng } = await gridCentre(world.server.url, '632221100001');
    const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', geolocation: { latitude: lat, longitude: lng }, permissions: ['geolocation'] });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${world.server.url}/report/petition`);
    await page.getByRole('button', { name: '使用当前位置' }).click();
    await expect.poll(() => page.getByTestId('place-state').textContent()).toContain('已定位');
    await page.locator('select[name=category]').selectOption({ index: 1 });
    await page.locator('textarea[name=matter]').fill('村道年久失修，雨天无法通行，请求安排维修');
    await page.locator('input[name=name]').fill('韩德明');
    await page.locator('input[name=phone]').fill('13897011234');
    await page.getByRole('button', { name: '提交信访' }).click();
    const online = (await page.getByTestId('petition-code').textContent({ timeout: 20_000 }))!.trim();
    const link = (await page.getByTestId('petition-link').textContent())!.trim();
    expect(link).toContain(`/track/${online}#k=`);
    await shot(page, 'phone-zh-CN-8-online-done');
    // Staff take it through to a served reply over the API (the card's forms are the letter's test above).
    const post = async (user: string, action: string, body: unknown) => {
      const login = await fetch(`${world.server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: 'Anwang@2026' }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const r = await fetch(`${world.server.url}/api/petitions/${online}/actions/${action}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify(body) });
      expect(r.status, `${action}: ${await r.clone().text()}`).toBe(200);
    };
    const departments = (await (await staffApi('county.petitionOfficer')).get('/api/departments')) as { id: string; name: string }[];
    const housing = departments.find((d) => d.name.includes('住房和城乡建设局'))!;
    await post('county.petitionOfficer', 'transfer', { to: { departmentId: housing.id } });
    await post('dept.housing', 'accept', {});
    await post('dept.housing', 'conclude', { facts: '经核实村道破损属实', basis: '农村公路管理养护有关规定', decision: '列入本年度养护计划，三十日内修复' });
    await post('dept.housing', 'serve', { method: 'sms_link', servedAt: new Date().toISOString() });
    await page.goto(link);
    await expect.poll(() => page.getByTestId('petition-stage').textContent()).toBe('已答复');
    expect(await page.locator('main').textContent()).not.toContain('韩');
    await page.getByTestId('petition-rating').getByRole('button', { name: '基本满意', exact: true }).click();
    await expect.poll(() => page.getByTestId('petition-rated').textContent()).toContain('基本满意');
    await shot(page, 'phone-zh-CN-9-online-rated');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the pages at other sizes and in English', () => {
  it('workbench and card on a phone in zh-CN, and on a desktop and a phone in English', async () => {
    for (const [size, lang] of [['phone', 'zh-CN'], ['desktop', 'en'], ['phone', 'en']] as const) {
      const { page, errors } = await signIn('county.petitionOfficer', size, lang);
      await page.goto(`${world.server.url}/petitions?box=all`);
      await page.getByTestId('petition-boxes').waitFor();
      await expect.poll(() => page.getByTestId('petition-list').textContent()).toContain(code);
      await shot(page, `${size}-${lang}-workbench`);
      await page.goto(`${world.server.url}/petitions/${code}`);
      await page.getByTestId('petition-status').waitFor();
      if (lang === 'en') expect(await page.getByTestId('petition-drawer').textContent()).not.toMatch(/已登记|办理中|已答复/);
      await shot(page, `${size}-${lang}-card`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
  it('the online petition form on a phone in zh-CN and English', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang });
      await context.addCookies([{ name: 'lang', value: lang, url: world.server.url }]);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${world.server.url}/report/petition`);
      await page.getByTestId('petition-form').waitFor();
      await shot(page, `phone-${lang}-online-form`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe('a petition becomes a case', () => {
  it('转为案件 on the petition card makes a case with the petitioner as reporter; the case card names the petition, and each code opens the other', async () => {
    const { page, errors } = await signIn('county.petitionOfficer');
    await page.goto(`${world.server.url}/petitions/${code}`);
    await page.getByTestId('petition-make-case').click();
    const dialog = page.getByRole('dialog', { name: '转为案件' });
    await dialog.waitFor();
    // The letter's category is a case category: it is offered as it is.
    expect(await dialog.getByTestId('make-case-category').textContent()).not.toBe('');
    await dialog.getByText('以信访人为反映人').click();
    await shot(page, 'desktop-zh-CN-10-make-case');
    await dialog.getByRole('button', { name: ok }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const links = page.getByTestId('petition-case-codes');
    await expect.poll(() => links.textContent()).toMatch(/\d{6}-[0-9A-Z]{8}/);
    const caseCode = (await links.textContent())!.match(/\d{6}-[0-9A-Z]{8}/)![0];
    await links.getByRole('button', { name: caseCode }).click();
    await expect.poll(() => page.url()).toContain(`/cases/${caseCode}`);
    const drawer = page.getByTestId('case-drawer');
    await expect.poll(() => drawer.getByTestId('case-petition-codes').textContent()).toContain(code);
    const text = (await drawer.textContent())!;
    expect(text).toContain('由信访件转入');
    expect(text).toContain('马*');
    expect(text).toContain(matter.slice(0, 12));
    await shot(page, 'desktop-zh-CN-11-case-from-petition');
    // The case page itself, opened by its address, names the petition too; its code opens the petition's card.
    await page.goto(`${world.server.url}/cases/${caseCode}`);
    await drawer.getByTestId('case-petition-codes').getByRole('button', { name: code }).click();
    await expect.poll(() => page.url()).toContain(`/petitions/${code}`);
    await expect.poll(() => page.getByTestId('petition-case-codes').textContent()).toContain(caseCode);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
