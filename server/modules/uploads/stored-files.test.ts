/**
 * Uploads stored before encryption (in clear) or under a key since rotated: still readable, and `files seal`
 * (sealStoredFiles) brings every one under the current key without changing a byte of what readers get.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, seedFixture, type TestEnv } from '../../test/harness.ts';
import { encryptedStorage, memoryStorage } from '../../lib/storage.ts';
import { softwareCrypto } from '../../lib/crypto.ts';
import { isSealedFile, sealedFileKeyId } from '../../lib/file-crypto.ts';
import { sealStoredFiles, storeUpload } from './uploads.service.ts';
import { tinyJpegWithGps, tinyPng } from '../../test/media-fixtures.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

const OLD = '00112233445566778899aabbccddeeff';
const NEW = '0123456789abcdeffedcba9876543210';

describe('stored files from before', () => {
  it('read as they are, and are sealed under the current key by files seal', async () => {
    const files = memoryStorage();
    const oldCtx = { ...env.ctx, storage: encryptedStorage(files, softwareCrypto(OLD)) };
    const underOldKey = await storeUpload(oldCtx, tinyPng());
    const inClear = await storeUpload(oldCtx, tinyJpegWithGps());
    const keyOf = async (id: string) => (await env.ctx.database.query<{ storage_key: string }>('SELECT storage_key FROM uploads WHERE id = $1', [id]))[0]!.storage_key;
    const clearKey = await keyOf(inClear.id);
    const expected = new Map([[await keyOf(underOldKey.id), await oldCtx.storage.get(await keyOf(underOldKey.id))], [clearKey, await oldCtx.storage.get(clearKey)]]);
    files.files.set(clearKey, Buffer.from(expected.get(clearKey)!)); // as the version before encryption wrote it
    // The key was rotated: NEW encrypts, OLD still decrypts.
    const crypto = softwareCrypto({ keys: [NEW, OLD], lookupKey: OLD });
    const ctx = { ...env.ctx, crypto, storage: encryptedStorage(files, crypto) };
    for (const [key, bytes] of expected) expect((await ctx.storage.get(key)).equals(bytes)).toBe(true);
    const r = await sealStoredFiles(ctx);
    expect(r.plain).toBe(1);
    expect(r.oldKey).toBe(1);
    for (const [key, bytes] of expected) {
      const raw = files.files.get(key)!;
      expect(isSealedFile(raw)).toBe(true);
      expect(sealedFileKeyId(raw)).toBe(crypto.currentKeyId);
      expect((await ctx.storage.get(key)).equals(bytes)).toBe(true);
    }
    // The new key alone now reads them: the old one can be dropped.
    const newOnly = encryptedStorage(files, softwareCrypto({ keys: [NEW], lookupKey: OLD }));
    for (const [key, bytes] of expected) expect((await newOnly.get(key)).equals(bytes)).toBe(true);
    expect((await sealStoredFiles(ctx)).plain).toBe(0);
  });
});
