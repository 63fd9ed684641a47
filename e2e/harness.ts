/**
 * What the staff pages' browser tests share: one demo server (or the running one E2E_SERVER_URL names) and one
 * browser per test file, pages signed in as demo accounts, screenshots into a folder, Ant Design's select options and
 * action dialogs, and the API as a demo account.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';
import { clickUntilVisible, demoCookie, signedInPage } from './staff-session.ts';

/** The server and browser of a test file (started before its tests, stopped after them). */
export interface DemoWorld {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new context at desktop or phone size in a language, signed in as a demo account, on the home page. */
  signIn(username: string, size?: 'desktop' | 'phone', lang?: string): Promise<{ page: Page; errors: string[] }>;
}

/** Registers the file's beforeAll/afterAll and answers the world they keep. */
export function demoWorld(): DemoWorld {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = process.env.E2E_SERVER_URL ? { url: process.env.E2E_SERVER_URL, stop: async () => undefined } : await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() { return server!; },
    get browser() { return browser!; },
    signIn: (username, size = 'desktop', lang = 'zh-CN') => signedInPage(browser!, server!.url, username, size, lang),
  };
}

/** A screenshot function writing `<name>.png` into the folder `envVar` names, else e2e/artifacts/<folder> (its `dir`). */
export function screenshots(envVar: string, folder: string, settleMs = 500) {
  const dir = process.env[envVar] ?? join(artifacts, folder);
  mkdirSync(dir, { recursive: true });
  const shot = async (page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> => {
    await page.waitForTimeout(settleMs);
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: options.fullPage });
  };
  return Object.assign(shot, { dir });
}

/** Ant Design's OK button (drawn 确 定 with a space). */
export const ok = /确\s*定/;

/** Picks the option of the open Ant Design select that holds `text`. */
export async function choose(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Opens the dialog titled `title` with `trigger`, lets `fill` fill it, confirms it and waits until it closes. */
export async function confirmDialog(page: Page, trigger: Locator, title: string, fill: (dialog: Locator) => Promise<void> = async () => undefined): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title, exact: true });
  await clickUntilVisible(trigger, dialog);
  await fill(dialog);
  await dialog.getByRole('button', { name: ok }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

/** The API as a demo account: any call with its status and JSON, a GET's JSON, or a download's bytes. */
export async function staffApi(baseUrl: string, username: string) {
  const cookie = await demoCookie(baseUrl, username);
  return {
    call: (method: string, path: string, body?: unknown) =>
      fetch(`${baseUrl}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined }).then(async (r) => ({ status: r.status, body: await r.json() })),
    get: (path: string) => fetch(`${baseUrl}${path}`, { headers: { cookie } }).then((r) => r.json()),
    bytes: (path: string) => fetch(`${baseUrl}${path}`, { headers: { cookie } }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) })),
  };
}

/** Takes an action on the open dispute card (its `dispute-action-<action>` button) through its dialog. */
export const disputeAction = (page: Page, action: string, title: string, fill?: (dialog: Locator) => Promise<void>) => confirmDialog(page, page.getByTestId(`dispute-action-${action}`), title, fill);
