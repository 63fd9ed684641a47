/**
 * The field app's registry records on the demo server, in a real browser with its service worker, behind the drop
 * proxy: (a) a new household with its head made offline, the household's answer lost after the server committed
 * it: after sync the server holds one household and one person, its head; (b) a household changed offline that an
 * operator changed meanwhile: 409, the conflict screen shows both values, "keep mine" syncs and the server holds
 * mine; (c) a new version waiting while a form holds typed input: the update button stays disabled and the page is
 * not reloaded, the input is kept; once saved, the update goes ahead, after the sync under way, with one reload. The
 * new version is a second worker script (`/field-sw.js?build=2`) registered in the same scope: the app offers and
 * activates whichever worker waits, as it does for a new build at the same address. Screenshots at 390×844 in
 * .tmp/screenshots/field/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './server.ts';
import { apiAs, gridCentre } from './demo-api.ts';
import { startDropProxy, type DropProxy } from './drop-proxy.ts';
import { reportOnFailure, watchErrors } from './staff-session.ts';

const shots = join(process.cwd(), '.tmp', 'screenshots', 'field');
mkdirSync(shots, { recursive: true });
const community = '632221100001';
let server: RunningServer;
let proxy: DropProxy;
let browser: Browser;
let centre: { latitude: number; longitude: number };

beforeAll(async () => {
  server = await startServer();
  proxy = await startDropProxy(server.url);
  browser = await launchBrowser();
  const c = await gridCentre(server.url, community);
  centre = { latitude: c.lat, longitude: c.lng };
});
afterAll(async () => {
  await browser?.close();
  await proxy?.stop();
  await server?.stop();
});

/** An outbox row as the device keeps it. */
interface Row { id: string; kind: string; method: string; path: string; body: Record<string, unknown>; state: string; dependsOn?: string[] }
/** A household of the device copy. */
interface CopyHousehold { id: string; address: string; version: number; gridCode: string }

/** Every row of one IndexedDB store of the device (`anwang-field`). */
function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate((name) => new Promise<T[]>((resolve, reject) => {
    const open = indexedDB.open('anwang-field');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => {
        resolve(req.result as T[]);
        open.result.close();
      };
    };
  }), store);
}
const count = (page: Page) => page.getByTestId('sync-count').textContent();

/** A JSON call to the server (not through the proxy) as a demo account. */
async function as(username: string) {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Anwang@2026' }) });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${server.url}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    return { status: r.status, body: await r.json() };
  };
}

/** A phone signed in as village.gridWorker, the service worker in control and the device copy loaded. */
async function worker(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', geolocation: centre, permissions: ['geolocation'] });
  const page = await context.newPage();
  const errors = watchErrors(page);
  reportOnFailure(page, errors);
  await page.goto(`${proxy.url}/field/`);
  await page.getByTestId('signin-username').fill('village.gridWorker');
  await page.getByTestId('signin-password').fill('Anwang@2026');
  await page.getByTestId('signin-submit').click();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.goto(`${proxy.url}/field/#/sync`);
  await expect.poll(() => page.getByTestId('sync-summary').isVisible()).toBe(true);
  await expect.poll(async () => (await readStore(page, 'households')).length, { timeout: 60_000 }).toBeGreaterThan(0);
  return { context, page, errors };
}
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|network|409|Conflict/i.test(e));

describe('the field app\'s registry records on the server', () => {
  it('(a) a new household with its head, made offline, its answer lost after the commit: one household, one head', async () => {
    const { context, page, errors } = await worker();
    const mark = `E2EH${Date.now().toString(36)}`;
    const head = '欧阳晓岚';
    await context.setOffline(true);
    await page.goto(`${proxy.url}/field/#/household`);
    await page.getByTestId('household-address').fill(`城关镇 ${mark} 号`);
    await page.getByTestId('household-head').fill(head);
    await page.getByTestId('household-phone').fill('13912340088');
    await page.screenshot({ path: join(shots, 'field-household-new-zh-CN.png') });
    await page.getByTestId('household-save').click();
    await page.getByTestId('tasks-list').waitFor();
    const rows = (await readStore<Row>(page, 'outbox')).filter((r) => r.state !== 'synced');
    const made = rows.find((r) => r.kind === 'household.create')!;
    const person = rows.find((r) => r.kind === 'person.create')!;
    expect(person.body).toMatchObject({ householdId: made.id, relation: '02', name: head });
    expect(person.dependsOn).toEqual([made.id]);
    await expect.poll(() => count(page)).toBe('2');

    // Online behind the proxy: the server commits the household, the phone never hears it and retries with its key.
    proxy.dropNext((m, p) => m === 'POST' && p === '/api/households', 1);
    const before = proxy.dropped();
    await context.setOffline(false);
    await page.goto(`${proxy.url}/field/#/sync`);
    await expect.poll(() => count(page), { timeout: 60_000 }).toBe('0');
    expect(proxy.dropped()).toBe(before + 1);
    for (const r of [made, person]) await expect.poll(() => page.getByTestId(`record-state-${r.id}`).getAttribute('data-state')).toBe('synced');
    await page.screenshot({ path: join(shots, 'field-household-synced-zh-CN.png'), fullPage: true });

    // The server: exactly one household of that address, and one person, its head, its only member.
    const leader = await apiAs(server.url, 'village.leader');
    let households = 0;
    for (let p = 1; ; p++) {
      const list = await leader(`/api/households?region=${community}&pageSize=200&page=${p}`);
      households += (list.items as { address: string }[]).filter((x) => x.address.includes(mark)).length;
      if (list.items.length < 200) break;
    }
    expect(households).toBe(1);
    const card = await leader(`/api/households/${made.id}`);
    expect(card.members.map((m: { id: string; head: boolean; relation: string }) => [m.id, m.head, m.relation])).toEqual([[person.id, true, '02']]);
    expect(card.headPersonId).toBe(person.id);
    expect((await leader(`/api/people?name=${encodeURIComponent(head)}`)).total).toBe(1);
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });

  it('(b) a household changed offline and by an operator meanwhile: 409, both values shown, mine kept and synced', async () => {
    const { context, page, errors } = await worker();
    const target = (await readStore<CopyHousehold>(page, 'households')).sort((x, y) => x.id.localeCompare(y.id))[0]!;
    const theirs = `${target.address}（村里核实）`;
    const mine = `${target.address}（入户核实）`;
    await context.setOffline(true);
    // Meanwhile, at the office: the village operator corrects the same household with the version the phone read.
    const operator = await as('village.operator');
    const changed = await operator('PATCH', `/api/households/${target.id}`, { version: target.version, address: theirs });
    expect(changed.status).toBe(200);
    await page.goto(`${proxy.url}/field/#/household?id=${target.id}`);
    await page.getByTestId('household-address').fill(mine);
    await page.getByTestId('household-save').click();
    await page.getByTestId('tasks-list').waitFor();
    const edit = (await readStore<Row>(page, 'outbox')).find((r) => r.kind === 'household.update' && r.state !== 'synced')!;
    expect(edit).toMatchObject({ method: 'PATCH', path: `/api/households/${target.id}`, body: { version: target.version, address: mine } });

    await context.setOffline(false);
    await page.goto(`${proxy.url}/field/#/sync`);
    await expect.poll(() => page.getByTestId(`record-state-${edit.id}`).getAttribute('data-state'), { timeout: 60_000 }).toBe('conflict');
    await page.getByTestId(`resolve-${edit.id}`).click();
    await expect.poll(() => page.getByTestId('conflict-mine').innerText()).toContain(mine);
    await expect.poll(() => page.getByTestId('conflict-theirs').innerText()).toContain(theirs);
    await page.screenshot({ path: join(shots, 'field-conflict-zh-CN.png'), fullPage: true });
    await page.getByTestId('conflict-keep-mine').click();
    await expect.poll(() => count(page), { timeout: 60_000 }).toBe('0');
    const rows = await readStore<Row>(page, 'outbox');
    const kept = rows.find((r) => r.kind === 'household.update' && r.id !== edit.id)!;
    expect(kept.state).toBe('synced');
    expect(rows.find((r) => r.id === edit.id)!.state).toBe('superseded');
    await page.screenshot({ path: join(shots, 'field-conflict-resolved-zh-CN.png'), fullPage: true });
    const now = await operator('GET', `/api/households/${target.id}`);
    expect([now.body.address, now.body.version]).toEqual([mine, target.version + 2]);
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });

  it('(c) a new version waits while a form holds typed input: no reload, the input kept; after saving it goes ahead', async () => {
    const { context, page, errors } = await worker();
    const first = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
    await page.goto(`${proxy.url}/field/#/household`);
    const typed = `城关镇 E2EU${Date.now().toString(36)} 号`;
    await page.getByTestId('household-address').fill(typed);
    // A marker on the page: a reload would wipe it.
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.evaluate(() => navigator.serviceWorker.register('/field-sw.js?build=2', { scope: '/field', type: 'module' }).catch(() => navigator.serviceWorker.register('/field-sw.js?build=2', { scope: '/field' })));
    await page.getByTestId('update-banner').waitFor();
    await expect.poll(() => page.getByTestId('update-now').isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('update-wait').textContent()).toMatch(/保存/);
    await page.screenshot({ path: join(shots, 'field-update-waiting-zh-CN.png') });
    // Pressing a disabled button does nothing: still the first worker, the same page, the typed text.
    await page.getByTestId('update-now').click({ force: true });
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(first);
    expect(await page.getByTestId('household-address').inputValue()).toBe(typed);

    // The save starts a sync; its refresh's answer is held back at the proxy (a weak connection), so the press lands
    // while the sync is under way. The page lets the sync end before the new worker is told to take over (a request
    // reaching the old worker while it is swapped out kept the new version waiting for minutes, the page not
    // reloaded): no reload while the answer is held, then the reload, once released.
    const slow = proxy.hold((m, p) => m === 'GET' && p === '/api/field/templates');
    await page.getByTestId('household-save').click();
    await page.getByTestId('tasks-list').waitFor();
    await slow.caught;
    await expect.poll(() => page.getByTestId('update-now').isEnabled()).toBe(true);
    await page.getByTestId('update-now').click();
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(first);
    await Promise.all([page.waitForEvent('load'), slow.release()]);
    await page.getByTestId('sync-count').waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/build=2/);
    // The saved household went to the server (the draft was not lost to the update).
    await expect.poll(() => count(page), { timeout: 60_000 }).toBe('0');
    expect((await readStore<Row>(page, 'outbox')).filter((r) => r.kind === 'household.create' && (r.body.address as string) === typed.trim())).toHaveLength(1);
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  });
});
