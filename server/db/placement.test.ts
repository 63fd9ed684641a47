/**
 * Every table has a deliberate place on a Citus cluster (server/db/placement.ts) and keys that fit it, on every
 * database; on Citus, the tables are also placed as listed, the county tables all co-located. A table a later
 * migration adds without a placement, or a large table whose key lacks county_code, fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { migrate } from './migrate.ts';
import { colocationAnchor, placement, type Placement } from './placement.ts';
import { placementProblems, readCatalogue, type Catalogue } from './placement-check.ts';
import { hasCitus, placedKinds } from './distribute.ts';
import { createScratchDatabase, type ScratchDatabase } from '../test/scratch-db.ts';

let database: Database;
let scratch: ScratchDatabase | undefined;
beforeAll(async () => {
  scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'anwang_placement') : undefined;
  database = await openDatabase({ databaseUrl: scratch?.url, poolSize: 1 });
  await migrate(database);
});
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

describe('table placement', () => {
  it('places every table, and every key of a distributed table carries its distribution column', async () => {
    const cat = await readCatalogue(database);
    expect(cat.tables.size).toBeGreaterThan(30);
    expect(placementProblems(cat, placement)).toEqual([]);
  });

  it('distributes by county_code every table with county_code except the small ones listed with a reason', () => {
    const smallWithCounty = Object.entries(placement).filter(([, p]) => p.kind !== 'distributed').map(([t]) => t);
    expect(smallWithCounty).toEqual(expect.arrayContaining(['departments', 'routing_rules', 'deadline_policies', 'calendar_days', 'uploads']));
    for (const t of ['cases', 'persons', 'grids', 'audit_log', 'notifications', 'case_events']) expect(placement[t], t).toMatchObject({ kind: 'distributed', column: 'county_code' });
  });

  it('names each breach of the rules, one line each', () => {
    const cat: Catalogue = {
      tables: new Map([['big', ['county_code', 'id', 'code']], ['kid', ['county_code', 'big_id']], ['nocounty', ['id']], ['stray', ['x']], ['small', ['id']]]),
      uniques: [{ table: 'big', name: 'big_pkey', columns: ['county_code', 'id'] }, { table: 'big', name: 'big_code_key', columns: ['code'] }, { table: 'kid', name: 'kid_expr', columns: null }],
      foreignKeys: [
        { table: 'kid', name: 'kid_big_fkey', columns: ['big_id'], refTable: 'big', refColumns: ['id'] },
        { table: 'small', name: 'small_big_fkey', columns: ['id'], refTable: 'big', refColumns: ['id'] },
      ],
    };
    const p: Record<string, Placement> = {
      big: { kind: 'distributed', column: 'county_code', why: 'the large table' },
      kid: { kind: 'distributed', column: 'county_code', why: 'rows of big' },
      nocounty: { kind: 'distributed', column: 'county_code', why: 'forgot its county' },
      small: { kind: 'reference', why: '' },
      gone: { kind: 'local', why: 'dropped by a migration' },
    };
    expect(placementProblems(cat, p)).toEqual([
      'stray: in the database, missing from placement.ts (say reference, local or distributed by county_code, and why)',
      'nocounty: distributed by county_code, which it lacks',
      'small: placement.ts gives no reason',
      'gone: in placement.ts, not in the database',
      'big: unique index big_code_key (code) lacks county_code',
      'kid: unique index kid_expr (an expression) lacks county_code',
      'kid: foreign key kid_big_fkey (big_id) → big (id) does not join on county_code',
      'small: foreign key small_big_fkey from a reference table to the distributed table big',
    ]);
  });

  it.skipIf(!process.env.DATABASE_URL)('on Citus: each table is placed as listed, by its column, the county tables co-located (skipped: needs a Citus coordinator at DATABASE_URL)', async (t) => {
    if (!(await hasCitus(database))) return t.skip('DATABASE_URL is plain PostgreSQL, not a Citus coordinator');
    const kinds = await placedKinds(database);
    const parts = new Map((await database.query<{ name: string; col: string | null; colocationid: number }>(`SELECT logicalrelid::regclass::text AS name, column_to_column_name(logicalrelid, partkey) AS col, colocationid FROM pg_dist_partition`)).map((r) => [r.name, r]));
    const anchor = parts.get(colocationAnchor)!.colocationid;
    const wrong: string[] = [];
    for (const [table, p] of Object.entries(placement)) {
      const kind = kinds.get(table) ?? 'local';
      if (kind !== p.kind) wrong.push(`${table}: ${kind}, listed ${p.kind}`);
      if (p.kind !== 'distributed') continue;
      if (parts.get(table)?.col !== p.column) wrong.push(`${table}: distributed by ${parts.get(table)?.col}, listed ${p.column}`);
      if (p.column === 'county_code' && parts.get(table)?.colocationid !== anchor) wrong.push(`${table}: not co-located with ${colocationAnchor}`);
    }
    expect(wrong).toEqual([]);
  });
});
