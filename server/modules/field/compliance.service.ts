/** 一日一巡: patrol compliance per worker, grid and township for a region and a range of China calendar days. */
import { AppError } from '../../../core/errors.ts';
import { addDays, cstDate, daysBetween } from '../../../core/calendar.ts';
import { subtreePrefix } from '../../../core/region-code.ts';
import { compliance } from '../../../core/field/compliance.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { notFoundUnlessInScope, requirePermission } from '../../lib/access.ts';
import * as repo from './compliance.repository.ts';

/** The longest range asked at once. */
export const MAX_RANGE_DAYS = 366;

/**
 * Compliance in the region (default the actor's scope) from `from` to `to` (default the last 7 days up to today).
 * @throws NOT_FOUND (a region outside the scope), VALIDATION_FAILED (range)
 */
export async function patrolCompliance(ctx: AppContext, actor: Actor, q: { region?: string; from?: string; to?: string }) {
  requirePermission(actor, 'field:read');
  const region = q.region ?? actor.scopeCode;
  notFoundUnlessInScope(actor, region);
  const to = q.to ?? cstDate(ctx.clock.now());
  const from = q.from ?? addDays(to, -6);
  const days = daysBetween(from, to) + 1;
  if (days < 1 || days > MAX_RANGE_DAYS) throw new AppError('VALIDATION_FAILED', [{ path: 'querystring.from', code: 'bad_range', message: `起止日期应在 1 至 ${MAX_RANGE_DAYS} 天之间` }]);
  const prefix = subtreePrefix(region);
  const [rows, grids] = await Promise.all([repo.patrolDays(ctx.db, prefix, from, to), repo.gridsUnder(ctx.db, prefix)]);
  const result = compliance(rows, grids.map((g) => g.code), days);
  const [names, places] = await Promise.all([repo.userNames(ctx.db, result.workers.map((w) => w.userId)), repo.regionNames(ctx.db, result.townships.map((t) => t.townshipCode))]);
  const gridName = new Map(grids.map((g) => [g.code, g.name]));
  return {
    region, from, to, days,
    workers: result.workers.map((w) => ({ ...w, name: names.get(w.userId) ?? '' })).sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name, 'zh-CN')),
    grids: result.grids.map((g) => ({ ...g, name: gridName.get(g.gridCode) ?? g.gridCode })),
    townships: result.townships.map((t) => ({ ...t, name: places.get(t.townshipCode) ?? t.townshipCode })),
  };
}
