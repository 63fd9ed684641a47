/**
 * The leaders' mediation overview (调解态势, issue 15 items 9 and 10) in the browser: the demo county's leader opens
 * it from the menu; every key figure is what the page's own GET /api/kpis/mediation answered (a count as is, the
 * success rate as a percentage with one decimal, "<5" for a hidden count); a township picked by name is asked for
 * and the cards follow; a committee's row opens the workbench filtered to it; the 调解能手 ranking lists the API's
 * mediators in its order; the 以案定补 tab shows each mediator's amount in 元 and the total, and its export downloads
 * an .xlsx whose names and total equal the API's. The leader, who is the county's mediation admin, then changes a
 * rate on /mediation-org (a refused amount shows the server's reason on the form first) and the subsidies follow.
 * Screenshots at desktop and phone size in zh-CN and en go to MEDIATION_OVERVIEW_SHOTS (default
 * e2e/artifacts/mediation-overview). E2E_SERVER_URL reuses a running demo server.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page, Response } from 'playwright-core';
import { apiAs } from './demo-api.ts';
import { demoWorld, screenshots } from './harness.ts';
import { demoCookie } from './staff-session.ts';
import { disputeCategories } from '../core/mediation/categories.ts';

const screenshot = screenshots('MEDIATION_OVERVIEW_SHOTS', 'mediation-overview', 600);

const world = demoWorld();

type Count = number | null;
/** The parts of the KPI answer the page shows. */
interface Kpis {
  region: string;
  suppressedBelow: number;
  totals: Record<'registered' | 'mediated' | 'agreed' | 'failed' | 'referred' | 'refused' | 'inProgress', Count>;
  successRate: number | null;
  byCommittee: { key: string; name: string }[];
}
interface Subsidies { rows: { name: string; amountFen: number }[]; totalFen: number }
interface Experts { rows: { rank: number | null; name: string; awards: string[] }[] }

const names = ['registered', 'mediated', 'agreed', 'successRate', 'failed', 'referred', 'refused', 'inProgress'] as const;

/** The cards' expected text, computed here from the answer (not with the page's own helpers). */
function expected(a: Kpis): Record<string, string> {
  const hidden = `<${a.suppressedBelow}`;
  const count = (v: Count) => (v === null ? hidden : String(v));
  const rate = a.successRate !== null ? `${(a.successRate * 100).toFixed(1)}%` : a.totals.mediated === null ? hidden : '—';
  return Object.fromEntries(names.map((n) => [n, n === 'successRate' ? rate : count(a.totals[n])]));
}

/** What the cards show now. */
async function cards(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, ((await page.getByTestId(`mov-${n}`).textContent()) ?? '').trim()] as const)));
}

/** 元 with two decimals and thousands separators, from fen. */
const yuan = (fen: number) => `${Math.floor(fen / 100).toLocaleString('en')}.${String(fen % 100).padStart(2, '0')}`;

const isGet = (path: string, region?: string) => (r: Response) => new URL(r.url()).pathname === path && r.request().method() === 'GET' && (!region || new URL(r.url()).searchParams.get('region') === region);

/** A screenshot: the whole page on a desktop, the first screen on a phone (a phone's whole page is metres long). */
const shot = (page: Page, name: string) => screenshot(page, name, { fullPage: name.endsWith('desktop') });

describe('调解态势', () => {
  it('shows the figures the server answered, follows a township picked by name, opens the workbench from a committee, and ranks the mediators', async () => {
    const { page, errors } = await world.signIn('county.leader');
    const first = page.waitForResponse(isGet('/api/kpis/mediation'));
    await page.getByRole('menuitem', { name: '调解态势' }).click();
    const county = (await (await first).json()) as Kpis;
    expect(county.region).toBe('632221000000');
    await page.getByTestId('mov-cards').waitFor();
    await expect.poll(() => cards(page)).toEqual(expected(county));
    // The demo county has disputes, agreements among them: the cards are not all empty.
    expect(county.totals.registered).toBeGreaterThan(0);
    expect(county.totals.agreed).toBeGreaterThan(0);
    // Every committee the answer names is in its table, by name.
    const committees = await page.getByTestId('mov-committees').textContent();
    for (const c of county.byCommittee) expect(committees).toContain(c.name);

    // A township other than the county seat's, picked by its name: asked for, and the cards follow its answer.
    const leader = await apiAs(world.server.url, 'county.leader');
    const townships = (await leader('/api/regions/632221000000/children')) as { code: string; name: string }[];
    const other = townships.find((t) => t.code !== '632221100000')!;
    const next = page.waitForResponse(isGet('/api/kpis/mediation', other.code));
    await page.getByTestId('mov-region').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: other.name }).click();
    const township = (await (await next).json()) as Kpis;
    expect(township.region).toBe(other.code);
    // The demo's disputes lie in the county seat's township: this one's figures differ from the county's.
    expect(township.totals.registered).not.toEqual(county.totals.registered);
    await expect.poll(() => cards(page)).toEqual(expected(township));
    expect(page.url()).toContain(`region=${other.code}`);

    // Back to the county; its first committee opens the workbench's register filtered to that committee.
    // (The address holds the region: without it, the user's own.)
    await page.goto(`${world.server.url}/mediation-overview`);
    await expect.poll(() => cards(page)).toEqual(expected(county));
    const committee = county.byCommittee[0]!;
    await page.getByTestId('mov-committees').locator('tr', { hasText: committee.name }).first().click();
    await expect.poll(() => page.url()).toContain(`committeeId=${committee.key}`);
    await page.getByTestId('dispute-boxes').waitFor();
    await page.goBack();

    // 调解能手: the API's mediators in its order, with their awards. The demo's mediators have fewer than the default
    // five mediations each: the leader asks for a ranking from one mediation up.
    await page.getByRole('tab', { name: '调解能手' }).click();
    await page.getByTestId('mov-experts').waitFor();
    const ranking = page.waitForResponse((r) => isGet('/api/mediation/experts')(r) && new URL(r.url()).searchParams.get('minMediated') === '1');
    await page.getByTestId('mov-min').fill('1');
    const experts = (await (await ranking).json()) as Experts;
    expect(experts.rows.length).toBeGreaterThan(0);
    expect(experts.rows[0]!.rank).toBe(1);
    const rows = page.getByTestId('mov-experts').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(experts.rows.length);
    await expect.poll(() => page.getByTestId('mov-rank').allTextContents()).toEqual(experts.rows.map((r) => (r.rank === null ? '—' : String(r.rank))));
    for (const [i, r] of experts.rows.entries()) {
      const text = await rows.nth(i).textContent();
      expect(text).toContain(r.name);
      for (const a of r.awards) expect(text).toContain(a);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows each mediator’s subsidy in 元 and the total, and downloads the payment sheet with the same names and total', async () => {
    const { page, errors } = await world.signIn('county.leader');
    const answer = page.waitForResponse(isGet('/api/mediation/subsidies'));
    await page.goto(`${world.server.url}/mediation-overview/subsidies`);
    const subsidies = (await (await answer).json()) as Subsidies;
    expect(subsidies.rows.length, 'the demo mediators ended cases').toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('mov-total').textContent()).toBe(yuan(subsidies.totalFen));
    expect(await page.getByTestId('mov-amount').allTextContents()).toEqual(subsidies.rows.map((r) => yuan(r.amountFen)));

    const download = page.waitForEvent('download');
    await page.getByTestId('mov-export').click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    // A title, the header, one row per mediator, the total.
    const last = ws.rowCount;
    expect(values(last)[0]).toBe('合计');
    const people = Array.from({ length: last - 3 }, (_, i) => values(i + 3)[1]);
    expect(people).toEqual(subsidies.rows.map((r) => r.name));
    expect(values(last)[7]).toBeCloseTo(subsidies.totalFen / 100, 2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the mediation admin changes a rate on /mediation-org; a refused amount shows the server’s reason, and the subsidies follow the new rate', async () => {
    const { page, errors } = await world.signIn('county.leader');
    // The subsidies of the page's own period, as its own request answered them.
    const subsidiesNow = async () => {
      const answer = page.waitForResponse(isGet('/api/mediation/subsidies'));
      await page.goto(`${world.server.url}/mediation-overview/subsidies`);
      const s = (await (await answer).json()) as Subsidies;
      await expect.poll(() => page.getByTestId('mov-total').textContent()).toBe(yuan(s.totalFen));
      return s;
    };
    const before = await subsidiesNow();
    const rates = (await (await apiAs(world.server.url, 'county.leader'))('/api/mediation/subsidy-rates')) as { rates: unknown[] };
    await page.goto(world.server.url);
    await page.getByRole('menuitem', { name: '调解组织' }).click();
    await page.getByRole('tab', { name: '补贴标准' }).click();
    const field = page.getByTestId('rate-*-agreed');
    // The form fills in when the rates arrive (the demo sets a default for an agreement): wait for the value itself.
    await expect.poll(() => field.inputValue()).not.toBe('');
    const old = await field.inputValue();

    // The form takes any amount with two decimals; the server's ceiling refuses this one, and says so on the form.
    await field.fill('200000');
    await page.getByTestId('rates-save').click();
    await page.getByTestId('rates-error').waitFor();
    expect(await page.getByTestId('rates-error').textContent()).not.toBe('');
    // A third decimal is refused before sending.
    await field.fill('12.345');
    await page.getByTestId('rates-save').click();
    await expect.poll(() => page.getByTestId('rates-form').locator('.ant-form-item-explain-error').first().textContent()).toContain('最多两位小数');

    // One 元 more for an agreement in every category (its own rate, or the default): every agreement pays more.
    await field.fill(old);
    for (const category of ['*', ...disputeCategories]) {
      const f = page.getByTestId(`rate-${category}-agreed`);
      const v = await f.inputValue();
      if (v || category === '*') await f.fill((Number(v || 0) + 1).toFixed(2));
    }
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/mediation/subsidy-rates' && r.request().method() === 'PUT');
    await page.getByTestId('rates-save').click();
    expect((await saved).status()).toBe(200);
    await page.getByText('补贴标准已保存').waitFor();
    const after = await subsidiesNow();
    expect(after.totalFen).toBeGreaterThan(before.totalFen);
    // The old rates back, for the screenshots and a reused server.
    const put = await fetch(`${world.server.url}/api/mediation/subsidy-rates`, { method: 'PUT', headers: { cookie: await demoCookie(world.server.url, 'county.leader'), 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ rates: rates.rates }) });
    expect(put.status, await put.clone().text()).toBe(200);
    expect((await subsidiesNow()).totalFen).toBe(before.totalFen);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`looks right at desktop and phone size in ${lang}`, async () => {
      for (const size of ['desktop', 'phone'] as const) {
        const { page, errors } = await world.signIn('county.leader', size, lang);
        await page.goto(`${world.server.url}/mediation-overview`);
        await page.getByTestId('mov-cards').waitFor();
        await shot(page, `overview-${lang}-${size}`);
        await page.goto(`${world.server.url}/mediation-overview/experts?min=1`);
        await page.getByTestId('mov-experts').locator('[data-testid=mov-rank]').first().waitFor();
        await shot(page, `experts-${lang}-${size}`);
        await page.goto(`${world.server.url}/mediation-overview/subsidies`);
        await page.getByTestId('mov-total').waitFor();
        await shot(page, `subsidies-${lang}-${size}`);
        await page.goto(`${world.server.url}/mediation-org/rates`);
        await page.getByTestId('rate-*-agreed').waitFor();
        await page.waitForLoadState('networkidle');
        await shot(page, `rates-${lang}-${size}`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }
});
