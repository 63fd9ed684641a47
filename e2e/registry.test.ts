/**
 * The registry for a township (the operator's day): the township operator picks a village by name, sees its
 * households with their real member counts, pages to page 2, opens a household card with as many members as the
 * list said; a quick switch between villages never leaves another village's count on the overview; the persons
 * list shows each person's household (opening its card) and grid by name; on a phone the filter bar does not
 * overflow and the drawers take the whole width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const TOWNSHIP = '632221100000'; // 浩门镇, the demo township operator's scope
let villages: { code: string; name: string; gridCount: number }[] = [];
let chosen = ''; // the village last chosen

const shot = async (name: string) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(artifacts, `registry-${name}.png`) });
};
const api = <T,>(path: string) => page.evaluate((p) => fetch(p).then((r) => r.json()), path) as Promise<T>;
/** Chooses an option of an Ant Design select by its visible name. */
const choose = async (testId: string, name: string) => {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).locator('input').fill(name);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
  await page.waitForTimeout(400); // the dropdown closes
};
// A table's rows on a wide screen, its cards on a phone.
const householdRows = () => page.getByTestId('household-table').locator('tbody tr.ant-table-row, .card-list-item');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page.getByLabel('用户名').fill('township.operator');
  await page.getByLabel('密码').fill('Anwang@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('menuitem', { name: '人口与户' }).click();
  villages = (await api<{ code: string; name: string; gridCount: number }[]>(`/api/regions/${TOWNSHIP}/children`)).sort((a, b) => b.gridCount - a.gridCount);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the registry of a township', () => {
  it('picks a village by name and lists its households with their real member counts, page after page', async () => {
    const village = villages[0]!;
    expect(village.gridCount).toBeGreaterThanOrEqual(4); // six demo households a grid: more than one page of 20
    // A township operator starts at their villages: no township choice, no list of every grid.
    expect(await page.getByTestId('people-scope-township').count()).toBe(0);
    await choose('people-scope-village', village.name);
    await page.getByRole('tab', { name: '户', exact: true }).click();
    // The township's rows stay until the village's arrive: wait for the village's.
    await expect.poll(() => householdRows().first().textContent()).toContain(village.name);
    await expect.poll(() => householdRows().count()).toBe(20);
    const counts = await householdRows().evaluateAll((rows) => rows.map((r) => Number(r.querySelectorAll('td')[2]!.textContent)));
    expect(counts.every((n) => n > 0), counts.join(',')).toBe(true);
    // Every household shows its grid by name, not by code.
    const gridCells = await householdRows().evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[3]!.textContent ?? ''));
    for (const g of gridCells) expect(g).toContain(village.name);
    await shot('1-village-households');

    // The card lists as many members as the row said.
    await householdRows().first().click();
    const card = page.getByTestId('household-card');
    await expect.poll(() => card.isVisible()).toBe(true);
    await expect.poll(() => card.locator('tbody tr.ant-table-row').count()).toBe(counts[0]);
    expect(await card.textContent()).toContain(village.name); // the grid by name
    await shot('2-household-card');
    await card.locator('.ant-drawer-close').click();
    await expect.poll(() => card.isVisible()).toBe(false);

    // Page 2 comes from the server.
    const first = await householdRows().first().textContent();
    await page.locator('.ant-table-pagination:visible .ant-pagination-item-2').click();
    await expect.poll(() => householdRows().first().textContent()).not.toBe(first);
    expect(page.url()).toContain('hhPage=2');
    const total = (await api<{ total: number }>(`/api/households?region=${village.code}&pageSize=1`)).total;
    await expect.poll(() => householdRows().count()).toBe(Math.min(20, total - 20));
  });

  it('shows the overview of the village last chosen, however quickly the choice changed', async () => {
    await page.getByRole('tab', { name: '概况' }).click();
    const [a, b] = [villages[0]!, villages[1]!];
    const want = (await api<{ total: number }>(`/api/households?region=${b.code}&pageSize=1`)).total;
    await choose('people-scope-village', b.name);
    await choose('people-scope-village', a.name);
    await choose('people-scope-village', b.name);
    const households = page.getByTestId('overview-households').locator('.ant-statistic-content-value');
    await expect.poll(() => households.textContent()).toBe(String(want));
    await page.waitForTimeout(1500); // no late answer of another village replaces it
    expect(await households.textContent()).toBe(String(want));
    // A village not read before, with another count: while its count loads the card shows a dash, never B's count.
    const totals = await Promise.all(villages.slice(2).map(async (v) => [v, (await api<{ total: number }>(`/api/households?region=${v.code}&pageSize=1`)).total] as const));
    const [c, wantC] = totals.find(([, n]) => n !== want)!;
    await choose('people-scope-village', c.name);
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) seen.push((await households.textContent()) ?? '');
    await expect.poll(() => households.textContent()).toBe(String(wantC));
    chosen = c.name;
    expect(seen.filter((x) => x !== '—' && x !== String(wantC)), seen.join(',')).toEqual([]);
  });

  it('lists persons with their household (opening its card) and grid by name', async () => {
    await page.getByRole('tab', { name: '人员' }).click();
    const rows = page.getByTestId('person-table').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.first().textContent()).toContain(chosen);
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.first().textContent()).not.toMatch(/\d{15}/);
    await rows.first().getByTestId('person-household').click();
    const card = page.getByTestId('household-card');
    await expect.poll(() => card.isVisible()).toBe(true);
    await shot('3-persons-household');
    await card.locator('.ant-drawer-close').click();
    await expect.poll(() => card.isVisible()).toBe(false);
  });

  it('fits a phone: no sideways scrolling of the page, drawers the full width', async () => {
    await page.getByRole('tab', { name: '户', exact: true }).click();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const bar = await page.getByTestId('people-scope').boundingBox();
    expect(bar!.x + bar!.width).toBeLessThanOrEqual(390);
    await householdRows().first().click();
    const card = page.getByTestId('household-card');
    await expect.poll(() => card.isVisible()).toBe(true);
    await page.waitForTimeout(400);
    const box = await page.locator('.ant-drawer-content-wrapper').last().boundingBox();
    expect(Math.round(box!.width)).toBe(390);
    await shot('4-phone-household');
    await card.locator('.ant-drawer-close').click();
    await expect.poll(() => card.isVisible()).toBe(false);
  });

  // (The home page's sub-region table, the other half of bug 10, gave way to the day's work.)
  it('titles columns by what they hold: household groups on a grid card', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/grids`);
    await page.getByRole('tab', { name: '网格列表' }).click();
    await page.locator('.ant-table-row').first().click();
    const groups = page.getByTestId('grid-drawer').locator('thead');
    await expect.poll(() => groups.textContent()).toContain('联户组名称');
    expect(await groups.textContent()).not.toContain('网格名称');
  });
});
