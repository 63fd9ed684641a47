/**
 * First KPIs for any region node and its subtree, read from the rollups the transitions maintain (never a
 * scan of the case table): received, closed, close rate, on-time rate, satisfaction rate, share resolved in
 * the village and in the township, median first-response time, overdue now; a daily trend and the children.
 */
import { AppError } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import { inScope, levelOfCode, subtreePrefix, ROOT_SCOPE } from '../../../core/region-code.ts';
import { can } from '../../../core/roles.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as regions from '../regions/regions.service.ts';
import * as stats from './case-stats.repository.ts';

const childLength: Record<string, number> = { province: 4, prefecture: 6, county: 9, township: 12, village: 12 };
const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/** The median of a histogram of 5-minute buckets, in minutes (bucket midpoint). */
export function medianFromBuckets(rows: { bucket: number; n: number }[]): number | null {
  const total = rows.reduce((s, r) => s + r.n, 0);
  if (!total) return null;
  let seen = 0;
  for (const r of [...rows].sort((a, b) => a.bucket - b.bucket)) {
    seen += r.n;
    if (seen * 2 >= total) return r.bucket * 5 + 2.5;
  }
  return null;
}

/** KPIs for a region (default: the actor's scope) between two dates (default: the last 30 days). @throws FORBIDDEN, NOT_FOUND */
export async function kpis(ctx: AppContext, actor: Actor, q: { region?: string; from?: Date; to?: Date }) {
  if (!can(actor.role, 'kpi:read')) throw new AppError('FORBIDDEN');
  const region = q.region ?? actor.scopeCode;
  // The whole tree is a scope like any other: only a root actor may ask for it.
  if (!inScope(actor.scopeCode, region)) throw new AppError('NOT_FOUND');
  const now = ctx.clock.now();
  const toDay = cstDate(q.to ?? now);
  const fromDay = cstDate(q.from ?? new Date(now.getTime() - 29 * 86_400_000));
  const prefix = subtreePrefix(region);
  const [s, hist, overdue, trend, children] = await Promise.all([
    stats.sums(ctx.db, prefix, fromDay, toDay),
    stats.firstResponseHist(ctx.db, prefix, fromDay, toDay),
    stats.overdueNow(ctx.db, prefix),
    stats.daily(ctx.db, prefix, fromDay, toDay),
    stats.byChild(ctx.db, prefix, region === ROOT_SCOPE ? 2 : childLength[levelOfCode(region)]!, fromDay, toDay),
  ]);
  const childCodes = children.map((c) => c.prefix.padEnd(12, '0'));
  const names = await regions.namesOf(ctx.db, childCodes);
  return {
    region,
    from: fromDay,
    to: toDay,
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
    medianFirstResponseMinutes: medianFromBuckets(hist),
    overdueNow: overdue,
    trend: trend.map((t) => ({ day: t.day, received: t.received, closed: t.closed })),
    children: children
      .map((c) => ({ code: c.prefix.padEnd(12, '0'), name: names.get(c.prefix.padEnd(12, '0')) ?? c.prefix, received: c.received, closed: c.closed, satisfactionRate: rate(c.satisfied, c.rated) }))
      .sort((a, b) => b.received - a.received),
  };
}
