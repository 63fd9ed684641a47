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
