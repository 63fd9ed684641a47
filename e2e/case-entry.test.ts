/**
 * Places by name, in a browser (issue 12): a walk-in case entered by picking a village from the tree and a point on
 * the map (no typed code, no typed latitude), and an account whose scope is picked from the region tree.
 * The server runs without a tile server: the maps show grid outlines, village names and a note in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generate } from 'otplib';
import { artifacts, launchBrowser, signInAt, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A session cookie for a demo account, through the API. */
async function apiLogin(username: string, totp?: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Anwang@2026', totp }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function getJson<T>(cookie: string, path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function signIn(page: Page, username: string) {
  await signInAt(page, server.url, username);
  await expect.poll(() => page.getByTestId('whoami').count()).toBe(1);
}

describe('a walk-in case entered by picking a village from the tree and a point on the map', () => {
  it('creates the case in that village at the clicked point', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, 'township.operator');
    await page.goto(`${server.url}/cases`);
    await page.getByRole('button', { name: '登记案件' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('point-picker').count()).toBe(1);
    // Nowhere to type a code or a latitude.
    for (const label of ['村(社区)代码', '纬度', '经度']) expect(await dialog.getByText(label, { exact: true }).count()).toBe(0);

    // 渠道: 来访 (walk-in).
    await dialog.getByTestId('case-channel').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '来访' }).click();
    // A category: 市政设施 → 道路破损.
    await dialog.getByTestId('case-category').click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '市政设施' }).click();
    await page.locator('.ant-cascader-menu-item').filter({ hasText: '道路破损' }).click();

    // The village from the tree, found by typing part of its name.
    await dialog.getByTestId('case-village').click();
    await page.keyboard.type('城关');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '城关社区' }).first().click();
    await expect.poll(() => dialog.getByTestId('case-village').textContent()).toContain('城关社区');

    // The map shows the village's grid outlines, its name, and says in words that there is no base map.
    const map = dialog.getByTestId('point-picker');
    await expect.poll(() => map.locator('.leaflet-overlay-pane path').count()).toBeGreaterThan(0);
    await expect.poll(() => map.locator('.village-label').filter({ hasText: '城关社区' }).count()).toBe(1);
    expect(await dialog.getByTestId('no-tiles-note').textContent()).toContain('未配置底图，仅显示网格边界和村名');
    expect(await dialog.textContent()).not.toContain('ANWANG_TILE_URL');
    // No attribution control at all without a tile source (and never Leaflet's flag).
    expect(await map.locator('.leaflet-control-attribution').count()).toBe(0);
    await page.waitForTimeout(400); // the fit-to-village animation
    // A point in the middle of the village's outlines.
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => dialog.getByTestId('point-picked').textContent()).toMatch(/已选点：城关社区.*网格/);
    const lat = Number(await map.getAttribute('data-lat'));
    const lng = Number(await map.getAttribute('data-lng'));
    expect(lat).toBeGreaterThan(30);
    expect(lng).toBeGreaterThan(90);

    await dialog.getByLabel('内容').fill('城关社区东街路面塌陷一处，约一米见方，请尽快处理');
    await dialog.getByLabel('反映人姓名').fill('马建国');
    await dialog.getByLabel('联系电话').fill('13997012345');
    await page.screenshot({ path: join(artifacts, 'case-entry-1-filled.png') });
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    const toast = page.locator('.ant-message').filter({ hasText: '已登记' });
    await expect.poll(() => toast.count()).toBe(1);
    const code = (await toast.textContent())!.match(/\d{6}-[0-9A-Z]{8}/)![0];

    const cookie = await apiLogin('township.operator');
    const [village] = await getJson<{ code: string }[]>(cookie, `/api/regions/search?q=${encodeURIComponent('城关社区')}&level=village`);
    const c = await getJson<{ channel: string; villageCode: string; villageName: string; lat: number; lng: number; gridCode: string | null }>(cookie, `/api/cases/${code}`);
    expect(c).toMatchObject({ channel: 'visit', villageCode: village!.code, villageName: '城关社区', lat, lng });
    expect(c.gridCode?.startsWith(village!.code)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('an account whose scope is picked from the region tree', () => {
  it('creates a grid worker placed in a village chosen by opening the tree, then moves them by search', async () => {
    // The system administrator enrols TOTP through the API; the browser uses that session.
    const first = await apiLogin('county.sysadmin');
    const setup = await fetch(`${server.url}/api/auth/totp/setup`, { method: 'POST', headers: { cookie: first, 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json());
    const enrol = await fetch(`${server.url}/api/auth/totp/enroll`, { method: 'POST', headers: { cookie: first, 'content-type': 'application/json' }, body: JSON.stringify({ code: await generate({ secret: setup.secret }) }) });
    expect(enrol.status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const [name, value] = first.split('=');
    await context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const page = await context.newPage();
    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('e2e.gridworker');
    await dialog.getByLabel('姓名').fill('测试网格员');
    await dialog.getByLabel('角色').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '网格员' }).click();
    // Open the tree: 门源回族自治县 → 浩门镇 (loaded as it opens) → 城关社区.
    await dialog.getByTestId('user-scope').click();
    const township = page.locator('.ant-select-tree-treenode').filter({ has: page.locator('.ant-select-tree-title', { hasText: /^浩门镇$/ }) });
    await township.locator('.ant-select-tree-switcher').click();
    await page.locator('.ant-select-tree-title', { hasText: /^城关社区$/ }).click();
    await expect.poll(() => dialog.getByTestId('user-scope').textContent()).toContain('城关社区');
    expect(await dialog.locator('input[maxlength="12"]').count()).toBe(0);
    await dialog.getByLabel('初始密码').fill('Grid#worker2026');
    await page.screenshot({ path: join(artifacts, 'case-entry-2-user-scope.png') });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.locator('.ant-message').filter({ hasText: '已创建' }).count()).toBe(1);

    const users = await getJson<{ items: { id: string; scopeCode: string; scopeName: string }[] }>(first, '/api/users?q=e2e.gridworker');
    const [village] = await getJson<{ code: string }[]>(first, `/api/regions/search?q=${encodeURIComponent('城关社区')}&level=village`);
    expect(users.items[0]).toMatchObject({ scopeCode: village!.code, scopeName: '城关社区' });

    // Edit: the dialog shows the scope by name, and a search finds another village.
    await page.getByPlaceholder('用户名').fill('e2e.gridworker');
    await page.keyboard.press('Enter');
    const row = page.locator('tr').filter({ hasText: 'e2e.gridworker' });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    const edit = page.getByRole('dialog').filter({ hasText: '编辑 e2e.gridworker' });
    await expect.poll(() => edit.getByTestId('edit-scope').textContent()).toContain('城关社区');
    await edit.getByTestId('edit-scope').click();
    await page.keyboard.type('东关');
    await page.locator('.ant-select-tree-node-content-wrapper').filter({ hasText: '东关社区' }).first().click();
    await edit.getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(async () => (await getJson<{ items: { scopeName: string }[] }>(first, '/api/users?q=e2e.gridworker')).items[0]?.scopeName).toBe('东关社区');
    await context.close();
  });
});
