/**
 * schema.ts mirrors the SQL migrations by hand; this test builds a database with the migrations (PGlite, or the
 * PostgreSQL server of DATABASE_URL in CI) and compares it with the Drizzle tables: every table, column, type,
 * nullability and primary key (in key order, since county_code leads every large table's key). A difference is
 * listed one line each, naming which side has what, so the fix is obvious.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';
import { openDatabase, type Database } from './client.ts';
import { migrate } from './migrate.ts';
import { createScratchDatabase, type ScratchDatabase } from '../test/scratch-db.ts';

/** Tables the migrations make that the application reaches without Drizzle (the runner's own bookkeeping). */
const sqlOnlyTables = new Set(['schema_migrations']);

interface ColumnShape {
  type: string;
  notNull: boolean;
}
interface TableShape {
  columns: Map<string, ColumnShape>;
  primaryKey: string[];
}

/** Drizzle's SQL type names written the way PostgreSQL's format_type() writes them. */
function normaliseType(t: string): string {
  return t
    .replace(/^char\((\d+)\)/, 'character($1)')
    .replace(/^varchar\((\d+)\)/, 'character varying($1)')
    .replace(/^bigserial$/, 'bigint')
    .replace(/^serial$/, 'integer')
    .replace(/^smallserial$/, 'smallint')
    .replace(/^timestamp\((\d)\)/, 'timestamp($1) without time zone')
    .replace(/^timestamp with time zone$/, 'timestamp with time zone')
    .replace(/^timestamp$/, 'timestamp without time zone')
    .replace(/^numeric\((\d+), (\d+)\)/, 'numeric($1,$2)');
}

/** Every table schema.ts declares, as the comparison needs it. */
function declaredTables(): Map<string, TableShape> {
  const out = new Map<string, TableShape>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const columns = new Map(config.columns.map((c) => [c.name, { type: normaliseType(c.getSQLType()), notNull: c.notNull || c.primary }]));
    const single = config.columns.filter((c) => c.primary).map((c) => c.name);
    const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
    // A composite key makes its columns NOT NULL too.
    for (const name of composite) columns.get(name)!.notNull = true;
    out.set(config.name, { columns, primaryKey: composite.length ? composite : single });
  }
  return out;
}

/** Every table the migrations built, read from the catalogue. */
async function builtTables(database: Database): Promise<Map<string, TableShape>> {
  const cols = await database.query<{ table_name: string; column_name: string; type: string; is_nullable: string }>(`
    SELECT c.table_name, c.column_name, format_type(a.atttypid, a.atttypmod) AS type, c.is_nullable
    FROM information_schema.columns c
    JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass AND a.attname = c.column_name
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public'
    ORDER BY c.table_name, c.ordinal_position`);
  const keys = await database.query<{ table_name: string; column_name: string }>(`
    SELECT tc.table_name, k.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name
    WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
    ORDER BY tc.table_name, k.ordinal_position`);
  const out = new Map<string, TableShape>();
  for (const c of cols) {
    if (!out.has(c.table_name)) out.set(c.table_name, { columns: new Map(), primaryKey: [] });
    out.get(c.table_name)!.columns.set(c.column_name, { type: c.type, notNull: c.is_nullable === 'NO' });
  }
  for (const k of keys) out.get(k.table_name)?.primaryKey.push(k.column_name);
  return out;
}

/** The differences, one readable line each ("schema.ts" is the Drizzle side, "database" what the migrations built). */
export function driftBetween(declared: Map<string, TableShape>, built: Map<string, TableShape>): string[] {
  const lines: string[] = [];
  for (const name of [...new Set([...declared.keys(), ...built.keys()])].sort()) {
    const d = declared.get(name);
    const b = built.get(name);
    if (!d && b && !sqlOnlyTables.has(name)) lines.push(`${name}: table in the database, missing from schema.ts`);
    if (d && !b) lines.push(`${name}: table in schema.ts, not made by any migration`);
    if (!d || !b) continue;
    for (const col of [...new Set([...d.columns.keys(), ...b.columns.keys()])]) {
      const dc = d.columns.get(col);
      const bc = b.columns.get(col);
      if (!dc) lines.push(`${name}.${col}: column in the database (${bc!.type}), missing from schema.ts`);
      else if (!bc) lines.push(`${name}.${col}: column in schema.ts (${dc.type}), not in the database`);
      else {
        if (dc.type !== bc.type) lines.push(`${name}.${col}: type ${dc.type} in schema.ts, ${bc.type} in the database`);
        if (dc.notNull !== bc.notNull) lines.push(`${name}.${col}: ${dc.notNull ? 'NOT NULL' : 'nullable'} in schema.ts, ${bc.notNull ? 'NOT NULL' : 'nullable'} in the database`);
      }
    }
    if (d.primaryKey.join(',') !== b.primaryKey.join(',')) lines.push(`${name}: primary key (${d.primaryKey.join(', ')}) in schema.ts, (${b.primaryKey.join(', ')}) in the database`);
  }
  return lines;
}

let database: Database;
let scratch: ScratchDatabase | undefined;
beforeAll(async () => {
  scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'anwang_drift') : undefined;
  database = await openDatabase({ databaseUrl: scratch?.url, poolSize: 1 });
  await migrate(database);
});
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

describe('server/db/schema.ts against the database the migrations build', () => {
  it('declares every table, column, type, nullability and primary key the migrations make', async () => {
    const built = await builtTables(database);
    const declared = declaredTables();
    expect(built.size).toBeGreaterThan(30);
    expect(driftBetween(declared, built)).toEqual([]);
  });

  it('reports a difference on each side, one line each', () => {
    const shape = (cols: [string, string, boolean][], pk: string[]): TableShape => ({ columns: new Map(cols.map(([n, type, notNull]) => [n, { type, notNull }])), primaryKey: pk });
    const declared = new Map([['t', shape([['county_code', 'character(6)', true], ['id', 'uuid', true], ['note', 'text', false]], ['id'])], ['only_ts', shape([], [])]]);
    const built = new Map([['t', shape([['county_code', 'character(6)', true], ['id', 'uuid', true], ['note', 'text', true], ['extra', 'jsonb', false]], ['county_code', 'id'])], ['only_db', shape([], [])]]);
    expect(driftBetween(declared, built)).toEqual([
      'only_db: table in the database, missing from schema.ts',
      'only_ts: table in schema.ts, not made by any migration',
      't.note: nullable in schema.ts, NOT NULL in the database',
      't.extra: column in the database (jsonb), missing from schema.ts',
      't: primary key (id) in schema.ts, (county_code, id) in the database',
    ]);
  });
});
