/**
 * The purge of uploads no record claimed (file and row, after a day), and the order of writes that keeps it
 * complete: the row is written before the file and marked stored after it, so a write that fails, or a crash on
 * either side of the write, leaves a row nobody can claim and the purge removes, never a file without a row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestEnv, diskFull, seedFixture, upload, type TestEnv } from '../../test/harness.ts';
import { encryptedStorage, memoryStorage, type FileStorage } from '../../lib/storage.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { claimUploads, purgeUnclaimedUploads, storeUpload } from './uploads.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());
const rowsOf = (ids: string[]) => env.ctx.database.query<{ id: string; stored: boolean; claimed: boolean; storage_key: string }>('SELECT id, stored, claimed, storage_key FROM uploads WHERE id = ANY($1)', [ids]);
const newIds = async (since: Set<string>) => (await env.ctx.database.query<{ id: string }>('SELECT id FROM uploads')).map((r) => r.id).filter((id) => !since.has(id));
const allIds = async () => new Set((await env.ctx.database.query<{ id: string }>('SELECT id FROM uploads')).map((r) => r.id));

describe('unclaimed uploads', () => {
  it('are deleted, file and row, once older than a day; claimed ones and fresh ones stay', async () => {
    const files = memoryStorage();
    const ctx = { ...env.ctx, storage: encryptedStorage(files, env.ctx.crypto) };
    const app = await buildApp(ctx, { logLevel: 'silent' });
    try {
      const old = (await upload(app, '/api/public/uploads', tinyPng())).body.id as string;
      const claimed = (await upload(app, '/api/public/uploads', tinyPng())).body.id as string;
      const report = await app.inject({ method: 'POST', url: '/api/public/cases', payload: { categoryId: 'sanitation.garbage', description: '垃圾', lat: 37.05, lng: 101.05, uploadIds: [claimed] } });
      expect(report.statusCode).toBe(201);
      env.clock.advance(23 * 3600_000);
      const fresh = (await upload(app, '/api/public/uploads', tinyPng())).body.id as string;
      expect(await purgeUnclaimedUploads(ctx)).toBe(0); // nothing is a day old yet
      env.clock.advance(2 * 3600_000);
      expect(await purgeUnclaimedUploads(ctx)).toBe(1);
      const rows = await env.ctx.database.query<{ id: string }>(`SELECT id FROM uploads WHERE id = ANY($1)`, [[old, claimed, fresh]]);
      expect(rows.map((r) => r.id).sort()).toEqual([claimed, fresh].sort());
      expect([...files.files.keys()].some((k) => k.includes(old))).toBe(false);
      expect([...files.files.keys()].filter((k) => k.includes(claimed) || k.includes(fresh))).toHaveLength(2);
      // The claimed photo still reads through the case.
      expect(files.files.size).toBe(2);
    } finally {
      await app.close();
    }
  });
});

describe('the order of writes', () => {
  it('writes the row before the file, and marks it stored only after the file is written', async () => {
    const files = memoryStorage();
    const seen: { stored: boolean }[] = [];
    const watching: FileStorage = {
      ...files,
      put: async (key, data) => {
        // At the moment the file is written, its row must already be there, not yet claimable.
        seen.push(...(await env.ctx.database.query<{ stored: boolean }>('SELECT stored FROM uploads WHERE storage_key = $1', [key])));
        await files.put(key, data);
      },
    };
    const u = await storeUpload({ ...env.ctx, storage: watching }, tinyPng(), { ip: '198.51.103.1' });
    expect(seen).toEqual([{ stored: false }]);
    expect((await rowsOf([u.id]))[0]).toMatchObject({ stored: true, claimed: false });
    expect(files.files.size).toBe(1);
  });

  it('leaves no orphan file when the file write fails: a row nobody can claim or count, which the purge removes', async () => {
    const files = memoryStorage();
    const ctx = { ...env.ctx, storage: encryptedStorage(files, env.ctx.crypto) };
    const app = await buildApp(ctx, { logLevel: 'silent' });
    try {
      const before = await allIds();
      files.fail = diskFull();
      const res = await upload(app, '/api/public/uploads', tinyPng(), undefined, 'a.png', '198.51.103.2');
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'UNAVAILABLE', details: [{ path: 'storage', code: 'enospc' }] });
      expect(files.files.size).toBe(0); // no file
      const [failed] = await rowsOf(await newIds(before));
      expect(failed).toMatchObject({ stored: false, claimed: false }); // the row written before the file stays
      // It cannot be claimed (its file is not there), and it does not count against the address's quota.
      await expect(env.ctx.db.transaction((tx) => claimUploads(tx, ctx, [failed!.id], { ownerType: 'visit', countyCode: '632221' }))).rejects.toMatchObject({ code: 'UPLOAD_REJECTED' });
      files.fail = null;
      const small = await buildApp({ ...ctx, config: { ...ctx.config, uploadQuota: { ...ctx.config.uploadQuota, perIp: { count: 1, bytes: 1024 * 1024 } } } }, { logLevel: 'silent' });
      try {
        expect((await upload(small, '/api/public/uploads', tinyPng(), undefined, 'a.png', '198.51.103.2')).status).toBe(201);
      } finally {
        await small.close();
      }
      env.clock.advance(25 * 3600_000);
      expect(await purgeUnclaimedUploads(ctx)).toBeGreaterThanOrEqual(2); // the failed row and the later upload
      expect(await rowsOf([failed!.id])).toEqual([]);
      expect(files.files.size).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('leaves no orphan file when the process dies after the file write, before the row is marked stored', async () => {
    const files = memoryStorage();
    // The file reaches the store, then the process "dies": the row is never marked stored.
    const dying: FileStorage = {
      ...files,
      put: async (key, data) => {
        await files.put(key, data);
        throw new Error('killed');
      },
    };
    const before = await allIds();
    await expect(storeUpload({ ...env.ctx, storage: dying }, tinyPng(), { ip: '198.51.103.3' })).rejects.toThrow('killed');
    const [row] = await rowsOf(await newIds(before));
    expect(row).toMatchObject({ stored: false, claimed: false });
    expect([...files.files.keys()]).toEqual([row!.storage_key]);
    env.clock.advance(25 * 3600_000);
    expect(await purgeUnclaimedUploads({ ...env.ctx, storage: files })).toBeGreaterThanOrEqual(1);
    expect(await rowsOf([row!.id])).toEqual([]);
    expect(files.files.size).toBe(0); // row and file both gone
  });
});
