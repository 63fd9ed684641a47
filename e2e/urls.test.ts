/**
 * Real URLs and one intent per click: a case's address opened in a fresh browser signs in and shows that case (and
 * the back button closes it); a double click on an action's OK records one event; list filters survive a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';
import { apiAs, gridCentre } from './demo-api.ts';

let server: RunningServer;
let browser: Browser;
let code = '';
const marker = `网址测试${Date.now().toString(36)}`;


async function signIn(page: Page, username: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('Anwang@2026');
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A resident's report in 城关社区 (浩门镇): the village centre takes it in.
  const { lat, lng } = await gridCentre(server.url, '632221100001');
  const res = await fetch(`${server.url}/api/public/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ categoryId: 'municipal.road', description: `${marker} 路灯不亮已经三天了`, lat, lng }) });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  code = body.code;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a case has an address', () => {
  it('opened in a fresh browser, it asks to sign in, then shows that case; back closes it', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/cases/${code}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/cases/${code}`);
    await signIn(page, 'village.operator');
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/cases/${code}`);
    const drawer = page.getByTestId('case-drawer');
    await expect.poll(() => drawer.textContent(), { timeout: 15_000 }).toContain(marker);
    expect(await drawer.textContent()).toContain(code);
    await page.screenshot({ path: join(artifacts, 'urls-1-case-by-address.png') });
    // From the list, a row pushes the case's address and the back button closes the card again.
    await page.locator('.ant-drawer-close').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/cases');
    await page.getByRole('tab', { name: '全部' }).click();
    await page.getByRole('cell', { name: code }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/cases/${code}`);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/cases');
    await expect.poll(() => page.locator('.ant-drawer-open').count()).toBe(0);
    await context.close();
  });
});

describe('one intent, one event', () => {
  it('a double click on an action dialog’s OK records the action once', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}/cases/${code}`);
    await signIn(page, 'village.operator');
    const actions = page.getByTestId('case-actions');
    // 督办 keeps the status, so a second request would be accepted as a second event: only the key and the guard stop it.
    await actions.getByRole('button', { name: /^督\s*办$/ }).click({ timeout: 15_000 });
    const modal = page.getByRole('dialog', { name: '督办', exact: true });
    await modal.waitFor({ state: 'visible' });
    await modal.locator('textarea').fill('请尽快处理');
    await modal.getByRole('button', { name: /确\s*定/ }).dblclick();
    await expect.poll(() => modal.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('case-timeline').textContent()).toContain('督办');
    await page.waitForTimeout(1000); // a second request, if one went out, has landed by now
    const get = await apiAs(server.url, 'village.operator');
    const detail = await get(`/api/cases/${code}`);
    expect(detail.timeline.filter((e: { type: string }) => e.type === 'urge')).toHaveLength(1);
    expect(await page.getByTestId('case-timeline').locator('.ant-timeline-item').filter({ hasText: '督办' }).count()).toBe(1);
    await page.close();
  });
});

describe('list state in the address', () => {
  it('the inbox, a status filter and a search survive a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${server.url}/cases`);
    await signIn(page, 'village.operator');
    await page.getByRole('tab', { name: '全部' }).click();
    await page.getByTestId('filter-status').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '待受理' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('submitted');
    await page.getByTestId('case-search').locator('input').fill(marker);
    await page.getByTestId('case-search').locator('input').press('Enter');
    await expect.poll(() => Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ box: 'all', status: 'submitted', q: marker });
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    await page.reload();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain(code);
    expect(await page.getByRole('tab', { name: '全部', selected: true }).count()).toBe(1);
    expect(await page.getByTestId('filter-status').textContent()).toContain('待受理');
    expect(await page.getByTestId('case-search').locator('input').inputValue()).toBe(marker);
    await page.screenshot({ path: join(artifacts, 'urls-2-filters-after-reload.png') });
    await page.close();
  });
});
