/**
 * The acceptance test for the field app: a grid worker (village.gridWorker of the demo) goes offline with the
 * service worker in control, records a patrol (a walked track in chunks, two findings with photos, the end), three
 * visits, one risk assessment and a new household, reloads the page while offline (it still works, the count stays),
 * and comes back online behind a proxy that loses the answer of one visit after the server committed it and holds
 * back the answer of one finding while the page is closed. A new page finishes the upload: every record synced, the
 * count 0, and the server holds each record once (its key replays the first answer; patrols, findings, cases and
 * households counted). Run four times: 56 records and files in all. Screenshots at 390×844.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifacts, launchBrowser, startServer, type RunningServer } from './server.ts';
import { apiAs, gridCentre } from './demo-api.ts';
import { startDropProxy, type DropProxy } from './drop-proxy.ts';
import { reportOnFailure, watchErrors } from './staff-session.ts';
import { fieldPhone } from './field-phone.ts';

const runs = 4;
let server: RunningServer;
let proxy: DropProxy;
let browser: Browser;
let centre: { latitude: number; longitude: number };

beforeAll(async () => {
  server = await startServer();
  // The browser, its cookies and the service worker all live on the proxy's origin.
  proxy = await startDropProxy(server.url);
  browser = await launchBrowser();
  const c = await gridCentre(server.url, '632221100001');
  centre = { latitude: c.lat, longitude: c.lng };
});
afterAll(async () => {
  await browser?.close();
  await proxy?.stop();
  await server?.stop();
});

/** An outbox row as the device keeps it (read from IndexedDB in the page). */
interface Row { id: string; kind: string; method: string; path: string; body: Record<string, unknown>; state: string; answer?: { id?: string; caseCode?: string } }

/** Every outbox row of the device (IndexedDB `anwang-field`, store `outbox`). */
function outbox(page: Page): Promise<Row[]> {
  return page.evaluate(() => new Promise<Row[]>((resolve, reject) => {
    const open = indexedDB.open('anwang-field');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('outbox').objectStore('outbox').getAll();
      req.onsuccess = () => {
        resolve(req.result as Row[]);
        open.result.close();
      };
    };
  }));
}
const count = (page: Page) => page.getByTestId('sync-count').textContent();

/** A PNG photo drawn in the page (as a phone camera would hand one over). */
async function photo(page: Page, colour: string): Promise<Buffer> {
  const bytes = await page.evaluate(async (fill) => {
    const c = document.createElement('canvas');
    c.width = 800;
    c.height = 600;
    const g = c.getContext('2d')!;
    g.fillStyle = fill;
    g.fillRect(0, 0, 800, 600);
    const b = await new Promise<Blob>((r) => c.toBlob((x) => r(x!), 'image/png'));
    return [...new Uint8Array(await b.arrayBuffer())];
  }, colour);
  return Buffer.from(bytes);
}

/** Answers every question of the open form with its first choice (是, 正常, the first option). */
async function answerAll(page: Page): Promise<void> {
  for (const item of await page.locator('.item').all()) {
    const radio = item.locator('input[type=radio]').first();
    if (await radio.count()) await radio.check({ force: true });
  }
}

/** One offline round of work; `mark` makes this round's texts unique. */
async function offlineRound(context: BrowserContext, page: Page, mark: string): Promise<void> {
  await page.evaluate(() => (location.hash = '#/home'));
  await page.getByTestId('tasks-list').waitFor();
  // The patrol: a grid by name, a walk of 25 positions 30 m apart (a chunk of 20, the rest at the end), two findings.
  await page.getByTestId('home-patrol').click();
  await page.getByTestId('patrol-grid').selectOption({ index: 1 });
  await page.getByTestId('patrol-start').click();
  await expect.poll(() => page.getByTestId('patrol-clock').isVisible()).toBe(true);
  for (let i = 1; i <= 24; i++) {
    await context.setGeolocation({ latitude: centre.latitude + (i * 30) / 111_195, longitude: centre.longitude });
    await expect.poll(() => page.getByTestId('patrol-points').innerText()).toMatch(new RegExp(`${i + 1}`));
  }
  for (const [n, colour] of [[1, '#2a7'], [2, '#c33']] as const) {
    await page.getByTestId('finding-open').click();
    await page.getByTestId('finding-category').selectOption({ index: 1 });
    await page.getByTestId('finding-description').fill(`${mark} 巡查发现 ${n}：路灯不亮`);
    await page.getByTestId('finding-photo').setInputFiles({ name: `finding-${n}.png`, mimeType: 'image/png', buffer: await photo(page, colour) });
    await expect.poll(() => page.getByTestId('finding-thumbs').locator('img').count()).toBe(1);
    if (n === 1) await page.screenshot({ path: join(artifacts, 'field-offline-finding-zh-CN.png'), fullPage: true });
    await page.getByTestId('finding-add').click();
    await expect.poll(() => page.getByTestId('patrol-findings').locator('li').count()).toBe(n);
  }
  await page.screenshot({ path: join(artifacts, 'field-offline-patrol-zh-CN.png'), fullPage: true });
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('patrol-end').click();
  await page.getByTestId('tasks-list').waitFor();

  // Three visits to households of the device copy, picked by name.
  for (let n = 0; n < 3; n++) {
    await page.getByTestId('home-visit').click();
    await page.getByTestId('subject-search').fill('号');
    await page.locator('[data-testid^="pick-"]').nth(n).click();
    await page.locator('[data-testid^="template-"]').first().check({ force: true });
    await answerAll(page);
    await page.getByTestId('visit-note').fill(`${mark} 走访 ${n + 1}`);
    if (n === 0) await page.screenshot({ path: join(artifacts, 'field-offline-visit-zh-CN.png'), fullPage: true });
    await page.getByTestId('visit-save').click();
    await page.getByTestId('tasks-list').waitFor();
  }

  // One household risk assessment: the first option of every item.
  await page.getByTestId('home-assessment').click();
  await page.getByTestId('subject-search').fill('号');
  await page.locator('[data-testid^="pick-"]').first().click();
  await answerAll(page);
  await page.getByTestId('risk-level').waitFor();
  await page.screenshot({ path: join(artifacts, 'field-offline-assessment-zh-CN.png'), fullPage: true });
  await page.getByTestId('assessment-save').click();
  await page.getByTestId('tasks-list').waitFor();

  // A new household with its head.
  await page.getByTestId('home-household').click();
  await page.getByTestId('household-address').fill(`城关镇 ${mark} 号`);
  await page.getByTestId('household-head').fill('马国强');
  await page.getByTestId('household-save').click();
  await page.getByTestId('tasks-list').waitFor();
}

describe('offline field work reaches the server exactly once', () => {
  it(`${runs} rounds: patrol with two findings, three visits, an assessment and a household, offline, then synced`, async () => {
    // The device copy of the worker's grids is on the phone before the walk.
    const phone = await fieldPhone(browser, proxy.url, centre);
    const context = phone.context;
    let { page, errors } = phone;
    await page.goto(`${proxy.url}/field/#/home`);
    await page.getByTestId('tasks-list').waitFor();
    await page.screenshot({ path: join(artifacts, 'field-offline-home-zh-CN.png'), fullPage: true });

    const all: Row[] = [];
    const prefix = `E2E${Date.now().toString(36)}`;
    for (let run = 1; run <= runs; run++) {
      const mark = `${prefix}R${run}`;
      await context.setOffline(true);
      await offlineRound(context, page, mark);
      const rows = (await outbox(page)).filter((r) => r.state !== 'synced');
      const records = rows.filter((r) => r.kind !== 'attachment');
      // start + 1 chunk while walking + the rest at the end + 2 findings + end + 3 visits + assessment + household + its head
      expect(records.length, records.map((r) => r.kind).join(', ')).toBeGreaterThanOrEqual(12);
      expect(rows.filter((r) => r.kind === 'attachment')).toHaveLength(2);
      const pending = String(records.length);
      await expect.poll(() => count(page)).toBe(pending);

      // Offline reload: the app still opens, from the service worker and IndexedDB, with the same count.
      await page.reload();
      await expect.poll(() => count(page)).toBe(pending);
      await page.goto(`${proxy.url}/field/#/sync`);
      await expect.poll(() => page.locator('[data-testid^="record-state-"][data-state="pending"]').count()).toBe(records.length);
      if (run === 1) await page.screenshot({ path: join(artifacts, 'field-offline-sync-pending-zh-CN.png'), fullPage: true });

      // Back online behind the faults: one visit's answer lost after the commit; one finding's answer held while the
      // page is closed (it is "uploading" on the device when the page goes away).
      proxy.dropNext((m, p) => m === 'POST' && p === '/api/field/visits', 1);
      const held = proxy.hold((m, p) => m === 'POST' && /\/api\/field\/patrols\/[^/]+\/findings$/.test(p));
      await context.setOffline(false);
      await held.caught;
      await page.close();
      held.release();
      page = await context.newPage();
      errors = watchErrors(page);
      reportOnFailure(page, errors);
      await page.goto(`${proxy.url}/field/#/sync`);
      await expect.poll(() => count(page), { timeout: 60_000 }).toBe('0');
      if (run === 1) await page.screenshot({ path: join(artifacts, 'field-offline-sync-done-zh-CN.png'), fullPage: true });
      await expect.poll(async () => (await outbox(page)).filter((r) => r.state !== 'synced').length, { timeout: 60_000 }).toBe(0);
      const after = await outbox(page);
      for (const r of rows) expect(after.find((x) => x.id === r.id)?.state, `${r.kind} ${r.id}`).toBe('synced');
      for (const r of records) await expect.poll(() => page.getByTestId(`record-state-${r.id}`).getAttribute('data-state')).toBe('synced');
      all.push(...after.filter((x) => rows.some((r) => r.id === x.id)));
    }
    expect(proxy.dropped()).toBe(runs);
    expect(all.length).toBeGreaterThanOrEqual(50);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);

    // The server holds each record once. Every field record's key replays its first answer, so a retry made
    // nothing new…
    const [name, value] = (await page.context().cookies(proxy.url)).filter((c) => c.name !== 'lang').map((c) => [c.name, c.value])[0]!;
    const fieldRecords = all.filter((x) => x.kind !== 'attachment' && x.path.startsWith('/api/field/'));
    expect(fieldRecords.length).toBeGreaterThanOrEqual(10 * runs);
    for (const r of fieldRecords) {
      const res = await fetch(`${server.url}${r.path}`, { method: r.method, headers: { cookie: `${name}=${value}`, 'content-type': 'application/json', 'idempotency-key': r.id }, body: JSON.stringify(r.body) });
      expect(res.status, `${r.kind} ${r.path}`).toBeLessThan(300);
      expect(res.headers.get('idempotent-replay'), `${r.kind} ${r.id}`).toBe('true');
      // The very answer the phone kept when it first synced (for the lost one: the answer of its retry, a replay too).
      expect(await res.json(), `${r.kind} ${r.id}`).toEqual(r.answer);
    }
    // …and counted where the server lists them: one case per finding (the dropped and the held answers included),
    // one household per registration.
    const leader = await apiAs(server.url, 'village.leader');
    const findings = all.filter((r) => r.kind === 'patrol.finding');
    expect(findings).toHaveLength(2 * runs);
    expect(new Set(findings.map((f) => f.answer?.caseCode)).size).toBe(2 * runs);
    expect((await leader(`/api/cases?q=${encodeURIComponent(prefix)}&pageSize=100`)).total).toBe(2 * runs);
    let registered = 0;
    for (let p = 1; ; p++) {
      const page = await leader(`/api/households?region=632221100001&pageSize=200&page=${p}`);
      registered += (page.items as { address: string }[]).filter((x) => x.address.includes(prefix)).length;
      if (page.items.length < 200) break;
    }
    expect(registered).toBe(runs);
    expect(errors.filter((e) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION|network/i.test(e))).toEqual([]);
    await context.close();
  });
});
