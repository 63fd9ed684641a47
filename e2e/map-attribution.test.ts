/**
 * Bug 11 in a browser: with a tile source configured, every staff map's attribution names that source only —
 * no Leaflet flag, word or link. The tile server itself is an outside service and is not running here (the
 * tiles fail to load; the attribution control is what is checked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';

const ATTRIBUTION = '© 测试底图 TestTiles';
let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  process.env.ANWANG_TILE_URL = 'http://127.0.0.1:9/tiles/{z}/{x}/{y}.png';
  process.env.ANWANG_TILE_ATTRIBUTION = ATTRIBUTION;
  try {
    server = await startServer();
  } finally {
    delete process.env.ANWANG_TILE_URL;
    delete process.env.ANWANG_TILE_ATTRIBUTION;
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, username: string) {
  await page.goto(server.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Anwang@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect.poll(() => page.getByTestId('whoami').count()).toBe(1);
}

/** The map's attribution says the tile source's words and nothing of Leaflet's. */
async function expectSourceOnly(map: Locator) {
  const control = map.locator('.leaflet-control-attribution');
  await expect.poll(() => control.count()).toBe(1);
  expect((await control.textContent())?.trim()).toBe(ATTRIBUTION);
  expect(await control.locator('a').count()).toBe(0);
  expect(await control.locator('svg').count()).toBe(0);
  expect(await control.innerHTML()).not.toMatch(/leaflet/i);
}

describe('map attribution (bug 11)', () => {
  it('names only the configured source on the grid map and on the case entry map, with no "no base map" note', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, 'township.operator');
    await page.goto(`${server.url}/grids`);
    const grid = page.getByTestId('grid-map');
    await expect.poll(async () => Number(await grid.getAttribute('data-grid-count'))).toBeGreaterThan(0);
    await expectSourceOnly(grid);
    expect(await page.getByTestId('no-tiles-note').count()).toBe(0);
    await page.screenshot({ path: join(artifacts, 'map-attribution-1-grids.png') });

    await page.goto(`${server.url}/cases`);
    await page.getByRole('button', { name: '登记案件' }).click();
    const picker = page.getByRole('dialog').getByTestId('point-picker');
    await expectSourceOnly(picker);
    expect(await page.getByRole('dialog').getByTestId('no-tiles-note').count()).toBe(0);
    await page.close();
  });
});
