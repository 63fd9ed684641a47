/** Migration 0018 on uploads written before it: cases' files get their owner and county, and every old file counts as stored. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, seedFixture, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { migrate } from '../../db/migrate.ts';
import { hasCitus } from '../../db/distribute.ts';
import { systemActor } from '../../lib/actor.ts';
import { createCase } from '../cases/case-intake.service.ts';
import { storeUpload } from './uploads.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

describe('0018: uploads as their own module', () => {
  it('marks files claimed before it as owned by their case, in its county, and all old files as stored', async (t) => {
    // 0018 adds columns with unnamed CHECK constraints, which Citus refuses on a table in its metadata: it ran before
    // a cluster's tables were placed, so on Citus it cannot be replayed after them.
    if (await hasCitus(env.ctx.database)) return t.skip('0018 cannot be replayed on an already distributed Citus database');
    const claimed = await storeUpload(env.ctx, tinyPng(), { ip: '198.51.105.1' });
    const free = await storeUpload(env.ctx, tinyPng(), { ip: '198.51.105.1' });
    const kase = await createCase(env.ctx, systemActor('000000000000'), { channel: 'phone', categoryId: 'sanitation.garbage', description: '垃圾', lat: 37.05, lng: 101.05, uploadIds: [claimed.id] });
    // Put the table back as it was before 0018 (one statement at a time: a Citus coordinator takes DDL no other way).
    for (const statement of ['ALTER TABLE uploads DROP CONSTRAINT uploads_claimed_owner', 'DROP INDEX uploads_unclaimed_user_idx', 'ALTER TABLE uploads DROP COLUMN owner_type, DROP COLUMN county_code, DROP COLUMN uploader_user_id, DROP COLUMN stored', `DELETE FROM schema_migrations WHERE name = '0018_uploads_module.sql'`]) await env.ctx.database.query(statement);
    expect(await migrate(env.ctx.database)).toEqual(['0018_uploads_module.sql']);
    const rows = await env.ctx.database.query<{ id: string; claimed: boolean; owner_type: string | null; county_code: string | null; stored: boolean }>('SELECT id, claimed, owner_type, county_code, stored FROM uploads WHERE id = ANY($1)', [[claimed.id, free.id]]);
    expect(rows.find((r) => r.id === claimed.id)).toMatchObject({ claimed: true, owner_type: 'case', county_code: kase.code.slice(0, 6), stored: true });
    expect(rows.find((r) => r.id === free.id)).toMatchObject({ claimed: false, owner_type: null, county_code: null, stored: true });
    // A claimed file without an owner is refused from now on.
    await expect(env.ctx.database.query(`UPDATE uploads SET owner_type = NULL WHERE id = $1`, [claimed.id])).rejects.toThrow(/uploads_claimed_owner/);
  });
});
