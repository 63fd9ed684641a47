/**
 * One's own account and the audit log, as people use them: the demo password shows only on a demo installation;
 * a user changes their own password from the header's account menu and signs in with the new one; the auditor
 * finds that change by filtering the log by user (picked by name) and action (picked by label), read in words.
 * Screenshots go to e2e/artifacts/ (and to $ANWANG_SHOTS_DIR when set, at desktop and phone size).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { generate } from 'otplib';
import { artifacts, launchBrowser, signInAt, startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
const shots = process.env.ANWANG_SHOTS_DIR;
if (shots) mkdirSync(shots, { recursive: true });

beforeAll(async () => {
  // Seeded before the server starts (no start-up deadline on a busy machine); the same demo as a first start.
  server = await startServer({ before: [['seed', '--demo']] });
  browser = await launchBrowser();
}, 420_000); // the demo seed takes one to two minutes, more on a busy machine
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(400); // let menus and messages finish moving
  await page.screenshot({ path: join(artifacts, `account-${name}.png`) });
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
}

const signIn = signInAt;

describe('the sign-in page', () => {
  it('shows the demo password on a demo installation only', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('demo-hint').textContent()).toContain('Anwang@2026');
    await shoot(page, 'login-demo-1440-zh-CN');
    await page.close();

    // An installation that starts from its own regions has no demo accounts: no password on its sign-in page.
    const dir = mkdtempSync(join(tmpdir(), 'anwang-e2e-regions-'));
    writeFileSync(join(dir, 'regions.csv'), 'code,name,parent_code\n630000000000,青海省,\n632200000000,海北藏族自治州,630000000000\n');
    const plain = await startServer({ before: [['import', 'regions', join(dir, 'regions.csv')]] });
    try {
      const p = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
      await p.goto(plain.url);
      await p.getByLabel('用户名').waitFor();
      await p.waitForLoadState('networkidle');
      expect(await p.getByTestId('demo-hint').count()).toBe(0);
      expect(await p.content()).not.toContain('Anwang@2026');
      await shoot(p, 'login-plain-390-zh-CN');
      await p.close();
    } finally {
      await plain.stop();
    }
  });
});

describe('own account', () => {
  it('a user changes their own password from the account menu and signs in with the new one', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, 'village.mediator');
    await page.getByTestId('account-menu').click();
    await shoot(page, 'account-menu-1440-zh-CN');
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.getByLabel('当前密码').fill('Anwang@2026');
    await page.getByLabel('新密码', { exact: true }).fill('Tiaojie#2026x');
    await page.getByLabel('确认新密码').fill('Tiaojie#2026x');
    await shoot(page, 'password-change-1440-zh-CN');
    await page.getByRole('button', { name: '修改密码' }).click();
    // Every session ended: back at sign-in, told why.
    await expect.poll(() => page.getByTestId('sign-in-notice').textContent(), { timeout: 15_000 }).toContain('密码已修改');
    await page.getByLabel('用户名').waitFor();
    await signIn(page, server.url, 'village.mediator', 'Tiaojie#2026x');
    await expect.poll(() => page.getByTestId('whoami').textContent()).toContain('城关社区');
    await page.close();
  });
});

describe('notifications', () => {
  it('closing the panel marks nothing read; a notice opens its case from the keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, 'township.operator');
    const unread = () => page.locator('[data-testid="notification-bell"]').locator('xpath=ancestor::span[contains(@class,"ant-badge")]').locator('.ant-scroll-number').getAttribute('title');
    await expect.poll(unread, { timeout: 20_000 }).toMatch(/^\d+$/);
    const before = Number(await unread());
    expect(before).toBeGreaterThan(0);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification').first().waitFor();
    await shoot(page, 'notifications-1440-zh-CN');
    await page.keyboard.press('Escape');
    await page.mouse.click(700, 600);
    await page.reload();
    // The sweep may add notices meanwhile; closing must not have taken any away.
    await expect.poll(async () => Number(await unread()), { timeout: 20_000 }).toBeGreaterThanOrEqual(before);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/\/cases\/\d{6}-[0-9A-Z]+/);
    await page.close();
  });
});

describe('a forced first step', () => {
  it('can be left by signing out (the authenticator page of an administrator\'s first sign-in)', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await signIn(page, server.url, 'county.secadmin');
    await page.getByTestId('totp-secret').waitFor({ timeout: 20_000 });
    await shoot(page, 'totp-enrol-390-zh-CN');
    await page.getByTestId('forced-sign-out').click();
    await page.getByLabel('用户名').waitFor();
    expect(await page.getByTestId('totp-secret').count()).toBe(0);
    await page.close();
  });
});

describe('audit log', () => {
  it('the auditor filters the log by user and action and reads it in words', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(page, server.url, 'prefecture.auditor');
    const secret = (await page.getByTestId('totp-secret').textContent({ timeout: 20_000 }))!.trim();
    await page.getByPlaceholder('123456').fill(await generate({ secret }));
    await page.getByRole('button', { name: /确认绑定/ }).click();
    await page.getByRole('menuitem', { name: /审计/ }).click();
    await expect.poll(() => page.locator('.ant-table-tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(5);

    // User picked by name.
    await page.getByTestId('audit-filter-user').click();
    await page.keyboard.type('城关社区 调解');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '城关社区 调解员' }).first().click();
    // Action picked by its label.
    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('修改密码');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="修改密码"]').click();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    const row = (await page.locator('.ant-table-tbody tr.ant-table-row').first().textContent())!;
    expect(row).toContain('城关社区 调解员 · 调解员');
    expect(row).toContain('修改密码');
    expect(row).toContain('成功');
    expect(row).not.toContain('auth.changePassword');
    expect(row).not.toContain('success');
    // The filters live in the address: a reload keeps them.
    expect(page.url()).toMatch(/actorId=[0-9a-f-]{36}/);
    expect(page.url()).toContain('action=auth.changePassword');
    await page.reload();
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), { timeout: 15_000 }).toBe(1);
    await shoot(page, 'audit-filtered-1440-zh-CN');

    // Unfiltered, in English: actors and outcomes in words.
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.locator('.ant-table-tbody').textContent(), { timeout: 15_000 }).toMatch(/Sign-in|Demo data|Success/);
    await shoot(page, 'audit-1440-en');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, 'audit-390-en');
    await page.getByTestId('notification-bell').click();
    await shoot(page, 'notifications-390-en');
    await page.close();
  });
});
