/**
 * How small counts are hidden on dashboards where a person could be identified (petitions, issue 14; mediation,
 * issue 15): counts of 1–4 hidden, rates over fewer than 5 hidden, and secondary suppression in a breakdown.
 * Pure.
 */

/** Counts under this are hidden where a person could be identified (a village, one body, one child region). */
export const SUPPRESS_BELOW = 5;

/** A count as shown: null for 1–4 (0 identifies no one and stays 0). */
export function suppressed(n: number): number | null {
  return n > 0 && n < SUPPRESS_BELOW ? null : n;
}

/** n / d to three places; null when nothing was counted or the denominator is itself too small to show. */
export function suppressedRate(n: number, d: number): number | null {
  if (d === 0 || d < SUPPRESS_BELOW) return null;
  return Math.round((n / d) * 1000) / 1000;
}

/**
 * One column of a breakdown (per child region or per body) with its total, as shown: cells of 1–4 hidden, and
 * enough more that none can be worked out by subtracting the visible cells from the total (secondary
 * suppression) — a single hidden cell takes the smallest other non-zero cell with it, or, when every other cell is
 * 0, the total itself.
 */
export function hideColumn(cells: number[], total: number): { cells: (number | null)[]; total: number | null } {
  const shown: (number | null)[] = cells.map(suppressed);
  const hidden = shown.filter((v, i) => v === null && cells[i]! > 0).length;
  if (hidden !== 1) return { cells: shown, total };
  let partner = -1;
  shown.forEach((v, i) => {
    if (v !== null && v > 0 && (partner < 0 || v < (shown[partner] as number))) partner = i;
  });
  if (partner < 0) return { cells: shown, total: null };
  shown[partner] = null;
  return { cells: shown, total };
}
