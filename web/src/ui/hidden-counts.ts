/**
 * How the leaders' overviews (信访态势, 调解态势) show figures the server may hide: a count, a percentage, or "<5" when the
 * server suppressed a small count so that no one can be identified; every day of a trend (a day the server did not send
 * had nothing); and the trend's bars, where a hidden day draws no bar and its tooltip says "<5". Pure, tested without
 * a browser.
 */
import { addDays } from '../../../core/calendar';

/** A figure as shown, and whether it is hidden by the small-count rule (then the page explains why in a tooltip). */
export interface Shown {
  text: string;
  suppressed: boolean;
  /** A dash that may be nothing or a hidden share (the count it is taken of is not in the row): the tooltip says both. */
  maybeHidden?: boolean;
}

/** A count: the number, or "<5" when the server suppressed it (never 0: a hidden count is 1 to 4). */
export function shownCount(v: number | null, below: number): Shown {
  return v === null ? { text: `<${below}`, suppressed: true } : { text: String(v), suppressed: false };
}

/**
 * A share as a percentage with one decimal. Null means nothing to divide ("—") unless the count it is taken of (`base`)
 * is itself suppressed: then the share would reveal it, and it shows as "<5" too. Without the base (undefined) a null
 * share is either.
 */
export function shownRate(rate: number | null, base: number | null | undefined, below: number): Shown {
  if (rate !== null) return { text: `${(rate * 100).toFixed(1)}%`, suppressed: false };
  if (base === null) return { text: `<${below}`, suppressed: true };
  return base === undefined ? { text: '—', suppressed: false, maybeHidden: true } : { text: '—', suppressed: false };
}

type DayOf<K extends string> = { day: string } & Record<K, number | null>;

/** Every day of the period with these counts: a day the server did not send had none (0); a hidden count stays null. */
export function everyDayOf<K extends string>(rows: DayOf<K>[], keys: readonly K[], from: string, to: string): DayOf<K>[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days: DayOf<K>[] = [];
  // Bounded: a malformed period must not loop for ever.
  for (let d = from; d <= to && days.length < 3700; d = addDays(d, 1)) {
    const row = byDay.get(d);
    days.push({ day: d, ...Object.fromEntries(keys.map((k) => [k, row ? row[k] : 0])) } as DayOf<K>);
  }
  return days;
}

/** How many days have a hidden count among these (said under the chart). */
export function hiddenDaysOf<K extends string>(rows: DayOf<K>[], keys: readonly K[]): number {
  return rows.filter((r) => keys.some((k) => r[k] === null)).length;
}

/** One bar series per count, per day; a hidden count draws no bar and its tooltip says "<5". A legend when there are several. */
export function hiddenCountBars<K extends string>(days: DayOf<K>[], keys: readonly K[], labels: Record<K, string>, below: number) {
  const series = keys.map((key) => ({ key, values: days.map((d) => d[key]) }));
  const several = keys.length > 1;
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { dataIndex: number; axisValue: string }[]) => {
        const p = ps[0];
        return p ? [p.axisValue, ...series.map((s) => `${labels[s.key]}: ${shownCount(s.values[p.dataIndex] ?? null, below).text}`)].join('<br/>') : '';
      },
    },
    ...(several ? { legend: { top: 0 } } : {}),
    grid: { left: 40, right: 16, top: several ? 32 : 20, bottom: 28 },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ name: labels[s.key], type: 'bar', barMaxWidth: several ? 10 : 18, data: s.values })),
  };
}
