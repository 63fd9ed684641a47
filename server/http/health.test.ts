/**
 * When writes fail: a full disk or unwritable storage answers 503 UNAVAILABLE saying nothing was saved (not 500),
 * and /healthz turns red, for the file store and for the database (the purge of unclaimed uploads: uploads-purge.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { createTestEnv, diskFull, seedFixture, upload, type TestEnv } from '../test/harness.ts';
import { encryptedStorage, memoryStorage } from '../lib/storage.ts';
import { tinyPng } from '../test/media-fixtures.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

describe('a file store that cannot be written', () => {
  it('answers uploads with 503 UNAVAILABLE naming the storage, and /healthz with 503', async () => {
    const failing = memoryStorage();
    const app = await buildApp({ ...env.ctx, storage: encryptedStorage(failing, env.ctx.crypto) }, { logLevel: 'silent' });
    try {
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      failing.fail = diskFull();
      const res = await upload(app, '/api/public/uploads', tinyPng());
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'UNAVAILABLE', details: [{ path: 'storage', code: 'enospc' }] });
      // The health answer is cached for a second at most.
      await new Promise((r) => setTimeout(r, 1100));
      const health = await app.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toMatchObject({ status: 'failing', checks: { storage: 'failing', database: 'ok' } });
      failing.fail = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES', syscall: 'open' });
      expect((await upload(app, '/api/public/uploads', tinyPng())).status).toBe(503);
    } finally {
      await app.close();
    }
  });

  it('turns /healthz red when the database refuses writes', async () => {
    const app = await buildApp(env.ctx, { logLevel: 'silent' });
    try {
      expect((await app.inject({ url: '/healthz' })).json().checks).toEqual({ database: 'ok', storage: 'ok' });
      // A database that answers reads but refuses writes (a full disk, a read-only standby) looks like this.
      await env.ctx.database.query(`CREATE OR REPLACE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$`);
      await env.ctx.database.query(`CREATE TRIGGER heartbeat_refuse BEFORE INSERT OR UPDATE ON heartbeat FOR EACH ROW EXECUTE FUNCTION refuse_write()`);
      await new Promise((r) => setTimeout(r, 1100));
      const health = await app.inject({ url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json().checks).toEqual({ database: 'failing', storage: 'ok' });
      await env.ctx.database.query(`DROP TRIGGER heartbeat_refuse ON heartbeat`);
    } finally {
      await app.close();
    }
  });
});
