/**
 * The leaders' petition overview (信访态势) in the browser: the demo county's leader opens it from the menu; every
 * key figure on the cards is what the page's own GET /api/kpis/petitions answered (a count as is, a share as a
 * percentage with one decimal), a count the server hid (by region below) shows "<5" with the reason, never 0; picking a township
 * asks for that township and the cards follow; the overdue card opens the workbench's 超期 box.
 * E2E_SERVER_URL reuses a running demo server.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { apiAs } from './demo-api.ts';
import { demoWorld } from './harness.ts';

const world = demoWorld();

/** The parts of the answer the cards show. */
interface Answer {
  region: string;
  suppressedBelow: number;
  totals: Record<string, number | null>;
  rates: Record<string, number | null>;
  children: { name: string; registered: number | null; collective: number | null; skippedLevel: number | null; repeated: number | null }[];
}

/** The card's expected text, computed here from the answer (not with the page's own helpers). */
function expected(a: Answer): Record<string, string> {
  const hidden = `<${a.suppressedBelow}`;
  const count = (v: number | null) => (v === null ? hidden : String(v));
  // A share is hidden when the count it is taken of is; with nothing to divide it is a dash.
  const rate = (v: number | null, base: number | null) => (v !== null ? `${(v * 100).toFixed(1)}%` : base === null ? hidden : '—');
  const t = a.totals;
  return {
    registered: count(t.registered!),
    notifiedInTime: rate(a.rates.notifiedInTime!, t.notified!),
    concludedInTime: rate(a.rates.concludedInTime!, t.concluded!),
    satisfaction: rate(a.rates.satisfaction!, t.rated!),
    repeat: rate(a.rates.repeat!, t.registered!),
    skippedLevel: rate(a.rates.skippedLevel!, t.registered!),
    collective: count(t.collective!),
  };
}

/** What the cards show now. */
async function cards(page: Page): Promise<Record<string, string>> {
  const names = ['registered', 'notifiedInTime', 'concludedInTime', 'satisfaction', 'repeat', 'skippedLevel', 'collective'];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, ((await page.getByTestId(`pov-${n}`).textContent()) ?? '').trim()] as const)));
}

const isKpis = (region?: string) => (r: Response) => r.url().includes('/api/kpis/petitions') && r.request().method() === 'GET' && (!region || new URL(r.url()).searchParams.get('region') === region);

describe('the leaders’ petition overview', () => {
  it('shows the figures the server answered, "<5" for a hidden one, and follows a township picked by name', async () => {
    const { page, errors } = await world.signIn('county.leader');

    // From the menu, as a leader finds it; the page's own answer is the reference.
    const first = page.waitForResponse(isKpis());
    await page.getByRole('menuitem', { name: '信访态势' }).click();
    const county = (await (await first).json()) as Answer;
    expect(county.region).toBe('632221000000');
    await page.getByTestId('pov-cards').waitFor();
    await expect.poll(() => cards(page)).toEqual(expected(county));
    // The demo county had petitions in the last 30 days: the cards are not all hidden or empty.
    expect(county.totals.registered).toBeGreaterThan(0);

    // Below the county, the demo's one collective visit (and its one repeat) are under five: hidden, shown as "<5"
    // with the reason, never as 0, one mark for each count the answer hid.
    const hiddenCounts = county.children.flatMap((c) => [c.registered, c.collective, c.skippedLevel, c.repeated]).filter((v) => v === null).length;
    expect(hiddenCounts, 'a count the server suppressed').toBeGreaterThan(0);
    const marks = page.getByTestId('pov-children').locator('[data-suppressed]');
    await expect.poll(() => marks.count()).toBe(hiddenCounts);
    expect(await marks.first().textContent()).toBe(`<${county.suppressedBelow}`);
    await marks.first().hover();
    await expect.poll(() => page.locator('.ant-tooltip').filter({ hasText: `不足${county.suppressedBelow}件` }).isVisible()).toBe(true);

    // A township picked by its name: another request for it, and the cards follow its answer.
    const leader = await apiAs(world.server.url, 'county.leader');
    const townships = (await leader('/api/regions/632221000000/children')) as { code: string; name: string }[];
    // A township other than the county seat's: it holds only part of the county's petitions, so its figures differ.
    const other = townships.find((t) => t.code !== '632221100000')!;
    const next = page.waitForResponse(isKpis(other.code));
    await page.getByTestId('pov-region').click();
    await page.locator('.ant-select-item-option').filter({ hasText: other.name }).click();
    const township = (await (await next).json()) as Answer;
    expect(township.region).toBe(other.code);
    expect(township.totals.registered).not.toEqual(county.totals.registered);
    await expect.poll(() => cards(page)).toEqual(expected(township));
    expect(page.url()).toContain(`region=${other.code}`);
    expect(await page.getByTestId('pov-region').textContent()).toContain(other.name);

    // Overdue now opens the workbench's overdue box for that township.
    await page.getByTestId('pov-overdue-card').click();
    await expect.poll(() => page.url()).toContain('/petitions?box=overdue');
    expect(page.url()).toContain(`region=${other.code}`);
    await page.getByTestId('petition-boxes').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
