/**
 * Multi-row INSERTs for the hot write paths (intake's group commit): the statement text is made once per table,
 * column set and row count, and each value goes through its column's own driver mapping, exactly what Drizzle
 * sends. Drizzle builds an INSERT value by value through its SQL tree on every call: for a batch of 50-column
 * case rows that was the largest single cost of the server under load (docs/PERFORMANCE.md, issue 13).
 */
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';

interface Plan {
  name: string;
  columns: { key: string; column: Column; fill: (() => unknown) | undefined }[];
  texts: Map<string, string>;
}
const plans = new WeakMap<PgTable, Plan>();

function planOf(table: PgTable): Plan {
  let p = plans.get(table);
  if (!p) {
    const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, column, fill: column.defaultFn as (() => unknown) | undefined }));
    plans.set(table, (p = { name: getTableName(table), columns, texts: new Map() }));
  }
  return p;
}

/** The connection (or PGlite) under a Drizzle database or transaction: both answer `query(text, params)`. */
function clientOf(ex: Executor): { query(text: string, params: unknown[]): Promise<unknown> } {
  return (ex as unknown as { session: { client: { query(text: string, params: unknown[]): Promise<unknown> } } }).session.client;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts rows in one statement. A column every row leaves undefined takes the table's default; rows that leave
 * a column undefined while others fill it go through Drizzle (which writes DEFAULT per value).
 */
export async function insertRows<T extends PgTable>(ex: Executor, table: T, rows: T['$inferInsert'][]): Promise<void> {
  if (!rows.length) return;
  const plan = planOf(table);
  const used = plan.columns.filter((c) => c.fill || rows.some((r) => (r as Record<string, unknown>)[c.key] !== undefined));
  if (used.some((c) => !c.fill && rows.some((r) => (r as Record<string, unknown>)[c.key] === undefined))) {
    await ex.insert(table).values(rows as never);
    return;
  }
  const shape = `${used.map((c) => c.key).join(',')}|${rows.length}`;
  let text = plan.texts.get(shape);
  if (!text) {
    let n = 0;
    const tuple = () => `(${used.map(() => `$${++n}`).join(', ')})`;
    text = `INSERT INTO ${quote(plan.name)} (${used.map((c) => quote(c.column.name)).join(', ')}) VALUES ${rows.map(tuple).join(', ')}`;
    plan.texts.set(shape, text);
  }
  const params: unknown[] = [];
  for (const r of rows as Record<string, unknown>[]) {
    for (const c of used) {
      let v = r[c.key];
      if (v === undefined) v = c.fill!();
      params.push(v === null ? null : c.column.mapToDriverValue(v));
    }
  }
  await clientOf(ex).query(text, params);
}
