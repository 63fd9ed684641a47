/** Paging through the stored ciphertexts of one table and writing re-encrypted values back. */
import type { Database } from '../../db/client.ts';
import type { EncryptedColumns } from './encrypted-columns.ts';

export type Row = Record<string, unknown>;

/** The next `limit` rows after key `after` (null = from the start), with their key and encrypted columns. */
export function page(db: Database, t: EncryptedColumns, after: unknown[] | null, limit: number): Promise<Row[]> {
  const cols = [...t.key, ...t.text, ...t.json].join(', ');
  const keyTuple = `(${t.key.join(', ')})`;
  const where = after ? `WHERE ${keyTuple} > (${t.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
  return db.query<Row>(`SELECT ${cols} FROM ${t.table} ${where} ORDER BY ${t.key.join(', ')} LIMIT ${Number(limit)}`, after ?? []);
}

/** Writes new values of the encrypted columns of one row. */
export async function update(db: Database, t: EncryptedColumns, row: Row, values: Row): Promise<void> {
  const cols = Object.keys(values);
  const set = cols.map((c, i) => `${c} = $${i + 1}${t.json.includes(c) ? '::jsonb' : ''}`).join(', ');
  const where = t.key.map((k, i) => `${k} = $${cols.length + i + 1}`).join(' AND ');
  await db.query(`UPDATE ${t.table} SET ${set} WHERE ${where}`, [...cols.map((c) => (t.json.includes(c) ? JSON.stringify(values[c]) : values[c])), ...t.key.map((k) => row[k])]);
}

/** Names of the `*_enc` columns in the schema (to check the registry is complete). */
export async function encColumnsInSchema(db: Database): Promise<string[]> {
  const rows = await db.query<{ t: string; c: string }>(`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema() AND column_name LIKE '%\\_enc'`);
  return rows.map((r) => `${r.t}.${r.c}`).sort();
}
