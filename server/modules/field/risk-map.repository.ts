/** Counts of active households per grid by their current safety-risk level (household_risk_current). */
import { and, eq, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { householdRiskCurrent as r, households as h } from '../../db/schema.ts';

/** Active households of the grids under the prefix, per grid and level; joined on the county (Citus: one shard). */
export async function riskByGrid(ex: Executor, prefix: string) {
  const county = prefix.length >= 6 ? eq(h.countyCode, prefix.slice(0, 6)) : like(h.countyCode, `${prefix}%`);
  return ex
    .select({
      gridCode: h.gridCode,
      households: sql<number>`count(*)::int`,
      high: sql<number>`(count(*) FILTER (WHERE ${r.level} = 'high'))::int`,
      medium: sql<number>`(count(*) FILTER (WHERE ${r.level} = 'medium'))::int`,
      low: sql<number>`(count(*) FILTER (WHERE ${r.level} = 'low'))::int`,
      unassessed: sql<number>`(count(*) FILTER (WHERE ${r.level} IS NULL))::int`,
    })
    .from(h)
    .leftJoin(r, and(eq(r.countyCode, h.countyCode), eq(r.householdId, h.id)))
    .where(and(county, like(h.gridCode, `${prefix}%`), eq(h.status, 'active')))
    .groupBy(h.gridCode)
    .orderBy(h.gridCode);
}
