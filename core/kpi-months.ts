/**
 * Which parts of a KPI window come from the monthly rollups and which from the daily ones: a month is read whole
 * from the monthly rows only when it lies entirely inside the window and has been folded; every other day (the
 * partial months at the edges, the current month, a month not folded yet) is read from the daily rows.
 */
import { addDays, cstDate } from './calendar.ts';

/** The first day of the month of a YYYY-MM-DD day. */
export function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The first day of the month after the one starting on `month`. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** How long after a month's end (China time) it is folded: far longer than any transaction that read the clock. */
export const FOLD_GRACE_MS = 3600_000;

/**
 * The first month that may not be folded yet at instant `now`: a month is folded once it ended more than an hour
 * ago, so a transition that read the clock just before midnight has long committed its daily row.
 */
export function foldCutoff(now: Date): string {
  return monthOf(cstDate(new Date(now.getTime() - FOLD_GRACE_MS)));
}

/** A window split into whole folded months (first days) and inclusive day ranges read from the daily rows. */
export interface WindowPlan {
  months: string[];
  ranges: [string, string][];
}

/** Splits the days fromDay…toDay (both included) given the months already folded. */
export function planWindow(fromDay: string, toDay: string, folded: ReadonlySet<string>): WindowPlan {
  const plan: WindowPlan = { months: [], ranges: [] };
  if (fromDay > toDay) return plan;
  for (let m = monthOf(fromDay); m <= toDay; m = nextMonth(m)) {
    const last = addDays(nextMonth(m), -1);
    if (fromDay <= m && last <= toDay && folded.has(m)) {
      plan.months.push(m);
      continue;
    }
    const from = m < fromDay ? fromDay : m;
    const to = last > toDay ? toDay : last;
    const prev = plan.ranges.at(-1);
    // Adjacent daily stretches become one range, so a window with nothing folded is the one range it always was.
    if (prev && addDays(prev[1], 1) === from) prev[1] = to;
    else plan.ranges.push([from, to]);
  }
  return plan;
}

/** Adds counter records field by field (a window's sums from its daily ranges and its folded months). */
export function addCounters<T extends Record<string, number>>(parts: readonly T[]): T {
  const out = { ...parts[0]! };
  for (const p of parts.slice(1)) for (const k of Object.keys(p) as (keyof T)[]) out[k] = ((out[k] as number) + (p[k] as number)) as T[keyof T];
  return out;
}

/** Merges rows that share a key by adding their counters, ordered by key. */
export function mergeByKey<K extends string, R extends { [P in K]: string | number } & Record<string, string | number>>(key: K, parts: readonly (readonly R[])[]): R[] {
  const by = new Map<string | number, R>();
  for (const rows of parts) {
    for (const r of rows) {
      const seen = by.get(r[key]);
      if (!seen) by.set(r[key], { ...r });
      else for (const k of Object.keys(r)) if (k !== key) (seen as Record<string, string | number>)[k] = (seen[k] as number) + (r[k] as number);
    }
  }
  return [...by.values()].sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}
