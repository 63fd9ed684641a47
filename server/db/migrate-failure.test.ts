/**
 * A migration that fails leaves nothing behind: its transaction rolled back, the migration lock free for the next
 * try (another server, or this one after a fix), and no pooled connection stuck in an aborted transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { openDatabase, type Database } from './client.ts';
import { migrate } from './migrate.ts';
import { hasCitus } from './distribute.ts';

let env: TestEnv;
let owner: Database;
beforeAll(async () => {
  env = await createTestEnv();
  owner = env.ctx.config.migrateUrl ? await openDatabase({ databaseUrl: env.ctx.config.migrateUrl }) : env.ctx.database;
});
afterAll(async () => {
  if (owner && owner !== env.ctx.database) await owner.close();
  await env?.close();
});

describe('a failed migration', () => {
  it('rolls back, frees the migration lock and leaves every connection usable', async (t) => {
    // Citus runs migrations statement by statement in a Drizzle transaction (tested by the cluster tests).
    if (await hasCitus(owner)) t.skip();
    const last = '0026_cases_open_near_index.sql';
    // Forget the last migration: applying it again fails (its index exists), as a broken migration would.
    await owner.execScript(`DELETE FROM schema_migrations WHERE name = '${last}'`);
    try {
      // Other work on the same pool meanwhile (a server answering health checks), so pooled queries land on
      // different connections: the lock, the failed BEGIN … COMMIT and its ROLLBACK must still share one.
      // (PGlite is one session that a starting server migrates before it serves: no other work meanwhile.)
      let busy = owner.kind === 'postgres';
      const others = Array.from({ length: 4 }, async () => {
        while (busy) await owner.query('SELECT pg_sleep(0.002)');
      });
      await expect(migrate(owner)).rejects.toThrow(/already exists/);
      busy = false;
      await Promise.all(others);
      expect(await owner.query(`SELECT 1 FROM schema_migrations WHERE name = $1`, [last])).toHaveLength(0);
      // The lock is free: another session takes it at once.
      expect(await owner.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(7263001) AS ok')).toEqual([{ ok: true }]);
      await owner.query('SELECT pg_advisory_unlock(7263001)');
      // Every pooled connection answers (none is left inside the failed BEGIN … COMMIT).
      const answers = await Promise.all(Array.from({ length: 12 }, () => owner.query<{ n: number }>('SELECT 1 AS n')));
      expect(answers.every((a) => a[0]!.n === 1)).toBe(true);
    } finally {
      // Fixed (the index dropped), the next run applies it and records it.
      await owner.execScript('DROP INDEX IF EXISTS cases_open_near_idx');
      expect(await migrate(owner)).toEqual([last]);
    }
  });
});
