/**
 * Pure pieces of the leaders' mediation overview (调解态势): the key figures in card order, every day of the trend,
 * the trend chart's ECharts option and money in 元 from the server's fen. Tested without a browser; a figure is shown
 * with the petition overview's rules (a count, a percentage, or "<5" when the server hid it).
 */
import { everyDayOf, hiddenCountBars, hiddenDaysOf, shownCount, shownRate, type Shown } from '../../ui/hidden-counts';
import { disputeCategories } from '../../../../core/mediation/categories';
import { subsidyOutcomes } from '../../../../core/schemas/mediation-stats.response';
import type { MediationKpis, SubsidyRates } from './mediation-overview.api';

export { shownCount, shownRate, type Shown };

/** The key figures in the order of the cards. */
export function keyFigures(k: MediationKpis): { name: string; shown: Shown }[] {
  const b = k.suppressedBelow;
  const t = k.totals;
  return [
    { name: 'registered', shown: shownCount(t.registered, b) },
    { name: 'mediated', shown: shownCount(t.mediated, b) },
    { name: 'agreed', shown: shownCount(t.agreed, b) },
    { name: 'successRate', shown: shownRate(k.successRate, t.mediated, b) },
    { name: 'failed', shown: shownCount(t.failed, b) },
    { name: 'referred', shown: shownCount(t.referred, b) },
    { name: 'refused', shown: shownCount(t.refused, b) },
    { name: 'inProgress', shown: shownCount(t.inProgress, b) },
  ];
}

type Day = MediationKpis['trend'][number];

/** Every day of the period: a day the server did not send had nothing (0); a hidden count stays null. */
export function everyDay(rows: Day[], from: string, to: string): Day[] {
  return everyDayOf(rows, trendSeries, from, to);
}

/** How many days have a hidden count (said under the chart). */
export function suppressedDays(rows: Day[]): number {
  return hiddenDaysOf(rows, trendSeries);
}

export const trendSeries = ['registered', 'mediated', 'agreed'] as const;

/** Disputes registered, mediations ended and agreements reached per day as bar series; a hidden count draws no bar, its tooltip says "<5". */
export function trendOption(days: Day[], below: number, labels: Record<(typeof trendSeries)[number], string>) {
  return hiddenCountBars(days, trendSeries, labels, below);
}

/** An amount in fen as 元 with two decimals and thousands separators (12345 → "123.45"); exact, no floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A rate typed in 元 ("100", "12.5", "0.05") as fen, or null when it is not a non-negative amount with at most two decimals. */
export function fenOf(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/** The rows of the rates form: each outcome's default ("*") first, then every dispute category. */
export const rateRows = ['*', ...disputeCategories] as const;
/** The rates form's values: 元 as typed, by category and outcome. */
export type RateValues = { r: Record<string, Record<string, string | undefined>> };
type Rate = SubsidyRates['rates'][number];

/** The form's values from the rates (fen → 元 with two decimals). */
export function valuesOf(rates: Rate[]): RateValues {
  const r: RateValues['r'] = {};
  for (const x of rates) (r[x.category] ??= {})[x.outcome] = (x.fen / 100).toFixed(2);
  return { r };
}

/** The rates from the form: every filled field, in fen. */
export function ratesOf(v: RateValues): Rate[] {
  return rateRows.flatMap((category) => subsidyOutcomes.flatMap((outcome) => {
    const text = v.r?.[category]?.[outcome];
    const fen = text?.trim() ? fenOf(text) : null;
    return fen === null ? [] : [{ category, outcome, fen }];
  }));
}
