/**
 * The staff side of field work on the demo: county.leader opens 巡查 (/patrols) and sees the demo's 一日一巡 in the
 * chart and the table (figures as the API gives them), the patrols with worker and grid names and the finding's
 * case; opening a patrol fetches nothing until the track is asked for, then draws it on the map, and the audit log
 * (read through the audit API) holds the patrol.readTrack event. village.operator (no field:track) gets a clear
 * "无权查看轨迹" in place of the track.
 * E2E_SERVER_URL reuses a running demo server instead of starting one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './server.ts';
import { signedInPage } from './staff-session.ts';
import { apiAs } from './demo-api.ts';
import { percent } from '../web/src/features/patrols/patrols.option.ts';

let server: RunningServer | undefined;
let url = '';
let browser: Browser;

beforeAll(async () => {
  if (process.env.E2E_SERVER_URL) url = process.env.E2E_SERVER_URL;
  else {
    server = await startServer();
    url = server.url;
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** An auditor's session cookie, enrolling TOTP on the way (a demo auditor's first sign-in); not the county's or prefecture's, which other browser tests enrol. */
async function auditorCookie(): Promise<string> {
  for (const username of ['township.auditor', 'village.auditor']) {
    const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Anwang@2026' }) });
    if (res.status !== 200) continue; // enrolled by an earlier run on a reused server: try the next one
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await res.json()) as { stage: string };
    if (me.stage === 'enrol') {
      const post = (path: string, body?: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
      const { secret } = (await (await post('/api/auth/totp/setup')).json()) as { secret: string };
      expect((await post('/api/auth/totp/enroll', { code: await generate({ secret }) })).status).toBe(200);
    }
    return cookie;
  }
  throw new Error('no demo auditor could sign in');
}

interface Compliance { workers: { userId: string; name: string; rate: number; patrolledDays: number }[]; townships: { name: string; rate: number }[] }
interface Patrols { total: number; items: { id: string; userName: string; gridName: string; pointCount: number; findings: { caseCode: string }[] }[] }

describe('the patrol page on the demo', () => {
  it('shows the leader the demo week in the chart and the table, the patrols, and a track on asking — audited', async () => {
    const get = await apiAs(url, 'county.leader');
    const c = (await get('/api/field/patrol-compliance')) as Compliance;
    const worker = c.workers.find((w) => w.patrolledDays > 0)!;
    expect(worker, 'the demo has patrols').toBeTruthy();
    const list = (await get(`/api/field/patrols?pageSize=50`)) as Patrols;
    const withCase = list.items.find((p) => p.findings.length)!;
    expect(withCase, 'a demo patrol has a finding').toBeTruthy();

    const { page, errors } = await signedInPage(browser, url, 'county.leader');
    const trackReads: string[] = [];
    page.on('request', (r) => r.url().includes('/track') && trackReads.push(r.url()));
    await page.goto(`${url}/patrols`);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('巡查');
    // A county leader compares townships: 浩门镇 with its rate, and the chart is drawn.
    const table = page.getByTestId('patrol-compliance');
    const township = c.townships.find((t) => t.rate > 0)!;
    await expect.poll(() => table.getByRole('row', { name: new RegExp(township.name) }).textContent()).toContain(percent(township.rate));
    await expect.poll(() => page.getByTestId('patrol-chart').locator('canvas').count()).toBeGreaterThan(0);
    // By worker: the grid worker by name, with the rate the API computed.
    await page.getByTestId('patrol-level').getByText('网格员').click();
    await expect.poll(() => table.getByRole('row', { name: new RegExp(worker.name) }).textContent()).toContain(percent(worker.rate));
    await expect.poll(() => table.getByRole('row', { name: new RegExp(worker.name) }).textContent()).toContain(`${worker.patrolledDays} / 7 天`);

    // The patrols: worker and grid by name, the finding linked to its case by code.
    const rows = page.getByTestId('patrol-list');
    await expect.poll(() => rows.getByTestId('patrol-case').first().textContent()).toContain(withCase.findings[0]!.caseCode);
    expect(await rows.getByTestId('patrol-case').first().getAttribute('href')).toBe(`/cases/${withCase.findings[0]!.caseCode}`);
    const row = rows.getByRole('row').filter({ has: page.getByTestId('patrol-case') }).first();
    expect(await row.textContent()).toContain(withCase.gridName);
    expect(await row.textContent()).toContain(withCase.userName);
    // Times in Beijing time, never ISO.
    expect(await row.textContent()).not.toMatch(/\d{4}-\d\d-\d\dT/);

    // Opening the patrol reads nothing personal; the track comes on asking, drawn on the map.
    await row.getByRole('cell').first().click();
    await page.getByTestId('patrol-drawer').getByTestId('track-show').waitFor();
    // The 六必查 kept with the patrol's end: the finding's item 有问题, the others 正常.
    await expect.poll(() => page.getByTestId('patrol-checklist').textContent()).toContain('：有问题');
    expect(await page.getByTestId('patrol-checklist').textContent()).toContain('：正常');
    expect(trackReads).toEqual([]);
    await page.getByTestId('track-show').click();
    expect(withCase.pointCount).toBeGreaterThan(1);
    await expect.poll(() => page.getByTestId('track-map').getAttribute('data-point-count')).toBe(String(withCase.pointCount));
    await expect.poll(() => page.getByTestId('track-map').locator('path.leaflet-interactive').count()).toBeGreaterThanOrEqual(3); // line, start, end
    expect(trackReads).toHaveLength(1);

    // The read is in the audit log, by the leader, on that patrol.
    const cookie = await auditorCookie();
    const audit = (await (await fetch(`${url}/api/audit?action=patrol.readTrack&pageSize=50`, { headers: { cookie } })).json()) as { items: { action: string; objectId: string; actor: { name: string | null; role: string | null } }[] };
    expect(audit.items.filter((a) => a.objectId === withCase.id && a.actor.role === 'leader').length).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('answers a village operator, who may not read tracks, with a clear refusal', async () => {
    const { page, errors } = await signedInPage(browser, url, 'village.operator');
    await page.goto(`${url}/patrols`);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('巡查');
    const rows = page.getByTestId('patrol-list');
    await rows.getByTestId('patrol-case').first().waitFor();
    await rows.getByRole('row').nth(1).getByRole('cell').first().click();
    await page.getByTestId('track-show').click();
    await expect.poll(() => page.getByTestId('track-refused').textContent()).toContain('无权查看轨迹');
    expect(await page.getByTestId('track-map').count()).toBe(0);
    // No error toast, no raw code: the refusal is the answer.
    expect(await page.locator('.ant-message-error').count()).toBe(0);
    expect(await page.getByTestId('patrol-drawer').textContent()).not.toMatch(/FORBIDDEN|NOT_FOUND/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
