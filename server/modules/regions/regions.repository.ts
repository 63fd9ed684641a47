/** I/O for the region tree. Every read that serves a user takes the scope prefix. */
import { and, asc, count, eq, ilike, inArray, like, sql, type SQL } from 'drizzle-orm';
import { grids, regions } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';
import { countyOf, subtreePrefix } from '../../../core/region-code.ts';

export type RegionRow = typeof regions.$inferSelect;

/** One region if it lies under `scopePrefix`. */
export async function findInScope(ex: Executor, code: string, scopePrefix: string): Promise<RegionRow | undefined> {
  const [row] = await ex.select().from(regions).where(and(eq(regions.code, code), like(regions.code, `${scopePrefix}%`)));
  return row;
}

/** Regions by code, unscoped (imports and ancestor names). */
export async function findMany(ex: Executor, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return ex.select().from(regions).where(inArray(regions.code, codes));
}

/** Direct children of a node with their child and grid counts, in code order. */
export async function childrenWithCounts(ex: Executor, parentCode: string) {
  const children = await ex
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      parentCode: regions.parentCode,
      // Qualified by hand: inside a sub-select Drizzle would render the outer column unqualified.
      childCount: sql<number>`(SELECT count(*)::int FROM regions c WHERE c.parent_code = "regions"."code")`,
    })
    .from(regions)
    .where(eq(regions.parentCode, parentCode))
    .orderBy(asc(regions.code));
  // Grids are counted apart, grouped by each child's subtree prefix: grids are split by county on Citus, where a
  // sub-select per region row over them is refused.
  const prefixes = children.map((c) => subtreePrefix(c.code));
  const counts = new Map<string, number>();
  for (const len of new Set(prefixes.map((p) => p.length))) {
    const under = subtreePrefix(parentCode);
    // The length written into the text (a whole number): as two parameters the GROUP BY would not match the column.
    const head = sql<string>`left(${grids.code}, ${sql.raw(String(Math.trunc(len)))})`;
    const rows = await ex
      .select({ prefix: head, n: count() })
      .from(grids)
      .where(and(under.length >= 6 ? eq(grids.countyCode, countyOf(under)) : undefined, like(grids.code, `${under}%`)))
      .groupBy(head);
    for (const r of rows) counts.set(r.prefix, Number(r.n));
  }
  return children.map((c, i) => ({ ...c, gridCount: counts.get(prefixes[i]!) ?? 0 }));
}

/** Inserts or renames regions (imports). */
export async function upsertMany(ex: Executor, rows: Omit<RegionRow, 'createdAt' | 'updatedAt'>[], now: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await ex
      .insert(regions)
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, createdAt: now, updatedAt: now })))
      .onConflictDoUpdate({ target: regions.code, set: { name: sql`excluded.name`, updatedAt: now } });
  }
}

/** Number of regions (to tell an empty database). */
export async function countAll(ex: Executor): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(regions);
  return Number(row?.n ?? 0);
}

/** Grid count under a prefix. */
export async function gridCountUnder(ex: Executor, prefix: string): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(grids).where(like(grids.code, `${prefix}%`));
  return Number(row?.n ?? 0);
}

/** Every region's code, level and path (import validation needs the parents already stored). */
export async function allBrief(ex: Executor) {
  return ex.select({ code: regions.code, level: regions.level, path: regions.path }).from(regions);
}

/** Regions under `scopePrefix` whose name holds `words` (LIKE wildcards taken literally), shortest names first. */
export function searchInScope(ex: Executor, words: string, scopePrefix: string, level: string | undefined, limit: number): Promise<RegionRow[]> {
  const literal = words.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where: SQL[] = [like(regions.code, `${scopePrefix}%`), ilike(regions.name, `%${literal}%`)];
  if (level) where.push(eq(regions.level, level));
  return ex.select().from(regions).where(and(...where)).orderBy(sql`length(${regions.name})`, asc(regions.code)).limit(limit);
}
