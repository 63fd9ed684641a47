/**
 * The field app's platform in a real browser with its service worker: the first load stays under its budget (the
 * whole app the service worker stores, 100 KB of script and style gzipped) and carries nothing of the staff app; a
 * worker signs in once and the app then opens offline (reload and a new page) with the cached identity; a new version
 * is offered in a banner and never forced; a wrong password shows the server's message in Chinese.
 * Sizes, not timings: the timing is bench/field.ts's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';
import { watchErrors } from './staff-session.ts';

const budgetKB = 100;
let server: RunningServer;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'anwang-field-app-'));

beforeAll(async () => {
  // One region and one grid worker: the server starts at once (no demo to build).
  writeFileSync(join(dir, 'regions.csv'), 'code,name,parent_code\n630000000000,青海省,\n');
  server = await startServer({ before: [['import', 'regions', join(dir, 'regions.csv')], ['user', 'create', '--username', 'field.worker', '--password', 'Field@2026x', '--role', 'gridWorker', '--scope', '630000000000', '--name', '青海 网格员']] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The files the service worker precaches (its injected manifest). */
function precached(): string[] {
  const sw = readFileSync('web/dist/field-sw.js', 'utf8');
  return [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]!);
}
const gzKB = (files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(join('web/dist', f)), { level: 9 }).length, 0) / 1024;

/** A phone-sized context in a language. */
async function phone(lang = 'zh-CN'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang });
  await context.addCookies([{ name: 'lang', value: lang, url: server.url }]);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** Signs in through the form and waits until the service worker controls the page (it can go offline after). */
async function signIn(page: Page, password = 'Field@2026x'): Promise<void> {
  await page.goto(`${server.url}/field/`);
  await page.getByTestId('signin-username').fill('field.worker');
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('sync-count').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
}

describe('the first load', () => {
  it(`stores the whole app under ${budgetKB} KB of script and style gzipped, and nothing of the staff app`, async () => {
    const files = precached();
    const code = files.filter((f) => /\.(js|css)$/.test(f));
    expect(files).toContain('field.html');
    expect(files).toEqual(expect.arrayContaining(['field.webmanifest', 'field-icons/icon-192.png', 'field-icons/icon-512.png', 'field-icons/icon-maskable-512.png']));
    expect(code.length).toBeGreaterThan(1);
    const kb = gzKB(code);
    expect(kb, code.join(', ')).toBeLessThan(budgetKB);
    expect(kb).toBeGreaterThan(5); // the files were found and measured
    // Nothing of the staff app (React, Ant Design) and no font: the Tibetan font is fetched only when drawn.
    for (const f of code) expect(readFileSync(join('web/dist', f), 'utf8'), f).not.toMatch(/react-dom|ant-btn|__reactFiber/);
    expect(files.filter((f) => f.endsWith('.ttf'))).toEqual([]);

    const { context, page } = await phone();
    const loaded: string[] = [];
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/assets/') && /\.(js|css)$/.test(path)) loaded.push(path.slice(1));
    });
    await page.goto(`${server.url}/field/`);
    await page.getByTestId('signin-username').waitFor();
    await page.waitForLoadState('networkidle');
    // What the page itself fetched is part of what the worker stores (so the budget counts every byte of it).
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.filter((f) => !files.includes(f))).toEqual([]);
    await context.close();
  });
});

describe('signed in once', () => {
  it('opens offline with the cached identity: a reload and a new page, no request reaching the server', async () => {
    const { context, page, errors } = await phone();
    await signIn(page);
    await page.screenshot({ path: join(artifacts, 'field-shell-zh-CN.png') });
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('sync-count').textContent()).toBe('0');
    await expect.poll(() => page.getByTestId('offline').isVisible()).toBe(true);
    const again = await context.newPage();
    await again.goto(`${server.url}/field/#/sync`);
    await again.getByTestId('persist-state').waitFor();
    // The storage answer is shown (headless Chromium usually says no: the text, not its value, is what is tested).
    await expect.poll(() => again.getByTestId('persist-state').textContent()).toMatch(/本机存储/);
    await again.screenshot({ path: join(artifacts, 'field-sync-offline-zh-CN.png') });
    // /api is never answered from a cache: offline, a call fails.
    expect(await again.evaluate(() => fetch('/api/auth/me').then(() => 'answered', () => 'failed'))).toBe('failed');
    await context.setOffline(false);
    expect(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    await context.close();
  });

  it('offers a new version in a banner and moves to it only when the worker presses 立即更新', async () => {
    const { context, page } = await phone();
    await signIn(page);
    const first = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    // A new build of the worker (another script address makes the browser install it; it then waits).
    await page.evaluate(() => navigator.serviceWorker.register('/field-sw.js?build=2', { scope: '/field', type: 'module' }).catch(() => navigator.serviceWorker.register('/field-sw.js?build=2', { scope: '/field' })));
    await page.getByTestId('update-banner').waitFor();
    await expect.poll(() => page.getByTestId('update-banner').textContent()).toMatch(/新版本/);
    // Waiting, not forced: the page is still controlled by the first worker.
    expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(first);
    await page.screenshot({ path: join(artifacts, 'field-update-banner-zh-CN.png') });
    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-now').click()]);
    await page.getByTestId('sync-count').waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/build=2/);
    await context.close();
  });
});

describe('signing in', () => {
  it('shows the server’s message in the page’s language for a wrong password, and says the first sign-in needs the network', async () => {
    const { context, page } = await phone('zh-TW');
    await page.goto(`${server.url}/field/`);
    await page.getByTestId('signin-username').fill('field.worker');
    await page.getByTestId('signin-password').fill('wrong-password');
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toMatch(/密碼/);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.getByTestId('signin-submit').click();
    await expect.poll(() => page.getByTestId('signin-error').textContent()).toMatch(/連網/);
    await context.close();
  });
});
