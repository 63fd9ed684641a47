/**
 * Opens the database: PGlite in-process by default (data under ANWANG_DATA_DIR, or in memory for tests),
 * or a PostgreSQL server through node-postgres when a URL is given. Both behind one Drizzle instance.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema.ts';
import { acquireDirLock, type DirLock } from './dir-lock.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sqlText: string): Promise<void>;
  /**
   * Runs `fn` with every SQL script it sends on one and the same connection (session-level locks, a transaction
   * sent as text, its ROLLBACK after a failure); the connection is dropped afterwards if `fn` failed.
   */
  onOneConnection<T>(fn: (run: <R = Record<string, unknown>>(sqlText: string) => Promise<R[]>) => Promise<T>): Promise<T>;
  /** Runs one query with parameters and returns its rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** A round trip to the database (health checks). */
  ping(): Promise<void>;
  /** Periodic upkeep: PGlite has no autovacuum, so planner statistics are refreshed by hand. */
  maintain(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a tar file (the tests' migrated template, loaded with `pgliteTemplate`). */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  /** A PostgreSQL URL; when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory; when absent (and no URL), an in-memory PGlite. */
  dataDir?: string;
  /** Pool size for node-postgres. */
  poolSize?: number;
  /** An in-memory PGlite starts from this dumped data directory instead of running initdb (tests: seconds per database). */
  pgliteTemplate?: Blob;
}

/** Opens the configured database. @throws Error when the PGlite directory is locked by a live process */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir, opts.pgliteTemplate);
}

async function openPglite(dataDir: string | undefined, template: Blob | undefined): Promise<Database> {
  let lock: DirLock | undefined;
  let client: PGlite;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite does not stop a second process opening the same directory; two writers lose rows.
    lock = acquireDirLock(dataDir);
    try {
      client = await PGlite.create(join(dataDir, 'pgdata'));
    } catch (e) {
      lock.release();
      throw e;
    }
  } else {
    client = template ? await PGlite.create({ loadDataDir: template }) : await PGlite.create();
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    execScript: async (sqlText) => {
      await client.exec(sqlText);
    },
    // One process, one connection: every script already goes the same way.
    onOneConnection: (fn) => fn(async <R,>(sqlText: string) => ((await client.exec(sqlText)).at(-1)?.rows ?? []) as R[]),
    query: async <T,>(sqlText: string, params: unknown[] = []) => (await client.query<T>(sqlText, params)).rows,
    ping: async () => void (await client.query('SELECT 1')),
    maintain: async () => void (await client.exec('ANALYZE')),
    close: async () => {
      await client.close();
      lock?.release();
    },
    dumpDataDir: async () => (await client.dumpDataDir('none')) as Blob,
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection dropped by the server (restart, failover, admin) must not crash the process:
  // the pool discards that client and the next query opens a fresh one.
  pool.on('error', (err) => process.stderr.write(`database: idle connection lost (${(err as { code?: string }).code ?? err.name})\n`));
  // The pool listens for errors only on idle clients. A connection lost while checked out (inside a
  // transaction) also emits 'error' on its client, which with no listener would crash the process; the
  // query in flight already fails (answered 503) and the pool discards the dead client on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Fail fast with a clear message when the server is unreachable.
  const c = await pool.connect();
  c.release();
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    execScript: async (sqlText) => {
      await pool.query(sqlText);
    },
    onOneConnection: async (fn) => {
      const c = await pool.connect();
      let failed = false;
      try {
        return await fn(async <R,>(sqlText: string) => {
          const r = (await c.query(sqlText)) as unknown as { rows?: R[] } | { rows?: R[] }[];
          return (Array.isArray(r) ? (r.at(-1)?.rows ?? []) : (r.rows ?? [])) as R[];
        });
      } catch (e) {
        failed = true;
        throw e;
      } finally {
        // A connection whose work failed may hold a session lock or a broken transaction: never reuse it.
        c.release(failed);
      }
    },
    query: async <T,>(sqlText: string, params: unknown[] = []) => (await pool.query(sqlText, params)).rows as T[],
    ping: async () => void (await pool.query('SELECT 1')),
    maintain: async () => undefined, // a server's autovacuum does this
    close: async () => {
      await pool.end();
    },
  };
}
