/**
 * A resident reads the result and rates it (issue 12): reported on the phone page, the case is accepted on the
 * case card (the suggested tier pre-filled, the toast naming where it went; forms that fail their checks throw
 * nothing into the console; a reveal needs a typed reason), handled by staff through the API, and the resident
 * opens the tracking link: the result text and the after-photo come before the rating. Then the resident pages in
 * zh-TW (from the phone's languages) and English (from the switch, remembered).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';
import { gridCentre } from './demo-api.ts';

let server: RunningServer;
let browser: Browser;
let phone: BrowserContext;
let code = '';
let link = '';
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(artifacts, `rating-${name}.png`) });
};

/** Errors a page throws or logs: a form that fails its checks must add none. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  // The browser's own line for an HTTP error answer (the sign-in page's 401 from /api/auth/me) is not the page's error.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(`console: ${m.text()}`));
  return errors;
}

/** A demo account's API session: JSON GET and POST (with an Idempotency-Key), and photo uploads. */
async function staffApi(username: string) {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Anwang@2026' }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const json = async (r: Response) => {
    const body = await r.json();
    if (!r.ok) throw new Error(`${r.status} ${JSON.stringify(body)}`);
    return body;
  };
  return {
    get: (path: string) => fetch(`${server.url}${path}`, { headers: { cookie } }).then(json),
    post: (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify(body) }).then(json),
    upload: (bytes: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'after.png');
      return fetch(`${server.url}/api/uploads`, { method: 'POST', headers: { cookie }, body: form }).then(json);
    },
  };
}

async function signIn(username: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const errors = watchErrors(page);
  await page.goto(server.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Anwang@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '案件办理' }).waitFor();
  return { page, errors };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { lat, lng } = await gridCentre(server.url, '632221100001');
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: { latitude: lat, longitude: lng }, permissions: ['geolocation'], locale: 'zh-CN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a resident reads the result and rates it', () => {
  it('a resident reports from the phone, the phone’s location offered first', async () => {
    const page = await phone.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/report`);
    await page.locator('select[name=category]').selectOption('sanitation.garbage');
    await page.locator('textarea[name=description]').fill('城关社区北门垃圾桶满了三天没人清运，气味很大');
    await page.getByRole('button', { name: '使用当前位置' }).click();
    await expect.poll(() => page.getByTestId('place-state').textContent()).toContain('已定位');
    await page.locator('input[name=phone]').fill('13900005678');
    await page.getByRole('button', { name: '提交' }).click();
    code = (await page.getByTestId('tracking-code').textContent({ timeout: 20_000 }))!.trim();
    link = (await page.getByTestId('tracking-link').textContent())!.trim();
    expect(link).toContain(`/track/${code}#k=`);
    // Before anyone responds, the page promises a response within the hour, not a resolution.
    await page.goto(link);
    await expect.poll(() => page.getByTestId('respond-by').textContent()).toContain('1 小时内响应');
    expect(await page.getByTestId('expected-by').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the village operator accepts it on the card: suggested tier pre-filled, the toast says where it went, failed checks stay quiet', async () => {
    const { page, errors } = await signIn('village.operator');
    await page.goto(`${server.url}/cases/${code}`);
    const actions = page.getByTestId('case-actions');
    await actions.waitFor();
    // A reveal needs a reason the user typed: OK with none marks the field and sends nothing.
    await page.getByTestId('reveal-reporter').click();
    const reveal = page.getByRole('dialog', { name: /查看反映人/ });
    await reveal.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => reveal.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await reveal.getByTestId('reveal-reason').fill('回访前核实联系电话');
    await reveal.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('case-drawer').textContent()).toContain('13900005678');
    // Rejecting without a reason fails its check on the field; nothing is thrown into the console.
    await actions.getByRole('button', { name: '不予受理' }).click();
    const reject = page.getByRole('dialog', { name: '不予受理' });
    await reject.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => reject.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await reject.getByRole('button', { name: /取\s*消/ }).click();
    await actions.getByRole('button', { name: /^受\s*理$/ }).click();
    const accept = page.getByRole('dialog', { name: '受理', exact: true });
    await expect.poll(() => accept.locator('.ant-select').first().textContent()).toContain('烦心事');
    await shot(page, '1-accept-prefilled');
    await accept.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('已受理，派往城关社区');
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('staff handle it and report back with a photo; the card shows it as 处置后 beside the request', async () => {
    const op = await staffApi('village.operator');
    const worker = await staffApi('village.gridWorker');
    const me = await worker.get('/api/auth/me');
    await op.post(`/api/cases/${code}/actions/dispatch`, { userId: me.id });
    await worker.post(`/api/cases/${code}/actions/start`, {});
    const photo = await worker.upload(png);
    await worker.post(`/api/cases/${code}/actions/reportBack`, { text: '已清运全部垃圾并对垃圾桶周边消毒', uploadIds: [photo.id] });
    // The grid worker's card offers no reveal: buttons come from what the server allows.
    const gw = await signIn('village.gridWorker');
    await gw.page.goto(`${server.url}/cases/${code}`);
    await expect.poll(() => gw.page.getByTestId('case-after').textContent()).toContain('已清运全部垃圾');
    expect(await gw.page.getByTestId('reveal-reporter').count()).toBe(0);
    await gw.page.close();
    // A colleague verifies it while the operator's dialog is open: the refusal shows in the dialog, which stays usable.
    const { page, errors } = await signIn('village.operator');
    await page.goto(`${server.url}/cases/${code}`);
    await page.getByTestId('case-actions').getByRole('button', { name: /^核\s*查$/ }).click();
    const verify = page.getByRole('dialog', { name: '核查', exact: true });
    await verify.waitFor();
    await op.post(`/api/cases/${code}/actions/verify`, { result: 'pass' });
    const pass = verify.getByLabel('通过', { exact: true });
    for (let i = 0; i < 5 && !(await pass.isChecked()); i++) await pass.check({ timeout: 2000 }).catch(() => undefined);
    await verify.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => verify.getByTestId('action-error').textContent()).toContain('当前状态下不能执行此操作');
    expect(await verify.isVisible()).toBe(true);
    await shot(page, '2a-action-refused');
    await verify.getByRole('button', { name: /取\s*消/ }).click();
    await expect.poll(() => page.getByTestId('case-after').textContent()).toContain('已清运全部垃圾');
    expect(await page.getByTestId('case-after').textContent()).toContain('处置后');
    await expect.poll(() => page.getByTestId('photos-after').locator('img').count()).toBe(1);
    const history = (await page.getByTestId('case-timeline').textContent())!;
    expect(history).toContain('群众');
    expect(history).not.toMatch(/resident|system|demo-seed|village\.operator/);
    await shot(page, '2-card-before-after');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the resident opens the tracking link, reads the result and sees the photo, then rates it', async () => {
    const stranger = await browser.newPage({ locale: 'zh-CN' });
    await stranger.goto(`${server.url}/track/${code}`);
    await expect.poll(() => stranger.getByTestId('track-status').textContent()).toContain('待评价');
    expect(await stranger.getByTestId('result').count()).toBe(0); // the result is the reporter's
    await stranger.close();
    const page = await phone.newPage();
    const errors = watchErrors(page);
    await page.goto(link);
    await expect.poll(() => page.getByTestId('result-text').textContent()).toBe('已清运全部垃圾并对垃圾桶周边消毒');
    await expect.poll(() => page.getByTestId('result-photos').locator('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length)).toBe(1);
    // The result comes before the question of how well.
    const order = await page.evaluate(() => { const r = document.querySelector('[data-testid=result]')!, q = document.querySelector('[data-testid=rating]')!; return r.compareDocumentPosition(q) & Node.DOCUMENT_POSITION_FOLLOWING; });
    expect(order).toBeTruthy();
    await shot(page, '3-phone-result');
    await page.getByTestId('rating').getByRole('button', { name: '满意', exact: true }).click();
    await expect.poll(() => page.getByTestId('track-status').textContent()).toBe('已办结');
    expect(await page.getByTestId('result-text').textContent()).toContain('已清运');
    await shot(page, '4-phone-rated');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the resident pages in other languages', () => {
  it('a zh-TW phone gets Traditional characters; the switch turns the page English and is remembered', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-TW' });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.url}/report`);
    await expect.poll(() => page.locator('header').textContent()).toContain('進度查詢');
    expect(await page.locator('form').textContent()).toContain('問題類別');
    // Private matters can be sent in confidence, marked so.
    await page.locator('select[name=category]').selectOption('publicOrder.gambling');
    await expect.poll(() => page.getByTestId('private-note').isVisible()).toBe(true);
    await shot(page, '5-zh-TW-report');
    await page.getByTestId('resident-language').selectOption('en');
    await expect.poll(() => page.locator('header').textContent()).toContain('Report a problem');
    const options = await page.locator('select[name=category] option').allTextContents();
    expect(options.filter((o) => /[\u4e00-\u9fff]/.test(o))).toEqual([]);
    expect(options.some((o) => /confidential/.test(o))).toBe(true);
    await page.goto(`${server.url}/track/${code}`);
    await expect.poll(() => page.getByTestId('track-status').textContent()).toBe('Closed');
    expect(await page.locator('main').textContent()).not.toMatch(/[：，]/);
    await shot(page, '6-en-track');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
