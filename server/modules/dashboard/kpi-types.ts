/**
 * What a domain supplies to the dashboard: named KPI queries over a checked window and a presenter that shapes
 * their results into the domain's answer. Kept apart from the registry so a domain's module can import these types
 * without importing the registry (which imports every domain).
 */
import type { AppContext } from '../../lib/context.ts';

/** What every KPI query is asked: a region's subtree and a window of China-time days, both already checked. */
export interface KpiWindow {
  /** The 12-digit region code asked for (or the root scope). */
  region: string;
  /** The prefix every code in that subtree shares ('' for the whole tree). */
  prefix: string;
  /** The length of the prefix that names one child of the region (for per-child breakdowns). */
  childPrefixLength: number;
  /** First and last day, YYYY-MM-DD in China Standard Time, both included. */
  fromDay: string;
  toDay: string;
}

/** One named KPI query: figures for a window, read from the domain's rollups. */
export type KpiQuery<T = unknown> = (ctx: AppContext, w: KpiWindow) => Promise<T>;

/** The results of a set of named queries, by name. */
export type KpiResults<Q extends Record<string, KpiQuery>> = { [K in keyof Q]: Awaited<ReturnType<Q[K]>> };

/** A domain's KPIs: its named queries (run side by side) and how their results make the domain's answer. */
export interface KpiDomainDefinition<Q extends Record<string, KpiQuery>, A> {
  queries: Q;
  present: (results: KpiResults<Q>) => A;
}

/** Declares a domain's KPIs with their types inferred. */
export function defineKpis<Q extends Record<string, KpiQuery>, A>(d: KpiDomainDefinition<Q, A>): KpiDomainDefinition<Q, A> {
  return d;
}
