/**
 * Stored XSS through names that reach HTML outside React: a grid imported with the name
 * `<img src=x onerror=window.__xss=1>`, and a building and a place registered under it, show as text in the
 * Leaflet tooltips of the staff maps and of the public /report page, the handler never runs, and the pages work under the Content-Security-Policy without a single
 * violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './server.ts';
import { buildHaibei } from '../server/demo/haibei.ts';

const EVIL = '<img src=x onerror=window.__xss=1>';
let server: RunningServer;
let browser: Browser;
let dir = '';
let centre = { lat: 0, lng: 0 };

beforeAll(async () => {
  // A grid of the demo's 城关社区 (浩门镇) re-imported under a malicious name, as a hostile import file would.
  const grid = buildHaibei().grids.find((g) => g.code.startsWith('632221100001'))!;
  const ring = grid.polygon.coordinates[0]!;
  centre = { lng: ring.reduce((s, p) => s + p[0]!, 0) / ring.length, lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length };
  dir = mkdtempSync(join(tmpdir(), 'anwang-xss-'));
  const file = join(dir, 'evil.geojson');
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: grid.code, name: EVIL }, geometry: grid.polygon }] }));
  server = await startServer({ before: [['seed', '--demo'], ['import', 'grids', file]] });
  browser = await launchBrowser();
}, 400_000); // seeding the demo before the server starts takes a while on a busy machine
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Collects Content-Security-Policy violations and page errors of a page. */
async function watch(page: Page): Promise<{ violations: string[]; errors: string[] }> {
  const seen = { violations: [] as string[], errors: [] as string[] };
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.violations.push(m.text());
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  // Also the DOM event, which reports violations the console may summarise.
  await page.exposeFunction('__reportViolation', (v: string) => seen.violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __reportViolation(v: string): void }).__reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  return seen;
}

/** Opens the tooltip of every grid drawn in `map` (as a pointer moving over each would) and returns their texts. */
async function tooltips(page: Page, map: string): Promise<{ texts: string[]; images: number }> {
  await expect.poll(() => page.locator(`${map} path.leaflet-interactive`).count()).toBeGreaterThan(0);
  await page.evaluate((sel) => {
    for (const p of document.querySelectorAll(`${sel} path.leaflet-interactive`)) p.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, clientX: 10, clientY: 10 }));
  }, map);
  await page.waitForTimeout(300);
  return {
    texts: await page.locator(`${map} .leaflet-tooltip`).allTextContents(),
    images: await page.locator(`${map} .leaflet-tooltip img`).count(),
  };
}

describe('a grid named with HTML', () => {
  it('shows as text on the staff map, runs nothing, and the app works under the CSP', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    const seen = await watch(page);
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('township.operator');
    await page.getByLabel('密码').fill('Anwang@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByTestId('whoami').textContent()).toContain('浩门镇');
    await page.getByRole('menuitem', { name: '一张网' }).click();
    const { texts, images } = await tooltips(page, '.grid-map');
    expect(texts.some((t) => t.includes(EVIL))).toBe(true);
    expect(images).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The grid list (React) shows the same name as text too.
    await page.getByRole('tab', { name: '网格列表' }).click();
    await expect.poll(() => page.locator('.ant-table-tbody').textContent()).toContain(EVIL);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('shows building and place names as text on the registry map', async () => {
    // A grid worker registers a building and a place under hostile names, through the API as any client could.
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'village.gridWorker', password: 'Anwang@2026' }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const grids = await (await fetch(`${server.url}/api/grids?pageSize=200`, { headers: { cookie } })).json();
    const gridCode = grids.items[0].code as string;
    const geo = await (await fetch(`${server.url}/api/grids/${gridCode}`, { headers: { cookie } })).json();
    const ring = geo.geometry.coordinates[0] as number[][];
    const at = { lng: ring.reduce((s, p) => s + p[0]!, 0) / ring.length, lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length };
    const post = (url: string, body: object) => fetch(`${server.url}${url}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify(body) });
    expect((await post('/api/buildings', { gridCode, name: `${EVIL}楼`, ...at })).status).toBe(201);
    expect((await post('/api/places', { gridCode, kind: '01', name: `${EVIL}店`, lat: at.lat + 0.0005, lng: at.lng })).status).toBe(201);

    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const seen = await watch(page);
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('village.gridWorker');
    await page.getByLabel('密码').fill('Anwang@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('whoami').waitFor();
    // The places tab of that grid (buildings show on the map once a grid is chosen; the address holds the choice).
    await page.goto(`${server.url}/people/places?grid=${gridCode}`);
    await expect.poll(async () => Number(await page.getByTestId('grid-map').getAttribute('data-point-count'))).toBeGreaterThanOrEqual(2);
    const { texts, images } = await tooltips(page, '.grid-map');
    expect(texts.some((t) => t.includes(`${EVIL}楼`))).toBe(true);
    expect(texts.some((t) => t.includes(`${EVIL}店`))).toBe(true);
    expect(images).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await page.close();
  });

  it('shows as text on the public /report map, runs nothing, and the page works under the CSP', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, geolocation: { latitude: centre.lat, longitude: centre.lng }, permissions: ['geolocation'], locale: 'zh-CN' });
    const page = await context.newPage();
    const seen = await watch(page);
    const res = await page.goto(`${server.url}/report`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('button', { name: '使用当前位置' }).click();
    await expect.poll(() => page.getByTestId('place-state').textContent()).toContain('已定位');
    await page.getByTestId('pick-map').click();
    const { texts, images } = await tooltips(page, '#map');
    expect(texts.some((t) => t.includes(EVIL))).toBe(true);
    expect(images).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(seen.violations).toEqual([]);
    expect(seen.errors).toEqual([]);
    await context.close();
  });
});
