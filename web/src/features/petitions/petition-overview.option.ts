/**
 * Pure pieces of the leaders' petition overview: how a figure is shown (a count, a percentage, or "<5" when the
 * server hid it so that no one can be identified) and the ECharts options of its charts. Tested without a browser.
 */
import { addDays } from '../../../../core/calendar';
import type { PetitionKpis } from './petition-overview.api';

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

/** The key figures in the order of the cards: name, what is shown, and whether the card is a share. */
export function keyFigures(k: PetitionKpis): { name: string; shown: Shown }[] {
  const b = k.suppressedBelow;
  return [
    { name: 'registered', shown: shownCount(k.totals.registered, b) },
    { name: 'notifiedInTime', shown: shownRate(k.rates.notifiedInTime, k.totals.notified, b) },
    { name: 'concludedInTime', shown: shownRate(k.rates.concludedInTime, k.totals.concluded, b) },
    { name: 'satisfaction', shown: shownRate(k.rates.satisfaction, k.totals.rated, b) },
    { name: 'repeat', shown: shownRate(k.rates.repeat, k.totals.registered, b) },
    { name: 'skippedLevel', shown: shownRate(k.rates.skippedLevel, k.totals.registered, b) },
    { name: 'collective', shown: shownCount(k.totals.collective, b) },
  ];
}

/**
 * Every day of the period with its registrations: the server sends only days that have a row, and a day without
 * one had none (0); a hidden day stays null.
 */
export function everyDay(rows: PetitionKpis['trend'], from: string, to: string): PetitionKpis['trend'] {
  const byDay = new Map(rows.map((r) => [r.day, r.registered]));
  const days: PetitionKpis['trend'] = [];
  // Bounded: a malformed period must not loop for ever.
  for (let d = from; d <= to && days.length < 3700; d = addDays(d, 1)) days.push({ day: d, registered: byDay.has(d) ? byDay.get(d)! : 0 });
  return days;
}

/** Petitions registered per day as bars; a hidden day has no bar (its tooltip says "<5"), never a zero. */
export function trendOption(days: PetitionKpis['trend'], below: number, label: string) {
  const values = days.map((r) => r.registered);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: { dataIndex: number; axisValue: string }[]) => {
        const p = ps[0];
        return p ? `${p.axisValue}<br/>${label}: ${shownCount(values[p.dataIndex] ?? null, below).text}` : '';
      },
    },
    grid: { left: 40, right: 16, top: 20, bottom: 28 },
    xAxis: { type: 'category', data: days.map((r) => r.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ name: label, type: 'bar', barMaxWidth: 18, data: values }],
  };
}

/** How many days of the trend are hidden by the small-count rule (said under the chart). */
export function suppressedDays(rows: PetitionKpis['trend']): number {
  return rows.filter((r) => r.registered === null).length;
}

export const channelOrder = ['visit', 'letter', 'online', 'phone', 'video'] as const;

/** The five channels as horizontal bars, each labelled with its count or "<5" (a hidden count draws no bar). */
export function channelOption(channels: PetitionKpis['channels'], below: number, labels: Record<(typeof channelOrder)[number], string>) {
  const order = [...channelOrder].reverse(); // the first channel at the top
  const values = order.map((c) => channels[c]);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (ps: { dataIndex: number; name: string }[]) => (ps[0] ? `${ps[0].name}: ${shownCount(values[ps[0].dataIndex] ?? null, below).text}` : '') },
    grid: { left: 56, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: order.map((c) => labels[c]) },
    series: [{ type: 'bar', barMaxWidth: 22, data: values.map((v) => v ?? 0), label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => shownCount(values[p.dataIndex] ?? null, below).text } }],
  };
}
