/** Pure arithmetic shared by every domain's KPIs (rates and medians from rollup counters). */

/** n / d rounded to three places; null when nothing was counted (no rate rather than a false 0). */
export function rate(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 1000) / 1000;
}

/** The median of a histogram of 5-minute buckets, in minutes (bucket midpoint); null for an empty histogram. */
export function medianFromBuckets(rows: { bucket: number; n: number }[]): number | null {
  const total = rows.reduce((s, r) => s + r.n, 0);
  if (!total) return null;
  let seen = 0;
  for (const r of [...rows].sort((a, b) => a.bucket - b.bucket)) {
    seen += r.n;
    if (seen * 2 >= total) return r.bucket * 5 + 2.5;
  }
  return null;
}

/** What the overdue rule reads of one clock (first response, stage or total). */
export interface ClockFacts {
  state: string;
  dueAt: Date;
  paused: boolean;
}

/**
 * Overdue, defined once: a clock is past due when it breached (it stays so once settled) or is still running
 * after its due time. A case is overdue while open with any clock past due — the one-hour first response too.
 */
export function isPastDue(c: ClockFacts, now: Date): boolean {
  return c.state === 'breached' || ((c.state === 'open' || c.state === 'warned') && !c.paused && now >= c.dueAt);
}

/** On time (按时办结): a case closed with no clock past due, whatever its kind; one breach makes it late. */
export function closedOnTime(clocks: readonly ClockFacts[], now: Date): boolean {
  return !clocks.some((c) => isPastDue(c, now));
}
