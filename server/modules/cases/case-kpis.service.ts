/**
 * The cases domain's KPIs for the dashboard (server/modules/dashboard), read from the rollups the transitions
 * maintain (never a scan of the case table; whole finished months from the monthly rollups): received, closed, close rate, on-time rate, satisfaction rate, share
 * resolved in the village and in the township, median first-response time, overdue now; a daily trend and the
 * children of the region.
 */
import { medianFromBuckets, rate } from '../../../core/kpi-math.ts';
import { codeFromPrefix } from '../../../core/region-code.ts';
import { defineKpis } from '../dashboard/kpi-types.ts';
import * as regions from '../regions/regions.service.ts';
import * as stats from './case-stats.repository.ts';
import { windowByChild, windowFirstResponse, windowSums } from './case-kpi-months.service.ts';

/** The named queries of the cases domain and how their results read on the dashboard. */
export const caseKpis = defineKpis({
  queries: {
    /** Sums of the counters (received, closed, on time, resolved where, rated, satisfied): folded months, then days. */
    totals: windowSums,
    /** Minutes from report to first response, as 5-minute buckets. */
    firstResponse: windowFirstResponse,
    /** Open cases past their deadline now (not limited to the window). */
    overdueNow: (ctx, w) => stats.overdueNow(ctx.db, w.prefix),
    /** Received and closed per day (daily rows: the chart has a point per day). */
    trend: (ctx, w) => stats.daily(ctx.db, w.prefix, w.fromDay, w.toDay),
    /** Received, closed and satisfaction per child region, with the child's name. */
    children: async (ctx, w) => {
      const rows = await windowByChild(ctx, w);
      const names = await regions.namesOf(ctx.db, rows.map((c) => codeFromPrefix(c.prefix)));
      return rows.map((c) => ({ ...c, name: names.get(codeFromPrefix(c.prefix)) ?? c.prefix }));
    },
  },
  present: ({ totals: s, firstResponse, overdueNow, trend, children }) => ({
    received: s.received,
    closed: s.closed,
    closeRate: rate(s.closed, s.received),
    onTimeRate: rate(s.closedOnTime, s.closed),
    satisfactionRate: rate(s.satisfied, s.rated),
    villageResolvedShare: rate(s.resolvedVillage, s.resolved),
    townshipResolvedShare: rate(s.resolvedTownship, s.resolved),
    resolved: s.resolved,
    resolvedInVillage: s.resolvedVillage,
    resolvedInTownship: s.resolvedTownship,
    medianFirstResponseMinutes: medianFromBuckets(firstResponse),
    overdueNow,
    trend: trend.map((t) => ({ day: t.day, received: t.received, closed: t.closed })),
    children: children
      .map((c) => ({ code: codeFromPrefix(c.prefix), name: c.name, received: c.received, closed: c.closed, satisfactionRate: rate(c.satisfied, c.rated) }))
      .sort((a, b) => b.received - a.received),
  }),
});
