/**
 * Applies the plain, forward-only SQL files in server/db/migrations in name order, each in its own
 * transaction, recording them in schema_migrations. An advisory lock keeps two servers from racing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { Database } from './client.ts';
import { distribute, hasCitus, type DistributeOptions } from './distribute.ts';
import { splitStatements } from './split-statements.ts';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Lists migration files (NNNN_name.sql) in order. */
export function migrationFiles(): string[] {
  return readdirSync(migrationsDir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/**
 * Applies pending migrations; returns the names applied. On a Citus coordinator the tables are then placed
 * (server/db/distribute.ts; nothing to do when they are). @throws Error when an applied file was edited
 */
export async function migrate(database: Database, placement: DistributeOptions = {}): Promise<string[]> {
  // The application's own role (server/db/roles.ts) may not create tables: it starts when nothing is pending.
  if (await upToDate(database)) return [];
  try {
    const applied = await applyPending(database);
    if (await hasCitus(database)) await distribute(database, placement);
    return applied;
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e;
    throw new Error(`migrations are pending and this database role may not apply them (${(e as Error).message}): run \`anwang migrate\` with ANWANG_MIGRATE_URL set to the schema owner's URL`, { cause: e });
  }
}

/** Whether every migration file is applied, unchanged (reads only). */
async function upToDate(database: Database): Promise<boolean> {
  const [t] = await database.query<{ r: string | null }>(`SELECT to_regclass('schema_migrations')::text AS r`);
  if (!t?.r) return false;
  const done = new Map((await database.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map((r) => [r.name, r.checksum]));
  return migrationFiles().every((f) => done.get(f) === checksumOf(readFileSync(join(migrationsDir, f), 'utf8')));
}

const checksumOf = (text: string) => createHash('sm3').update(text).digest('hex');

async function applyPending(database: Database): Promise<string[]> {
  await database.execScript(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  const citus = await hasCitus(database);
  // The lock, each migration sent as text and its ROLLBACK go over one connection: a session lock taken on one
  // pooled connection and released on another would stay held, and a failed BEGIN … COMMIT text leaves its own
  // connection in an aborted transaction.
  await database.onOneConnection(async (run) => {
    await run('SELECT pg_advisory_lock(7263001)');
    try {
      // Everything on this one connection: a pool of one (the tests' scratch databases) has no second.
      const done = new Map((await run<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map((r) => [r.name, r.checksum]));
      for (const file of migrationFiles()) {
        const text = readFileSync(join(migrationsDir, file), 'utf8');
        const checksum = checksumOf(text);
        const seen = done.get(file);
        if (seen) {
          if (seen !== checksum) throw new Error(`migration ${file} was edited after it was applied; add a new migration instead`);
          continue;
        }
        const name = file.replace(/'/g, "''");
        const record = `INSERT INTO schema_migrations (name, checksum) VALUES ('${name}', '${checksum}')`;
        if (citus) {
          // A Citus coordinator forwards a DDL statement's text to the workers: one statement at a time, one transaction.
          // A trigger a migration makes on a distributed table (the audit log's guard) is made on every shard.
          try {
            await run('BEGIN');
            await run('SET LOCAL citus.enable_unsafe_triggers TO on');
            for (const statement of [...splitStatements(text), record]) await run(statement);
            await run('COMMIT');
          } catch (e) {
            await run('ROLLBACK').catch(() => undefined);
            throw e;
          }
        } else {
          await run(`BEGIN;\n${text}\n;${record};\nCOMMIT;`).catch(async (e: unknown) => {
            await run('ROLLBACK').catch(() => undefined);
            throw e;
          });
        }
        applied.push(file);
      }
    } finally {
      await run('SELECT pg_advisory_unlock(7263001)').catch(() => undefined);
    }
  });
  return applied;
}
