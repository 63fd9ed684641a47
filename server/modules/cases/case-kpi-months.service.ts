/**
 * Monthly KPI rollups for the cases domain: the job that folds every finished month from the daily rows, and the
 * window reads that take whole folded months from the monthly rows and every other day from the daily rows, so a
 * year costs about what a month does.
 */
import { addCounters, foldCutoff, mergeByKey, monthOf, nextMonth, planWindow, type WindowPlan } from '../../../core/kpi-months.ts';
import type { AppContext } from '../../lib/context.ts';
import type { KpiWindow } from '../dashboard/kpi-types.ts';
import * as months from './case-stats-months.repository.ts';
import * as stats from './case-stats.repository.ts';

/**
 * Folds every finished month (see foldCutoff) that has daily rows and is not folded yet, one transaction per
 * month; returns the months folded. A second server running it at the same time finds the lock taken and stops.
 */
export async function foldFinishedMonths(ctx: AppContext): Promise<string[]> {
  const first = await months.firstDailyDay(ctx.db);
  if (!first) return [];
  const cutoff = foldCutoff(ctx.clock.now());
  const done = new Set(await months.foldedMonths(ctx.db, monthOf(first), cutoff));
  const folded: string[] = [];
  for (let m = monthOf(first); m < cutoff; m = nextMonth(m)) {
    if (done.has(m)) continue;
    const ok = await ctx.db.transaction(async (tx) => {
      if (!(await months.tryFoldLock(tx))) return false;
      await months.foldMonth(tx, m, nextMonth(m), ctx.clock.now());
      return true;
    });
    if (!ok) break;
    folded.push(m);
  }
  return folded;
}

// One plan per dashboard request: the window object is shared by the domain's queries, which run side by side.
const plans = new WeakMap<KpiWindow, Promise<WindowPlan>>();

/** Which months of the window are read from the monthly rows, and which day ranges from the daily rows. */
function planOf(ctx: AppContext, w: KpiWindow): Promise<WindowPlan> {
  let p = plans.get(w);
  if (!p) {
    p = months.foldedMonths(ctx.db, monthOf(w.fromDay), monthOf(w.toDay)).then((f) => {
      const plan = planWindow(w.fromDay, w.toDay, new Set(f));
      // An empty window still asks the daily rows once, so its figures keep their shape (zeros, empty lists).
      return plan.months.length || plan.ranges.length ? plan : { months: [], ranges: [[w.fromDay, w.toDay]] };
    });
    plans.set(w, p);
  }
  return p;
}

/** Runs a daily read per day range and a monthly read over the folded months of the window. */
async function parts<T>(ctx: AppContext, w: KpiWindow, daily: (from: string, to: string) => Promise<T>, monthly: (ms: string[]) => Promise<T>): Promise<T[]> {
  const plan = await planOf(ctx, w);
  return Promise.all([...plan.ranges.map(([from, to]) => daily(from, to)), ...(plan.months.length ? [monthly(plan.months)] : [])]);
}

/** Sums of the counters over the window. */
export async function windowSums(ctx: AppContext, w: KpiWindow) {
  return addCounters(await parts(ctx, w, (f, t) => stats.sums(ctx.db, w.prefix, f, t), (ms) => months.sumsOfMonths(ctx.db, w.prefix, ms)));
}

/** The first-response histogram over the window, by bucket. */
export async function windowFirstResponse(ctx: AppContext, w: KpiWindow) {
  return mergeByKey('bucket', await parts(ctx, w, (f, t) => stats.firstResponseHist(ctx.db, w.prefix, f, t), (ms) => months.firstResponseHistOfMonths(ctx.db, w.prefix, ms)));
}

/** Per-child counts over the window, by child prefix. */
export async function windowByChild(ctx: AppContext, w: KpiWindow) {
  return mergeByKey('prefix', await parts(ctx, w, (f, t) => stats.byChild(ctx.db, w.prefix, w.childPrefixLength, f, t), (ms) => months.byChildOfMonths(ctx.db, w.prefix, w.childPrefixLength, ms)));
}
