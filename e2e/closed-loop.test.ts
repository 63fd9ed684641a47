/**
 * The closed loop in the browser, on a phone for the resident and a desktop for staff: report with a photo
 * and a map location → the village accepts (棘手事 → township) → the township dispatches to a department →
 * the handler reports back with a photo → the township verifies → the resident rates it satisfied → the
 * dashboard counts it resolved in the township. Screenshots go to e2e/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';
import { apiAs as demoApiAs, gridCentre } from './demo-api.ts';

let server: RunningServer;
let browser: Browser;
let phone: BrowserContext;
let code = '';
let trackingLink = '';
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(400); // let dialogs and drawers finish their animation
  await page.screenshot({ path: join(artifacts, `loop-${name}.png`), fullPage: false });
};

const apiAs = (username: string) => demoApiAs(server.url, username);

async function staff(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(server.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Anwang@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '案件办理' }).click();
  return page;
}

async function openCase(page: Page, box: string) {
  await page.getByRole('tab', { name: box }).click();
  await page.getByRole('cell', { name: code }).click();
  await expect.poll(() => page.getByTestId('case-actions').isVisible()).toBe(true);
}

async function act(page: Page, action: string, fill?: (modal: ReturnType<Page['locator']>) => Promise<void>) {
  // Ant Design puts a space between the two characters of a two-character button ("受 理").
  await page.getByTestId('case-actions').getByRole('button', { name: new RegExp(`^${[...action].join('\\s*')}$`) }).click();
  const modal = page.getByRole('dialog', { name: action, exact: true });
  await modal.waitFor({ state: 'visible' });
  await fill?.(modal);
  await modal.getByRole('button', { name: /确\s*定/ }).click();
  // The dialog closes only when the action succeeded; when it stays, say what it shows (the server's refusal).
  try {
    await expect.poll(() => modal.isVisible()).toBe(false);
  } catch (e) {
    throw new Error(`the ${action} dialog stayed open, showing: ${(await modal.innerText().catch(() => '')).replace(/\s+/g, ' ')}`, { cause: e });
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The resident stands in 城关社区 (浩门镇): take a grid's centre as the phone's position.
  const { lat, lng } = await gridCentre(server.url, '632221100001');
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: { latitude: lat, longitude: lng }, permissions: ['geolocation'], locale: 'zh-CN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the closed loop in the browser', () => {
  let before: { resolvedInTownship: number; closed: number };

  it('a resident reports from a phone with a photo and a location, and gets a tracking code', async () => {
    const kpi = await apiAs('county.leader');
    before = await kpi('/api/kpis?region=632221000000');
    const page = await phone.newPage();
    await page.goto(`${server.url}/report`);
    await page.locator('select[name=category]').selectOption('municipal.road');
    await page.locator('textarea[name=description]').fill('城关社区北门外道路破了一个大坑，晚上看不清很危险');
    await page.getByTestId('photo-input').setInputFiles({ name: 'road.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator('.thumbs span').textContent()).toBe('✓');
    await page.getByRole('button', { name: '使用当前位置' }).click();
    await expect.poll(() => page.getByTestId('place-state').textContent()).toContain('已定位');
    await page.getByTestId('pick-map').click(); // the map shows the grids around the point
    await expect.poll(() => page.locator('#map path.leaflet-interactive').count()).toBeGreaterThan(0);
    await page.locator('input[name=phone]').fill('139 0000 5678');
    await shot(page, '1-phone-report');
    await page.getByRole('button', { name: '提交' }).click();
    code = (await page.getByTestId('tracking-code').textContent({ timeout: 20_000 }))!.trim();
    expect(code).toMatch(/^632221-[0-9A-Z]{8}$/);
    // The tracking link carries the reporter's key: only with it may the result be rated.
    trackingLink = (await page.getByTestId('tracking-link').textContent())!.trim();
    expect(trackingLink).toMatch(new RegExp(`/track/${code}#k=[A-Za-z0-9_-]{22}$`));
    await shot(page, '2-phone-code');
    await page.close();
  });

  it('the village operator accepts it, and being 棘手事 it goes to the township', async () => {
    const page = await staff('village.operator');
    await openCase(page, '待受理');
    await shot(page, '3-village-case');
    await act(page, '受理');
    await expect.poll(() => page.getByTestId('case-drawer').textContent()).toContain('乡(镇)');
    await page.close();
  });

  it('the township dispatches it to the department', async () => {
    const page = await staff('township.operator');
    await openCase(page, '待派遣');
    await act(page, '派遣', async (modal) => {
      await modal.locator('.ant-form-item').filter({ hasText: '部门' }).locator('.ant-select').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '住房和城乡建设局' }).click();
    });
    await expect.poll(() => page.getByTestId('case-drawer').textContent()).toContain('已派遣');
    await page.close();
  });

  it('the department handler starts and reports back with a photo', async () => {
    const page = await staff('dept.housing');
    await openCase(page, '我的待办');
    await act(page, '开始处置');
    await act(page, '反馈', async (modal) => {
      await modal.locator('textarea').fill('已回填碎石并压实，设置了警示标志');
      await modal.locator('input[type=file]').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: png });
      await expect.poll(() => modal.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').count()).toBeGreaterThan(0);
    });
    await expect.poll(() => page.getByTestId('case-drawer').textContent()).toContain('已反馈');
    await shot(page, '4-handler-reported');
    await page.close();
  });

  it('the township verifies it', async () => {
    const page = await staff('township.operator');
    await openCase(page, '待核查');
    await act(page, '核查', async (modal) => {
      // A click landing while the dialog still animates in can be lost on a busy machine: try until it holds.
      const pass = modal.getByLabel('通过', { exact: true });
      for (let i = 0; i < 5 && !(await pass.isChecked()); i++) await pass.check({ timeout: 2000 }).catch(() => undefined);
      expect(await pass.isChecked()).toBe(true);
    });
    await expect.poll(() => page.getByTestId('case-drawer').textContent()).toContain('已核查');
    await shot(page, '5-township-verified');
    await page.close();
  });

  it('the resident rates it satisfied on the tracking page', async () => {
    const stranger = await browser.newPage({ locale: 'zh-CN' });
    await stranger.goto(`${server.url}/track/${code}`);
    await expect.poll(() => stranger.getByTestId('track-status').textContent()).toContain('待评价');
    expect(await stranger.getByTestId('rating').count()).toBe(0); // without the key nobody else can rate
    await stranger.close();
    const page = await phone.newPage();
    await page.goto(trackingLink);
    await expect.poll(() => page.getByTestId('track-status').textContent()).toContain('待评价');
    await page.getByTestId('rating').getByRole('button', { name: '满意', exact: true }).click();
    await expect.poll(() => page.getByTestId('track-status').textContent()).toBe('已办结');
    const steps = await page.getByTestId('track-steps').textContent();
    expect(steps).toContain('处置完毕');
    expect(steps).not.toMatch(/township|operator|dept\./);
    await shot(page, '6-phone-rated');
    await page.close();
  });

  it('the dashboard counts it as resolved in the township', async () => {
    const kpi = await apiAs('county.leader');
    const after = await kpi('/api/kpis?region=632221000000');
    expect(after.closed).toBe(before.closed + 1);
    expect(after.resolvedInTownship).toBe(before.resolvedInTownship + 1);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('county.leader');
    await page.getByLabel('密码').fill('Anwang@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('menuitem', { name: '指挥中心' }).click();
    await expect.poll(() => page.getByTestId('kpi-closed').textContent()).toContain(String(after.closed));
    await page.waitForTimeout(800); // let the charts animate in
    await shot(page, '7-dashboard');
    await page.close();
  });
});

describe('rules as data', () => {
  it('a county system administrator sees categories with their public flag, departments, routing and deadlines', async () => {
    const { generate } = await import('otplib');
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('county.sysadmin');
    await page.getByLabel('密码').fill('Anwang@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 20_000 }))!.trim();
    await page.getByPlaceholder('123456').fill(await generate({ secret }));
    await page.getByRole('button', { name: /确认绑定/ }).click();
    await page.getByRole('menuitem', { name: '事项与规则' }).click();
    const family = page.getByRole('row').filter({ hasText: '婚姻家庭纠纷' }); // categories by name, no raw ids
    await expect.poll(() => family.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    await shot(page, '8-categories');
    await page.getByRole('tab', { name: '办理时限' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: '烦心事' }).count()).toBeGreaterThan(0);
    await shot(page, '9-deadlines');
    await page.close();
  });
});

describe('hostile input', () => {
  it('shows a report holding HTML and script as text on every page that displays it', async () => {
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>井盖<b>没了</b>';
    const res = await fetch(`${server.url}/api/public/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ categoryId: 'municipal.manhole', description: evil, address: '<svg onload="window.__xss=3">', lat: 37.88, lng: 101.12 }) });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    const page = await staff('county.operator');
    await page.getByRole('tab', { name: '全部' }).click();
    await page.getByRole('cell', { name: body.code }).click();
    await expect.poll(() => page.getByTestId('case-drawer').textContent()).toContain('<script>window.__xss=2</script>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('.ant-drawer script, .ant-drawer img[src=x], .ant-drawer svg[onload]').count()).toBe(0);
    await shot(page, '10-hostile-text');
    await page.close();
    const track = await phone.newPage();
    await track.goto(`${server.url}/track/${body.code}`);
    await expect.poll(() => track.getByTestId('track-status').textContent()).toBeTruthy();
    expect(await track.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await track.close();
  });
});
