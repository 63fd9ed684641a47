/**
 * Checks the schema the migrations built against server/db/placement.ts: every table placed, every large
 * (distributed) table carrying its distribution column in every primary key, unique index and foreign key, and
 * no key Citus could not keep. Pure checking over a catalogue read once; placement.test.ts runs it on every database.
 */
import type { Database } from './client.ts';
import type { Placement } from './placement.ts';

export interface Catalogue {
  /** Table name → its columns. */
  tables: Map<string, string[]>;
  /** Primary keys and unique indexes; `columns` is null for an index on an expression. */
  uniques: { table: string; name: string; columns: string[] | null }[];
  foreignKeys: { table: string; name: string; columns: string[]; refTable: string; refColumns: string[] }[];
}

/** Reads tables, unique indexes and foreign keys of the public schema. */
export async function readCatalogue(database: Database): Promise<Catalogue> {
  const cols = await database.query<{ t: string; c: string }>(`
    SELECT c.relname AS t, a.attname AS c FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname, a.attnum`);
  const tables = new Map<string, string[]>();
  for (const r of cols) tables.set(r.t, [...(tables.get(r.t) ?? []), r.c]);
  const uniques = await database.query<{ table: string; name: string; columns: string[] | null }>(`
    SELECT t.relname AS table, i.relname AS name,
      CASE WHEN 0 = ANY (x.indkey::int2[]) THEN NULL ELSE
        (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum) END AS columns
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND x.indisunique AND t.relkind IN ('r', 'p') ORDER BY 1, 2`);
  const foreignKeys = await database.query<{ table: string; name: string; columns: string[]; refTable: string; refColumns: string[] }>(`
    SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.confrelid::regclass::text AS "refTable",
      (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
      (SELECT array_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS "refColumns"
    FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace ORDER BY 1, 2`);
  return { tables, uniques: uniques.map((u) => ({ ...u, columns: u.columns ? toArray(u.columns) : null })), foreignKeys: foreignKeys.map((f) => ({ ...f, columns: toArray(f.columns), refColumns: toArray(f.refColumns) })) };
}

// PGlite returns name[] as a string "{a,b}" where node-postgres parses it.
const toArray = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean));

/** Every way the catalogue breaks the placement rules, one line each (empty when it holds). */
export function placementProblems(cat: Catalogue, placement: Record<string, Placement>): string[] {
  const lines: string[] = [];
  for (const t of cat.tables.keys()) if (!placement[t]) lines.push(`${t}: in the database, missing from placement.ts (say reference, local or distributed by county_code, and why)`);
  for (const [t, p] of Object.entries(placement)) {
    if (!cat.tables.has(t)) lines.push(`${t}: in placement.ts, not in the database`);
    if (p.why.trim().length < 10) lines.push(`${t}: placement.ts gives no reason`);
    if (p.kind === 'distributed' && cat.tables.has(t) && !cat.tables.get(t)!.includes(p.column)) lines.push(`${t}: distributed by ${p.column}, which it lacks`);
  }
  const column = (t: string) => {
    const p = placement[t];
    return p?.kind === 'distributed' ? p.column : undefined;
  };
  for (const u of cat.uniques) {
    const col = column(u.table);
    if (col && !u.columns?.includes(col)) lines.push(`${u.table}: unique index ${u.name} (${u.columns?.join(', ') ?? 'an expression'}) lacks ${col}`);
  }
  for (const f of cat.foreignKeys) {
    const from = placement[f.table]?.kind;
    const to = placement[f.refTable]?.kind;
    if (!from || !to || to === 'reference') continue;
    if (to === 'local' && from !== 'local') lines.push(`${f.table}: foreign key ${f.name} from a ${from} table to the local table ${f.refTable}`);
    if (to !== 'distributed') continue;
    if (from !== 'distributed') {
      lines.push(`${f.table}: foreign key ${f.name} from a ${from} table to the distributed table ${f.refTable}`);
      continue;
    }
    const at = f.columns.indexOf(column(f.table)!);
    if (column(f.table) !== column(f.refTable) || at < 0 || f.refColumns[at] !== column(f.refTable)) lines.push(`${f.table}: foreign key ${f.name} (${f.columns.join(', ')}) → ${f.refTable} (${f.refColumns.join(', ')}) does not join on ${column(f.refTable)}`);
  }
  return lines;
}
