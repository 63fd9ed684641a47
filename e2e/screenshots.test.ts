/**
 * Screenshots of every page, kept as CI artefacts in .tmp/screenshots/: each staff page signed in as the role that
 * uses it, at 1440×900 and 390×844 in zh-CN (a case, each people tab, 走访覆盖 and 巡查, sign-in, TOTP enrolment and the forced
 * password change included), the petition pages (workbench, card, registration form, leaders' overview) in zh-CN and
 * English, the mediation overview (figures, ranking, subsidies, their rates) in zh-CN and English, and the resident pages (report, tracking) in zh-CN, zh-TW, English and Tibetan, the petitioner's (online form,
 * tracking) in zh-CN and English. Each shot asserts that the page drew its title and that no script error happened
 * on the way.
 * E2E_SERVER_URL reuses a running demo server instead of starting one (a fresh one: the administrators enrol TOTP here).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './server.ts';

export const screenshotsDir = join(process.cwd(), '.tmp', 'screenshots');
const password = 'Anwang@2026';
const sizes = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, isMobile: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

let server: RunningServer | undefined;
let url = '';
let browser: Browser;
let caseCode = '';
let petitionCode = '';
const sessions = new Map<string, string>();

/** Signs a demo account in over the API; administrators enrol TOTP on the way. Returns the session cookie's value. */
async function sessionOf(username: string, pass = password): Promise<string> {
  const known = sessions.get(username);
  if (known) return known;
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: pass }) });
  expect(res.status, `${username}: ${await res.clone().text()}`).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await res.json()) as { stage: string };
  if (me.stage === 'enrol') {
    const post = (path: string, body?: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
    const { secret } = (await (await post('/api/auth/totp/setup')).json()) as { secret: string };
    const enrolled = await post('/api/auth/totp/enroll', { code: await generate({ secret }) });
    expect(enrolled.status, await enrolled.clone().text()).toBe(200);
  }
  sessions.set(username, cookie);
  return cookie;
}

/** A browser context of one size and language, signed in as `username` (none: signed out). */
async function contextFor(size: (typeof sizes)[number], lang: string, username?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.isMobile, locale: lang });
  const cookies = [{ name: 'lang', value: lang, url }];
  if (username) {
    const [name, value] = (await sessionOf(username)).split('=') as [string, string];
    cookies.push({ name, value, url });
  }
  await context.addCookies(cookies);
  return context;
}

/**
 * Opens a path, waits for the title to be drawn (and `act`, e.g. opening a form) and the network to calm down, saves
 * the shot; fails on a script error or an error message.
 */
async function shoot(page: Page, path: string, file: string, title: () => Promise<string | null>, expected: string | RegExp, act?: (page: Page) => Promise<void>): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}${path}`);
  await expect.poll(title, { timeout: 30_000 }).toMatch(expected);
  await act?.(page);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400); // animations (drawers, charts) settle
  await page.screenshot({ path: join(screenshotsDir, `${file}.png`), fullPage: false });
  expect(errors, `${path}: script errors`).toEqual([]);
  // A page that merely opens must not greet its user with an error message (a request it should not have sent).
  expect(await page.locator('.ant-message-error').allTextContents(), `${path}: error messages`).toEqual([]);
}

beforeAll(async () => {
  // This file's own shots only: other tests keep theirs in subfolders (e2e/field-screens.test.ts: field/).
  mkdirSync(screenshotsDir, { recursive: true });
  for (const f of readdirSync(screenshotsDir)) if (f.endsWith('.png')) rmSync(join(screenshotsDir, f));
  if (process.env.E2E_SERVER_URL) url = process.env.E2E_SERVER_URL;
  else {
    server = await startServer();
    url = server.url;
  }
  browser = await launchBrowser();
  const cookie = await sessionOf('township.operator');
  const list = (await (await fetch(`${url}/api/cases?pageSize=1`, { headers: { cookie } })).json()) as { items: { code: string }[] };
  caseCode = list.items[0]!.code;
  // A petition answered and served: its card holds documents, service records and the petitioner's 复查 window.
  const officer = await sessionOf('county.petitionOfficer');
  const petitions = (await (await fetch(`${url}/api/petitions?pageSize=50`, { headers: { cookie: officer } })).json()) as { items: { code: string; status: string }[] };
  petitionCode = (petitions.items.find((p) => p.status === 'replied') ?? petitions.items[0]!).code;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Staff pages: the path, who uses it, the file name and the page title expected (zh-CN). */
const staffPages = () => [
  { path: '/', user: 'township.operator', file: 'home', title: '首页' },
  { path: '/cases', user: 'township.operator', file: 'cases', title: '案件办理' },
  { path: `/cases/${caseCode}`, user: 'township.operator', file: 'case-card', title: caseCode },
  { path: '/dashboard', user: 'county.leader', file: 'dashboard', title: '指挥中心' },
  // Field work (issue 16): 走访覆盖 and 巡查 as the county's leader sees them.
  { path: '/coverage', user: 'county.leader', file: 'coverage', title: '走访覆盖' },
  { path: '/patrols', user: 'county.leader', file: 'patrols', title: '巡查' },
  { path: '/people', user: 'village.gridWorker', file: 'people-overview', title: '人口与户' },
  ...['households', 'places', 'buildings', 'expiring', 'persons'].map((tab) => ({ path: `/people/${tab}`, user: 'village.gridWorker', file: `people-${tab}`, title: /./ })),
  { path: '/grids', user: 'township.operator', file: 'grids', title: '一张网' },
  { path: '/users', user: 'prefecture.sysadmin', file: 'users', title: '用户管理' },
  { path: '/catalog', user: 'prefecture.sysadmin', file: 'catalog', title: '事项与规则' },
  { path: '/tokens', user: 'prefecture.secadmin', file: 'tokens', title: '接口令牌' },
  { path: '/audit', user: 'prefecture.auditor', file: 'audit', title: '审计日志' },
];

describe('staff pages in zh-CN', () => {
  for (const size of sizes) {
    it(`every page at ${size.viewport.width}×${size.viewport.height}`, async () => {
      for (const p of staffPages()) {
        const context = await contextFor(size, 'zh-CN', p.user);
        const page = await context.newPage();
        const title = () => page.getByTestId('page-title').textContent({ timeout: 1000 }).catch(() => null);
        await shoot(page, p.path, `staff-${p.file}-${size.name}`, title, p.title);
        // The browser tab names the page too.
        expect(await page.title()).toContain(typeof p.title === 'string' ? p.title : '安网');
        await context.close();
      }
    });

    it(`sign-in, TOTP enrolment and the forced password change at ${size.viewport.width}×${size.viewport.height}`, async () => {
      let context = await contextFor(size, 'zh-CN');
      let page = await context.newPage();
      await shoot(page, '/login', `staff-login-${size.name}`, () => page.locator('h3').first().textContent(), /安网/);
      expect(await page.title()).toBe('登录 · 安网');
      await context.close();

      // An administrator's first sign-in: enrolment before anything else (a fresh session, not enrolled through the API).
      const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `county.${size.name === 'desktop' ? 'secadmin' : 'auditor'}`, password }) });
      const enrolCookie = login.headers.get('set-cookie')!.split(';')[0]!.split('=') as [string, string];
      context = await contextFor(size, 'zh-CN');
      await context.addCookies([{ name: enrolCookie[0], value: enrolCookie[1], url }]);
      page = await context.newPage();
      await shoot(page, '/', `staff-totp-enrol-${size.name}`, () => page.getByTestId('totp-secret').textContent({ timeout: 1000 }).catch(() => null), /\w{16,}/);
      await context.close();

      // An account an administrator made must change its password first.
      const admin = await sessionOf('prefecture.sysadmin');
      const username = `shot.${size.name}.${Date.now().toString(36)}`;
      const made = await fetch(`${url}/api/users`, { method: 'POST', headers: { cookie: admin, 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ username, displayName: '截图 网格员', password: 'Shot@2026x', role: 'gridWorker', scopeCode: '632221100001' }) });
      expect(made.status, await made.clone().text()).toBeLessThan(300);
      const forced = await sessionOf(username, 'Shot@2026x');
      context = await contextFor(size, 'zh-CN');
      const [name, value] = forced.split('=') as [string, string];
      await context.addCookies([{ name, value, url }]);
      page = await context.newPage();
      await shoot(page, '/', `staff-password-forced-${size.name}`, () => page.locator('input[type=password]').count().then(String), /^[1-9]/);
      await context.close();
    });
  }
});

/** The petition pages: path, who uses it, file name, the title expected per language, and a step before the shot. */
const petitionPages = () => [
  // The whole register: every stage's time cell (the body's clocks, the petitioner's windows, replies to serve).
  { path: '/petitions?box=all', user: 'county.petitionOfficer', file: 'petitions', title: { 'zh-CN': '信访', en: 'Petitions' } },
  { path: `/petitions/${petitionCode}`, user: 'county.petitionOfficer', file: 'petition-card', title: { 'zh-CN': petitionCode, en: petitionCode }, act: (page: Page) => page.getByTestId('petition-timeline').waitFor() },
  { path: '/petitions', user: 'county.petitionOfficer', file: 'petition-register', title: { 'zh-CN': '信访', en: 'Petitions' }, act: async (page: Page) => { await page.getByTestId('petition-register').click(); await page.getByTestId('petition-matter').waitFor(); } },
  { path: '/petition-overview', user: 'county.leader', file: 'petition-overview', title: { 'zh-CN': '信访态势', en: 'Petition overview' }, act: (page: Page) => page.getByTestId('pov-cards').waitFor() },
];
const petitionLanguages = ['zh-CN', 'en'] as const;

describe('petition pages in zh-CN and English', () => {
  for (const lang of petitionLanguages) {
    for (const size of sizes) {
      it(`the workbench, a card, the registration form and the overview in ${lang} at ${size.viewport.width}×${size.viewport.height}`, async () => {
        for (const p of petitionPages()) {
          const context = await contextFor(size, lang, p.user);
          const page = await context.newPage();
          const title = () => page.getByTestId('page-title').textContent({ timeout: 1000 }).catch(() => null);
          await shoot(page, p.path, `staff-${p.file}-${lang}-${size.name}`, title, p.title[lang], p.act);
          await context.close();
        }
      });
    }
    it(`the petitioner's online form and tracking page in ${lang}, on a phone and a desktop`, async () => {
      for (const size of sizes) {
        const context = await contextFor(size, lang);
        const page = await context.newPage();
        const heading = () => page.locator('h1').first().textContent({ timeout: 1000 }).catch(() => null);
        await shoot(page, '/report/petition', `resident-petition-${lang}-${size.name}`, heading, /\S/, (pg) => pg.getByTestId('petition-form').waitFor());
        await shoot(page, `/track/${petitionCode}`, `resident-petition-track-${lang}-${size.name}`, heading, /\S/, (pg) => pg.getByTestId('petition-stage').waitFor());
        await context.close();
      }
    });
  }
});

/** The leaders' mediation figures (调解态势) and the 补贴标准 tab, in zh-CN and English. */
const mediationStatsPages = () => [
  { path: '/mediation-overview', file: 'mediation-overview', title: { 'zh-CN': '调解态势', en: 'Mediation overview' }, act: (page: Page) => page.getByTestId('mov-cards').waitFor() },
  { path: '/mediation-overview/experts?min=1', file: 'mediation-experts', title: { 'zh-CN': '调解能手', en: 'Top mediators' }, act: (page: Page) => page.getByTestId('mov-rank').first().waitFor() },
  { path: '/mediation-overview/subsidies', file: 'mediation-subsidies', title: { 'zh-CN': '以案定补', en: 'Per-case subsidies' }, act: (page: Page) => page.getByTestId('mov-total').waitFor() },
  { path: '/mediation-org/rates', file: 'mediation-rates', title: { 'zh-CN': '补贴标准', en: 'Subsidy rates' }, act: (page: Page) => page.getByTestId('rates-form').waitFor() },
];

describe('the mediation overview in zh-CN and English', () => {
  for (const lang of petitionLanguages) {
    for (const size of sizes) {
      it(`the figures, the ranking, the subsidies and their rates in ${lang} at ${size.viewport.width}×${size.viewport.height}`, async () => {
        for (const p of mediationStatsPages()) {
          const context = await contextFor(size, lang, 'county.leader');
          const page = await context.newPage();
          const title = () => page.getByTestId('page-title').textContent({ timeout: 1000 }).catch(() => null);
          await shoot(page, p.path, `staff-${p.file}-${lang}-${size.name}`, title, p.title[lang], p.act);
          await context.close();
        }
      });
    }
  }
});

const residentLanguages = ['zh-CN', 'zh-TW', 'en', 'bo'];
describe('resident pages', () => {
  for (const lang of residentLanguages) {
    it(`report and tracking in ${lang}, on a phone and a desktop`, async () => {
      for (const size of sizes) {
        const context = await contextFor(size, lang);
        const page = await context.newPage();
        const heading = () => page.locator('h1').first().textContent({ timeout: 1000 }).catch(() => null);
        await shoot(page, '/report', `resident-report-${lang}-${size.name}`, heading, /\S/);
        expect(await page.title()).not.toBe('');
        await shoot(page, `/track/${caseCode}`, `resident-track-${lang}-${size.name}`, heading, /\S/);
        // Tibetan is drawn with the shipped Noto Serif Tibetan (fetched for Tibetan text only).
        if (lang === 'bo') await expect.poll(() => page.evaluate(() => [...document.fonts].some((f) => f.family.includes('Tibetan') && f.status === 'loaded'))).toBe(true);
        await context.close();
      }
    });
  }
});

describe('the artefacts', () => {
  it('are all there', () => {
    const files = readdirSync(screenshotsDir).filter((f) => f.endsWith('.png'));
    // 18 staff pages and 3 sign-in pages at two sizes, 2 resident pages in 4 languages (Tibetan too) at two sizes; the petition
    // pages and the petitioner's 2 pages in 2 languages at two sizes; the mediation overview's pages likewise.
    expect(files.length).toBe((staffPages().length + 3) * 2 + 2 * residentLanguages.length * 2 + (petitionPages().length + 2 + mediationStatsPages().length) * petitionLanguages.length * 2);
  });
});
