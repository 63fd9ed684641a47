/** Code tables and their items. */
import { asc, eq, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { codeItems, codeTables } from '../../db/schema.ts';

export type CodeTableRow = typeof codeTables.$inferSelect;
export type CodeItemRow = typeof codeItems.$inferSelect;

/** Tables visible under a county prefix ('' = all): national ones and local ones of those counties. */
export function tablesUnder(ex: Executor, countyPrefix: string) {
  return ex
    .select({ table: codeTables, items: sql<number>`(SELECT count(*)::int FROM code_items i WHERE i.table_id = ${codeTables.id})` })
    .from(codeTables)
    .where(or(eq(codeTables.countyCode, '000000'), like(codeTables.countyCode, `${countyPrefix}%`)))
    .orderBy(asc(codeTables.countyCode), asc(codeTables.id));
}

/** One table, or undefined. */
export async function table(ex: Executor, id: string): Promise<CodeTableRow | undefined> {
  const [row] = await ex.select().from(codeTables).where(eq(codeTables.id, id));
  return row;
}

/** The items of one table in display order. */
export function items(ex: Executor, tableId: string): Promise<CodeItemRow[]> {
  return ex.select().from(codeItems).where(eq(codeItems.tableId, tableId)).orderBy(asc(codeItems.sort), asc(codeItems.code));
}

/** Content hashes of the stored national tables. */
export async function nationalHashes(ex: Executor): Promise<Map<string, string | null>> {
  const rows = await ex.select({ id: codeTables.id, hash: codeTables.contentHash }).from(codeTables).where(eq(codeTables.countyCode, '000000'));
  return new Map(rows.map((r) => [r.id, r.hash]));
}

/** Writes a table and replaces all its items. */
export async function replaceTable(ex: Executor, t: CodeTableRow, list: CodeItemRow[]): Promise<void> {
  await ex.insert(codeTables).values(t).onConflictDoUpdate({ target: codeTables.id, set: { name: t.name, nameEn: t.nameEn, version: t.version, source: t.source, confidence: t.confidence, contentHash: t.contentHash, loadedAt: t.loadedAt } });
  await ex.delete(codeItems).where(eq(codeItems.tableId, t.id));
  for (let i = 0; i < list.length; i += 500) await ex.insert(codeItems).values(list.slice(i, i + 500));
}
