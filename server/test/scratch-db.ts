/** A throw-away database on the PostgreSQL server named by a URL (tests on the server pass). */
import pg from 'pg';
import { randomBytes } from 'node:crypto';

/** Creates a fresh database; returns its URL and a function that drops it. */
export async function createScratchDatabase(baseUrl: string, prefix = 'anwang_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
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
  return { url: u.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
