/**
 * The reads of the field app's device copy: the grids an account is linked to (grid staff rows), their active
 * households and persons (masked values only, as lists show them) changed after a time, and what left them since
 * (moved away, archived, dissolved). Each query names the county: a worker's grids lie in one county.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

type Row = Record<string, unknown>;
const rows = async (ex: Executor, q: SQL): Promise<Row[]> => ((await ex.execute(q)) as unknown as { rows: Row[] }).rows;
const list = (codes: string[]) => sql.join(codes.map((c) => sql`${c}`), sql`, `);

/** The grids an account is linked to (any staff role), with their names. */
export async function gridsOf(ex: Executor, userId: string): Promise<{ code: string; name: string; countyCode: string }[]> {
  const r = await rows(ex, sql`SELECT DISTINCT g.code, g.name, g.county_code FROM grid_staff s JOIN grids g ON g.county_code = s.county_code AND g.code = s.grid_code WHERE s.user_id = ${userId} ORDER BY g.code`);
  return r.map((x) => ({ code: String(x.code), name: String(x.name), countyCode: String(x.county_code) }));
}

/** Whether a staff row linking the account to a grid was made after `since` (the device's grid set changed). */
export async function linkedSince(ex: Executor, userId: string, since: Date): Promise<boolean> {
  return (await rows(ex, sql`SELECT 1 FROM grid_staff WHERE user_id = ${userId} AND created_at > ${since.toISOString()} LIMIT 1`)).length > 0;
}

/** A household of the copy. */
export interface CopyHouseholdRow { id: string; gridCode: string; address: string; headName: string | null; memberCount: number; version: number; riskLevel: string | null }

/** Active households of these grids changed (or re-assessed, or with members changed) after `since`; all when no `since`. */
export async function households(ex: Executor, county: string, grids: string[], since?: Date): Promise<CopyHouseholdRow[]> {
  const changed = since
    ? sql`AND (h.updated_at > ${since.toISOString()} OR r.updated_at > ${since.toISOString()} OR EXISTS (SELECT 1 FROM persons m WHERE m.county_code = h.county_code AND m.household_id = h.id AND m.updated_at > ${since.toISOString()}))`
    : sql``;
  const r = await rows(ex, sql`
    SELECT h.id, h.grid_code, h.address, h.version, hp.name_mask AS head_name, r.level,
      (SELECT count(*)::int FROM persons m WHERE m.county_code = h.county_code AND m.household_id = h.id AND m.status = 'active') AS members
    FROM households h
    LEFT JOIN persons hp ON hp.county_code = h.county_code AND hp.id = h.head_person_id
    LEFT JOIN household_risk_current r ON r.county_code = h.county_code AND r.household_id = h.id
    WHERE h.county_code = ${county} AND h.grid_code IN (${list(grids)}) AND h.status = 'active' ${changed}
    ORDER BY h.id`);
  return r.map((x) => ({ id: String(x.id), gridCode: String(x.grid_code), address: String(x.address), headName: (x.head_name as string | null) ?? null, memberCount: Number(x.members), version: Number(x.version), riskLevel: (x.level as string | null) ?? null }));
}

/** A person of the copy with the kinds and open categories of their active records (sensitive ones come as null). */
export interface CopyPersonRow { id: string; householdId: string | null; gridCode: string; name: string; version: number; records: { kind: string; category: string | null }[] }

/** Active persons of these grids changed (or whose records changed) after `since`; all when no `since`. */
export async function persons(ex: Executor, county: string, grids: string[], since?: Date): Promise<CopyPersonRow[]> {
  const changed = since ? sql`AND (p.updated_at > ${since.toISOString()} OR EXISTS (SELECT 1 FROM person_records x WHERE x.county_code = p.county_code AND x.person_id = p.id AND x.updated_at > ${since.toISOString()}))` : sql``;
  const r = await rows(ex, sql`
    SELECT p.id, p.household_id, p.grid_code, p.name_mask, p.version,
      coalesce(json_agg(json_build_object('kind', pr.kind, 'category', pr.category)) FILTER (WHERE pr.id IS NOT NULL), '[]') AS records
    FROM persons p
    LEFT JOIN person_records pr ON pr.county_code = p.county_code AND pr.person_id = p.id AND pr.active
    WHERE p.county_code = ${county} AND p.grid_code IN (${list(grids)}) AND p.status = 'active' ${changed}
    GROUP BY p.county_code, p.id, p.household_id, p.grid_code, p.name_mask, p.version
    ORDER BY p.id`);
  return r.map((x) => ({ id: String(x.id), householdId: (x.household_id as string | null) ?? null, gridCode: String(x.grid_code), name: String(x.name_mask), version: Number(x.version), records: (typeof x.records === 'string' ? JSON.parse(x.records) : x.records) as CopyPersonRow['records'] }));
}

/** Households and persons that left these grids after `since`: moved elsewhere, archived (moved away, died), dissolved. */
export async function departed(ex: Executor, county: string, grids: string[], since: Date): Promise<{ type: 'household' | 'person'; id: string }[]> {
  const r = await rows(ex, sql`
    SELECT DISTINCT 'household' AS type, h.id FROM registry_history rh JOIN households h ON h.county_code = rh.county_code AND h.id = rh.object_id
      WHERE rh.county_code = ${county} AND rh.object_type = 'household' AND rh.from_grid IN (${list(grids)}) AND rh.at > ${since.toISOString()} AND (h.grid_code NOT IN (${list(grids)}) OR h.status <> 'active')
    UNION
    SELECT DISTINCT 'person', p.id FROM registry_history rh JOIN persons p ON p.county_code = rh.county_code AND p.id = rh.object_id
      WHERE rh.county_code = ${county} AND rh.object_type = 'person' AND rh.from_grid IN (${list(grids)}) AND rh.at > ${since.toISOString()} AND (p.grid_code NOT IN (${list(grids)}) OR p.status <> 'active')
    UNION
    SELECT 'household', h.id FROM households h WHERE h.county_code = ${county} AND h.grid_code IN (${list(grids)}) AND h.status <> 'active' AND h.updated_at > ${since.toISOString()}
    UNION
    SELECT 'person', p.id FROM persons p WHERE p.county_code = ${county} AND p.grid_code IN (${list(grids)}) AND p.status <> 'active' AND p.updated_at > ${since.toISOString()}`);
  return r.map((x) => ({ type: x.type as 'household' | 'person', id: String(x.id) }));
}
