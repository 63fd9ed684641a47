/**
 * Bug 11 in a browser: with a tile source configured, every map's attribution (staff and resident) names that source only —
 * no Leaflet flag, word or link. The tile server itself is an outside service and is not running here (the
 * tiles fail to load; the attribution control is what is checked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifacts, launchBrowser, signInAt, startServer, type RunningServer } from './server.ts';
import { gridCentre } from './demo-api.ts';

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
  await signInAt(page, server.url, username);
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
  it('names only the configured source on the grid map, the case entry map and a case card map, with no "no base map" note', async () => {
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
    await page.keyboard.press('Escape');

    // A case with a point: its card's map.
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'township.operator', password: 'Anwang@2026' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const [village] = await fetch(`${server.url}/api/regions/search?q=${encodeURIComponent('城关社区')}&level=village`, { headers: { cookie } }).then((r) => r.json());
    const at = await gridCentre(server.url, village.code);
    const created = await fetch(`${server.url}/api/cases`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'idempotency-key': `attribution-${Date.now()}` }, body: JSON.stringify({ channel: 'phone', categoryId: 'municipal.road', description: '路灯杆倾斜，影响通行', ...at }) }).then((r) => r.json());
    await page.goto(`${server.url}/cases/${created.code}`);
    await expectSourceOnly(page.getByTestId('case-map'));
    await page.close();
  });

  it('names only the configured source on the resident page\'s map', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/report`);
    await page.getByTestId('pick-map').click();
    await expectSourceOnly(page.locator('#map'));
    await page.close();
  });
});
