/** A household's safety-risk assessments (the field records' tables), newest first, with who assessed; read only. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

/** One assessment as the household card lists it: level, score, when, by whom, and whether a later one corrected it. */
export interface RiskRow { id: string; level: string; score: number; assessedAt: string; by: string | null; superseded: boolean }

/** The assessments of one household (county named: one shard). */
export async function assessmentsOf(ex: Executor, countyCode: string, householdId: string): Promise<RiskRow[]> {
  const r = await ex.execute(sql`
    SELECT a.id, a.level, a.score, a.assessed_at, u.display_name,
      EXISTS (SELECT 1 FROM household_assessments s WHERE s.county_code = a.county_code AND s.supersedes_id = a.id) AS superseded
    FROM household_assessments a LEFT JOIN users u ON u.id = a.created_by
    WHERE a.county_code = ${countyCode} AND a.household_id = ${householdId}
    ORDER BY a.assessed_at DESC, a.id LIMIT 50`);
  return ((r as unknown as { rows: Record<string, unknown>[] }).rows).map((x) => ({ id: String(x.id), level: String(x.level), score: Number(x.score), assessedAt: new Date(x.assessed_at as string).toISOString(), by: (x.display_name as string | null) ?? null, superseded: Boolean(x.superseded) }));
}

/** The household's current level (null: never assessed). */
export async function currentOf(ex: Executor, countyCode: string, householdId: string): Promise<{ level: string; score: number; assessedAt: string } | null> {
  const r = await ex.execute(sql`SELECT level, score, assessed_at FROM household_risk_current WHERE county_code = ${countyCode} AND household_id = ${householdId}`);
  const x = (r as unknown as { rows: Record<string, unknown>[] }).rows[0];
  return x ? { level: String(x.level), score: Number(x.score), assessedAt: new Date(x.assessed_at as string).toISOString() } : null;
}

/** A household's county under a region prefix, or undefined (missing, or outside the scope: the same answer). */
export async function householdUnder(ex: Executor, id: string, prefix: string): Promise<{ countyCode: string; id: string } | undefined> {
  const county = prefix.length >= 6 ? sql`county_code = ${prefix.slice(0, 6)} AND ` : sql``;
  const r = await ex.execute(sql`SELECT county_code, id FROM households WHERE ${county}id = ${id} AND grid_code LIKE ${prefix + '%'}`);
  const x = (r as unknown as { rows: Record<string, unknown>[] }).rows[0];
  return x ? { countyCode: String(x.county_code), id: String(x.id) } : undefined;
}
