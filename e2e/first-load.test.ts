/**
 * The first load stays small: the sign-in route's script is under its budget (250 KB gzipped) and holds none of the
 * app's pages; signed in, the home page fetches no chart library (ECharts) and no map (Leaflet), which come with the
 * pages that draw them. Sizes, not timings: the timing is bench/first-load.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './server.ts';

const budgetKB = 250;
let server: RunningServer;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'anwang-first-load-'));

beforeAll(async () => {
  // One region and one account: the server starts at once (no demo to build).
  writeFileSync(join(dir, 'regions.csv'), 'code,name,parent_code\n630000000000,青海省,\n');
  server = await startServer({ before: [['import', 'regions', join(dir, 'regions.csv')], ['user', 'create', '--username', 'load.leader', '--password', 'Load@2026x', '--role', 'leader', '--scope', '630000000000', '--name', '青海 领导']] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The scripts a page fetched (paths under /assets/). */
function scriptsOf(page: Page): string[] {
  const scripts: string[] = [];
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/assets/') && path.endsWith('.js')) scripts.push(path);
  });
  return scripts;
}
/** Whether a built script holds a library (by a string only that library has). */
const holds = (path: string, marker: string) => readFileSync(join('web/dist', path), 'utf8').includes(marker);
const echartsMarker = 'echarts', leafletMarker = 'leaflet-container';

describe('the sign-in page', () => {
  it(`loads under ${budgetKB} KB of script gzipped and none of the app's pages`, async () => {
    const page = await browser.newPage();
    const scripts = scriptsOf(page);
    await page.goto(`${server.url}/login`);
    await page.locator('input[autocomplete=username]').waitFor();
    await page.waitForLoadState('networkidle');
    const kb = scripts.reduce((n, p) => n + gzipSync(readFileSync(join('web/dist', p)), { level: 9 }).length, 0) / 1024;
    expect(kb, scripts.join(', ')).toBeLessThan(budgetKB);
    expect(kb).toBeGreaterThan(50); // the scripts were found and measured
    for (const name of ['Shell', 'HomePage', 'CasesPage', 'PeoplePage', 'DashboardPage', 'GridBrowser', 'Chart']) expect(scripts.filter((p) => p.includes(`/${name}-`)), name).toEqual([]);
    expect(scripts.filter((p) => holds(p, echartsMarker) || holds(p, leafletMarker))).toEqual([]);
    await page.close();
  });
});

describe('signed in', () => {
  it('the home page fetches no chart library and no map; the dashboard fetches the charts', async () => {
    const page = await browser.newPage();
    const scripts = scriptsOf(page);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('load.leader');
    await page.getByLabel('密码').fill('Load@2026x');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent().catch(() => '')).toBe('首页');
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((p) => holds(p, echartsMarker) || holds(p, leafletMarker))).toEqual([]);
    await page.goto(`${server.url}/dashboard`);
    await expect.poll(() => scripts.some((p) => holds(p, echartsMarker))).toBe(true);
    await page.close();
  });
});
