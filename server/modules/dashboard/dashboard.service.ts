/** Dashboards: checks who may see which region, fixes the date window, and runs a domain's named KPI queries. */
import { cstDate } from '../../../core/calendar.ts';
import { childPrefixLength, subtreePrefix } from '../../../core/region-code.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { notFoundUnlessInScope, requirePermission } from '../../lib/access.ts';
import { runKpis, type KpiDomain } from './kpi-registry.ts';

/** The default window: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

/**
 * A domain's KPIs for a region (default: the actor's scope) between two instants (default: the last 30 days),
 * as `{ region, from, to, …the domain's figures }`. @throws FORBIDDEN, NOT_FOUND (a region outside the scope)
 */
export async function kpis<D extends KpiDomain>(ctx: AppContext, actor: Actor, domain: D, q: { region?: string; from?: Date; to?: Date }) {
  requirePermission(actor, 'kpi:read');
  const region = q.region ?? actor.scopeCode;
  // The whole tree is a scope like any other: only a root actor may ask for it.
  notFoundUnlessInScope(actor, region);
  const now = ctx.clock.now();
  const toDay = cstDate(q.to ?? now);
  const fromDay = cstDate(q.from ?? new Date(now.getTime() - (DEFAULT_DAYS - 1) * 86_400_000));
  const figures = await runKpis(ctx, domain, { region, prefix: subtreePrefix(region), childPrefixLength: childPrefixLength(region), fromDay, toDay });
  return { region, from: fromDay, to: toDay, ...figures };
}
