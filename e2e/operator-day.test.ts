/**
 * A township operator's day in the browser: the home page lists today's work (the boxes with counts, cases due
 * today, the overdue ones, notices); the dashboard's overdue count opens the 超期 list, sorted by time left with
 * red "超期" cells, and a row opens the case. The demo leaves reports untaken past their one-hour first response
 * in 浩门镇, which the server's sweep marks overdue. Screenshots go to e2e/artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

// The server's clock sweep marks the demo's untaken reports overdue a hundred at a time after it starts; on a
// slow machine it is still at it when the dashboard is read, and the list opened a moment later counts more.
// The test waits until the overdue count holds still for two readings, as a person would see it settle.
async function overdueSettled(): Promise<number> {
  let last = -1;
  for (let i = 0; i < 60; i++) {
    const res = await page.request.get(`${server.url}/api/cases?box=overdue&pageSize=1`);
    const n = ((await res.json()) as { total: number }).total;
    if (n === last) return n;
    last = n;
    await page.waitForTimeout(2000);
  }
  throw new Error(`the overdue count never settled (last ${last})`);
}

const count = async (testId: string) => Number((await page.getByTestId(testId).locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));

describe("a township operator's day", () => {
  it('home page lists today’s work with counts', async () => {
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('township.operator');
    await page.getByLabel('密码').fill('Anwang@2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const boxes = page.getByTestId('home-boxes');
    await boxes.waitFor();
    // Only the boxes an operator acts on, each with its count.
    for (const name of ['待受理', '待派遣', '待核查', '待回访', '超期']) await expect.poll(() => boxes.getByText(name, { exact: true }).count()).toBe(1);
    await expect.poll(() => boxes.getByText('我的待办').count()).toBe(0);
    await expect.poll(() => count('home-box-overdue')).toBeGreaterThan(0);
    await expect.poll(() => count('home-box-toAccept')).toBeGreaterThanOrEqual(0);
    await expect.poll(() => page.getByTestId('home-overdue').locator('.ant-list-item').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('home-overdue').getByText(/超期 \d+ (天|小时|分钟)/).count()).toBeGreaterThan(0);
    await page.getByTestId('home-due-today').waitFor();
    await page.getByTestId('home-notices').waitFor();
    await page.screenshot({ path: join(artifacts, 'operator-day-home.png') });

    // A box tile opens its list, the tab selected and counted.
    await page.getByTestId('home-box-toAccept').click();
    await expect.poll(() => page.url()).toContain('/cases?box=toAccept');
    await expect.poll(() => page.getByRole('tab', { name: /待受理/, selected: true }).count()).toBe(1);
  });

  it('opens the overdue case from the dashboard', async () => {
    const settled = await overdueSettled();
    await page.getByRole('menuitem', { name: /指挥中心|统计/ }).first().click();
    const card = page.getByTestId('kpi-overdue');
    await card.waitFor();
    const overdue = Number((await card.locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBe(settled);
    await page.screenshot({ path: join(artifacts, 'operator-day-dashboard.png') });
    await card.click();
    await expect.poll(() => page.url()).toContain('box=overdue');
    await expect.poll(() => page.getByRole('tab', { name: /超期/, selected: true }).count()).toBe(1);
    // The list counts what the dashboard counts, overdue first with red cells.
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText()).toContain(String(overdue));
    const first = page.locator('.ant-table-row').first();
    await expect.poll(() => first.getByTestId('remaining').innerText()).toMatch(/^超期 \d+ (天|小时|分钟)$/);
    const code = (await first.locator('td').nth(0).innerText()).trim().slice(0, 15);
    await page.screenshot({ path: join(artifacts, 'operator-day-overdue.png') });
    await first.click();
    await expect.poll(() => page.url()).toContain(`/cases/${code}`);
    await expect.poll(() => page.getByRole('dialog').getByText(code).count()).toBeGreaterThan(0);
  });
});
