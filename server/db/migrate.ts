/**
 * Applies the plain, forward-only SQL files in server/db/migrations in name order, each in its own
 * transaction, recording them in schema_migrations. An advisory lock keeps two servers from racing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { Database } from './client.ts';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Lists migration files (NNNN_name.sql) in order. */
export function migrationFiles(): string[] {
  return readdirSync(migrationsDir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/** Applies pending migrations; returns the names applied. @throws Error when an applied file was edited */
export async function migrate(database: Database): Promise<string[]> {
  // The application's own role (server/db/roles.ts) may not create tables: it starts when nothing is pending.
  if (await upToDate(database)) return [];
  try {
    return await applyPending(database);
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
  await database.execScript('SELECT pg_advisory_lock(7263001)');
  try {
    const done = new Map((await database.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')).map((r) => [r.name, r.checksum]));
    for (const file of migrationFiles()) {
      const text = readFileSync(join(migrationsDir, file), 'utf8');
      const checksum = checksumOf(text);
      const seen = done.get(file);
      if (seen) {
        if (seen !== checksum) throw new Error(`migration ${file} was edited after it was applied; add a new migration instead`);
        continue;
      }
      const name = file.replace(/'/g, "''");
      await database.execScript(`BEGIN;\n${text}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${name}', '${checksum}');\nCOMMIT;`);
      applied.push(file);
    }
  } catch (e) {
    await database.execScript('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await database.execScript('SELECT pg_advisory_unlock(7263001)');
  }
  return applied;
}
