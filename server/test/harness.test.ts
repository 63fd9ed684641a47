import { describe, expect, it } from 'vitest';
import { createTestEnv, seedFixture } from './harness.ts';
import { migrationFiles } from '../db/migrate.ts';

describe('test databases copied from the run template', () => {
  it('start migrated to the last file and share nothing: a row written in one is not in the other', async () => {
    const [a, b] = [await createTestEnv(), await createTestEnv()];
    try {
      for (const env of [a, b]) {
        const rows = await env.ctx.database.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
        expect(rows.map((r) => r.name)).toEqual(migrationFiles());
      }
      await seedFixture(a.ctx);
      expect(await a.ctx.database.query(`SELECT code FROM regions`)).toHaveLength(8);
      expect(await b.ctx.database.query(`SELECT code FROM regions`)).toHaveLength(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
