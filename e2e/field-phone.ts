/** The field app on a phone, signed in, as the field browser tests start it. */
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { reportOnFailure, watchErrors } from './staff-session.ts';

/**
 * A phone (390×844, touch, zh-CN, standing at `position`) signed in to the field app at `url` as village.gridWorker:
 * the service worker in control and the device copy of the worker's grids loaded; left on the sync screen.
 */
export async function fieldPhone(browser: Browser, url: string, position: { latitude: number; longitude: number }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', geolocation: position, permissions: ['geolocation'] });
  const page = await context.newPage();
  const errors = watchErrors(page);
  reportOnFailure(page, errors);
  await page.goto(`${url}/field/`);
  await page.getByTestId('signin-username').fill('village.gridWorker');
  await page.getByTestId('signin-password').fill('Anwang@2026');
  await page.getByTestId('signin-submit').click();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.goto(`${url}/field/#/sync`);
  await expect.poll(() => page.getByTestId('sync-summary').isVisible()).toBe(true);
  // "尚未" (not yet) until the device copy has been fetched.
  await expect.poll(async () => (await page.locator('.card').innerText()).includes('尚未'), { timeout: 60_000 }).toBe(false);
  return { context, page, errors };
}
