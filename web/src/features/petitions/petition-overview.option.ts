/**
 * Pure pieces of the leaders' petition overview: how a figure is shown (a count, a percentage, or "<5" when the
 * server hid it so that no one can be identified) and the ECharts options of its charts. Tested without a browser.
 */
import type { PetitionKpis } from './petition-overview.api';
import { everyDayOf, hiddenCountBars, hiddenDaysOf, shownCount, shownRate, type Shown } from '../../ui/hidden-counts';

export { shownCount, shownRate, type Shown };

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

/** Every day of the period with its registrations (a day the server did not send had none; a hidden one stays null). */
export function everyDay(rows: PetitionKpis['trend'], from: string, to: string): PetitionKpis['trend'] {
  return everyDayOf(rows, ['registered'], from, to);
}

/** Petitions registered per day as bars; a hidden day has no bar (its tooltip says "<5"), never a zero. */
export function trendOption(days: PetitionKpis['trend'], below: number, label: string) {
  return hiddenCountBars(days, ['registered'], { registered: label }, below);
}

/** How many days of the trend are hidden by the small-count rule (said under the chart). */
export function suppressedDays(rows: PetitionKpis['trend']): number {
  return hiddenDaysOf(rows, ['registered']);
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
