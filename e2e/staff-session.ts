/** A browser page signed in as a demo account, and the errors it throws or logs, for browser tests of staff pages. */
import { onTestFailed } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';

/** Errors a page throws or logs (a failed resource load aside). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(`console: ${m.text()}`));
  return errors;
}

/** A demo account's session cookie (`name=value`); every demo account has the same password. */
export async function demoCookie(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Anwang@2026' }) });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * A new browser context at desktop (1440×900) or phone (390×844) size in a language, signed in over the API (the
 * sign-in page itself is e2e/foundation's) with the session cookie handed to the browser, on the home page.
 */
export async function signedInPage(browser: Browser, baseUrl: string, username: string, size: 'desktop' | 'phone' = 'desktop', lang = 'zh-CN'): Promise<{ page: Page; errors: string[] }> {
  const phone = size === 'phone';
  const context = await browser.newContext({ viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 }, isMobile: phone, hasTouch: phone, locale: lang });
  const [name, value] = (await demoCookie(baseUrl, username)).split('=') as [string, string];
  await context.addCookies([{ name: 'lang', value: lang, url: baseUrl }, { name, value, url: baseUrl }]);
  const page = await context.newPage();
  const errors = watchErrors(page);
  reportOnFailure(page, errors);
  await page.goto(baseUrl);
  await page.getByTestId('account-menu').waitFor();
  return { page, errors };
}

/**
 * When the running test fails, prints what the page showed (address, errors, open dialogs and drawers, the page's
 * text): CI keeps only the test output, and "the dialog never opened" says little without it.
 */
export function reportOnFailure(page: Page, errors: string[]): void {
  onTestFailed(async () => {
    if (page.isClosed()) return;
    const text = async (sel: string) => (await page.locator(sel).allInnerTexts().catch(() => [] as string[])).map((x) => x.replace(/\s+/g, ' ').slice(0, 800));
    console.error(['--- the page when the test failed', `address: ${page.url()}`, `errors: ${JSON.stringify(errors)}`,
      `dialogs: ${JSON.stringify(await text('.ant-modal-wrap:visible, .ant-drawer-content-wrapper:visible'))}`,
      `page: ${JSON.stringify(await text('main'))}`].join('\n'));
  });
}

/** Clicks `trigger` until `target` shows (a click can land while the page is still settling); at most three times. */
export async function clickUntilVisible(trigger: Locator, target: Locator): Promise<void> {
  for (let i = 0; ; i++) {
    await trigger.click();
    const shown = await target.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (shown) return;
    if (i === 2) throw new Error(`${String(target)} did not show after three clicks on ${String(trigger)}`);
    console.warn(`${String(target)} did not show after a click on ${String(trigger)}; clicking again`);
  }
}
