/** A throw-away database on the PostgreSQL server named by a URL (tests on the server pass). */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { grantAppRole } from '../db/roles.ts';

export interface ScratchDatabase {
  /** The URL the application connects with (the app role's when `appRole` was asked for). */
  url: string;
  /** The owner's URL when the application connects as its own role (for ANWANG_MIGRATE_URL). */
  ownerUrl?: string;
  drop: () => Promise<void>;
}

/**
 * Creates a fresh database; returns its URL and a function that drops it. With `appRole` (ANWANG_TEST_APP_ROLE=1
 * in the harness) the schema is migrated as the owner and the URL is that of a role of its own made by
 * `grantAppRole`, as a production server runs: it may not alter, update, delete or truncate the audit log.
 */
export async function createScratchDatabase(baseUrl: string, prefix = 'anwang_test', opts: { appRole?: boolean } = {}): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const role = `${name}_app`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const u = new URL(baseUrl);
  u.pathname = '/' + name;
  const ownerUrl = u.toString();
  if (!opts.appRole) return { url: ownerUrl, drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  const owner = await openDatabase({ databaseUrl: ownerUrl, poolSize: 1 });
  const password = randomBytes(12).toString('hex');
  try {
    await migrate(owner);
    await grantAppRole(owner, role, password);
  } finally {
    await owner.close();
  }
  const app = new URL(ownerUrl);
  app.username = role;
  app.password = password;
  return {
    url: app.toString(),
    ownerUrl,
    drop: async () => {
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await run(`DROP ROLE IF EXISTS ${role}`);
    },
  };
}
