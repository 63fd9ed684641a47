/**
 * The field app (网格通): bytes of script and style the phone downloads at first (everything its service worker
 * stores, gzipped), time to interactive on a slow mobile network the first time (sign-in form, then the signed-in
 * home), and the second time offline from the service worker.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { launchBrowser, startServer as startDemoServer } from '../e2e/server.ts';
import type { Result } from './lib.ts';

/** The field app benchmark (builds the web app when it is missing or stale; needs Debian's chromium). */
export async function fieldBench(): Promise<Result> {
  const built = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the web app failed');
  const precached = [...readFileSync('web/dist/field-sw.js', 'utf8').matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]!);
  const code = precached.filter((f) => /\.(js|css)$/.test(f));
  const gz = code.reduce((n, f) => n + gzipSync(readFileSync(join('web/dist', f))).length, 0);
  const figures: Result['figures'] = [{ label: 'field app script+style, all precached (gzipped)', value: Math.round(gz / 102.4) / 10, unit: 'KB' }];
  const server = await startDemoServer();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // "Slow 3G"-like: 400 ms round trips, 400 kbit/s down and up.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 });
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let t = performance.now();
    await page.goto(`${server.url}/field/`);
    await page.getByTestId('signin-username').waitFor({ timeout: 60_000 });
    figures.push({ label: 'first visit: sign-in form interactive, slow 3G', value: Math.round(performance.now() - t), unit: 'ms' });
    await page.getByTestId('signin-username').fill('village.gridWorker');
    await page.getByTestId('signin-password').fill('Anwang@2026');
    t = performance.now();
    await page.getByTestId('signin-submit').click();
    // The home screen (today's tasks) when the screens are there; the shell's count otherwise.
    await page.locator('[data-testid=tasks-list], [data-testid=sync-count]').first().waitFor({ timeout: 60_000 });
    figures.push({ label: 'signed in: home interactive, slow 3G', value: Math.round(performance.now() - t), unit: 'ms' });
    // With the cache disabled Chromium loads pages past the service worker: enable it, let the worker take the page.
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    // The next day in the hills: no network at all, everything from the service worker and IndexedDB.
    await context.setOffline(true);
    t = performance.now();
    await page.reload();
    await page.locator('[data-testid=tasks-list], [data-testid=sync-count]').first().waitFor({ timeout: 60_000 });
    figures.push({ label: 'again, offline from the service worker', value: Math.round(performance.now() - t), unit: 'ms' });
  } finally {
    await browser.close();
    await server.stop();
  }
  return { name: 'field', figures, notes: [`precached: ${precached.join(', ')}`] };
}
