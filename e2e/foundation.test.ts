/**
 * The web shell as people use it: a township operator signs in, sees only the township's grids on the
 * map and switches to English; a security administrator enrols TOTP at first sign-in.
 * Screenshots go to e2e/artifacts/.
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

const signIn = (page: Page, username: string, password?: string) => signInAt(page, server.url, username, password);

/** Grid counts as another user sees them through the API (to compare with what the map draws). */
async function gridTotal(username: string, region: string): Promise<number> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Anwang@2026' }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const list = await fetch(`${server.url}/api/grids?region=${region}&pageSize=1`, { headers: { cookie } });
  return (await list.json()).total;
}

describe('township operator', () => {
  it('signs in, sees only the township grids on the map, and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await signIn(page, 'township.operator');
    await expect.poll(() => page.getByTestId('whoami').textContent()).toContain('浩门镇');
    await page.screenshot({ path: join(artifacts, 'foundation-1-home.png') });

    await page.getByRole('menuitem', { name: '一张网' }).click();
    const map = page.getByTestId('grid-map');
    await expect.poll(async () => Number(await map.getAttribute('data-grid-count'))).toBeGreaterThan(0);
    const drawn = Number(await map.getAttribute('data-grid-count'));
    const township = await gridTotal('county.leader', '632221100000');
    const county = await gridTotal('county.leader', '632221000000');
    expect(drawn).toBe(township);
    expect(drawn).toBeLessThan(county);
    await expect.poll(() => page.locator('.grid-map path.leaflet-interactive').count()).toBe(drawn);
    // Every grid in the list belongs to the township (code prefix 632221100).
    await page.getByRole('tab', { name: '网格列表' }).click();
    const codes = await page.locator('.ant-table-tbody tr td:first-child').allTextContents();
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith('632221100'))).toBe(true);
    await page.getByRole('tab', { name: '网格地图' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(artifacts, 'foundation-2-grid-map.png') });

    // A grid's card: staff and household groups.
    await page.locator('.grid-map path.leaflet-interactive').first().click({ force: true });
    await expect.poll(() => page.locator('.ant-drawer').textContent()).toContain('网格长');
    await page.waitForTimeout(600); // let the drawer finish sliding in
    await page.screenshot({ path: join(artifacts, 'foundation-3-grid-card.png') });
    await page.keyboard.press('Escape');

    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: 'Grids' }).count()).toBe(1);
    await page.getByTestId('account-menu').click();
    await expect.poll(() => page.getByRole('menuitem', { name: 'Sign out' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(400); // let the language menu close
    await page.screenshot({ path: join(artifacts, 'foundation-4-english.png') });

    // Category names in English too: the list carries the Chinese name, the page names it in the UI language.
    await page.goto(`${server.url}/cases?box=all`);
    const categoryCells = () =>
      page.locator('.ant-table').evaluate((table) => {
        const col = [...table.querySelectorAll('thead th')].findIndex((th) => th.textContent?.trim() === 'Category');
        return [...table.querySelectorAll('tbody tr.ant-table-row')].map((tr) => tr.querySelectorAll('td')[col]?.textContent ?? '');
      });
    await expect.poll(async () => (await categoryCells()).length).toBeGreaterThan(0);
    const cells = await categoryCells();
    expect(cells.filter((c) => /[\u4e00-\u9fff]/.test(c))).toEqual([]);
    await page.close();
  });

  it('works on a phone-sized screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, 'village.gridWorker');
    await expect.poll(() => page.getByTestId('whoami').textContent()).toContain('城关社区');
    await page.screenshot({ path: join(artifacts, 'foundation-5-phone.png') });
    await page.close();
  });
});

describe('administrator first sign-in', () => {
  it('must enrol TOTP before anything else, then reaches user administration', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, 'prefecture.secadmin');
    const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 20_000 }))!.trim();
    await page.screenshot({ path: join(artifacts, 'foundation-6-totp-enrol.png') });
    await page.getByPlaceholder('123456').fill(await generate({ secret }));
    await page.getByRole('button', { name: /确认绑定/ }).click();
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await expect.poll(() => page.locator('.ant-table-tbody tr').count()).toBeGreaterThan(5);
    await page.screenshot({ path: join(artifacts, 'foundation-7-users.png') });
    // The menu is built from permissions: the security administrator has no grid browser.
    expect(await page.getByRole('menuitem', { name: '一张网' }).count()).toBe(0);
    await page.close();
  });
});
