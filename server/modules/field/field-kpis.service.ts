/**
 * The field domain's KPIs for the dashboard (issue 16): patrols, minutes, distance and findings in the window, 一日一巡
 * (grid-days with an ended patrol ÷ grids × days) for the region and each child region, and assessed households by
 * current risk level. Read from patrol_stats_daily and household_risk_current, never the records. No person is
 * named: figures of work and places only.
 */
import { daysBetween } from '../../../core/calendar.ts';
import { rate } from '../../../core/kpi-math.ts';
import { defineKpis } from '../dashboard/kpi-types.ts';
import * as repo from './compliance.repository.ts';

const days = (from: string, to: string) => daysBetween(from, to) + 1;

/** The named queries of the field domain and how their results read on the dashboard. */
export const fieldKpis = defineKpis({
  queries: {
    totals: (ctx, w) => repo.patrolTotals(ctx.db, w.prefix, w.fromDay, w.toDay),
    byChild: async (ctx, w) => {
      // A village's children are its grids; any other region's are the regions one level down.
      const length = w.prefix.length >= 12 ? 15 : Math.max(w.childPrefixLength, w.prefix.length);
      const { patrolled, gridCounts } = await repo.gridDaysByChild(ctx.db, w.prefix, length, w.fromDay, w.toDay);
      const names = length === 15 ? new Map((await repo.gridsUnder(ctx.db, w.prefix)).map((g) => [g.code, g.name])) : await repo.regionNames(ctx.db, gridCounts.map((g) => g.child.padEnd(12, '0')));
      const n = days(w.fromDay, w.toDay);
      const done = new Map(patrolled.map((p) => [p.child, p.gridDays]));
      return gridCounts.map((g) => {
        const code = g.child.length === 15 ? g.child : g.child.padEnd(12, '0');
        const patrolledGridDays = done.get(g.child) ?? 0;
        return { code, name: names.get(code) ?? code, grids: g.grids, gridDays: g.grids * n, patrolledGridDays, rate: rate(patrolledGridDays, g.grids * n) };
      }).sort((a, b) => a.code.localeCompare(b.code));
    },
    risk: (ctx, w) => repo.riskLevels(ctx.db, w.prefix),
  },
  present: ({ totals, byChild, risk }) => {
    const gridDays = byChild.reduce((s, c) => s + c.gridDays, 0);
    const patrolledGridDays = byChild.reduce((s, c) => s + c.patrolledGridDays, 0);
    const level = (l: string) => risk.find((r) => r.level === l)?.n ?? 0;
    return { ...totals, compliance: { gridDays, patrolledGridDays, rate: rate(patrolledGridDays, gridDays) }, byChild, risk: { high: level('high'), medium: level('medium'), low: level('low') } };
  },
});
