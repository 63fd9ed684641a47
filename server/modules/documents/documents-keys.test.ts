/** Documents stored under a key since rotated still read, and `files seal` moves them to the current key. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../../core/documents/petition-samples.ts';
import { systemActor } from '../../lib/actor.ts';
import { softwareCrypto } from '../../lib/crypto.ts';
import { isSealedFile, sealedFileKeyId } from '../../lib/file-crypto.ts';
import { stopPdfWorker } from '../../lib/pdf/pdf-renderer.ts';
import { encryptedStorage, memoryStorage } from '../../lib/storage.ts';
import { createTestEnv, fixture, seedFixture, type TestEnv } from '../../test/harness.ts';
import { render, sealDocumentFiles, store } from './documents.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(async () => {
  await stopPdfWorker();
  await env?.close();
});

const OLD = '00112233445566778899aabbccddeeff';
const NEW = '0123456789abcdeffedcba9876543210';

describe('document files after a key rotation', () => {
  it('read under the old key until sealed, then under the new key alone', async () => {
    const files = memoryStorage();
    const oldCtx = { ...env.ctx, storage: encryptedStorage(files, softwareCrypto(OLD)) };
    const rendered = await render(env.ctx, 'petition.reply', samples['petition.reply']);
    const keys: string[] = [];
    for (const village of [fixture.villageA, fixture.villageC]) {
      await env.ctx.db.transaction((tx) => store(tx, oldCtx, systemActor(fixture.province, 'test'), { countyCode: '632221', regionCode: village, subjectType: 'petition', subjectId: randomUUID(), subjectCode: 'P1', readPermission: 'case:read', personal: true, rendered }));
      keys.push([...files.files.keys()].at(-1)!);
    }
    const crypto = softwareCrypto({ keys: [NEW, OLD], lookupKey: OLD });
    const ctx = { ...env.ctx, crypto, storage: encryptedStorage(files, crypto) };
    expect(keys.every((k) => sealedFileKeyId(files.files.get(k)!) === softwareCrypto(OLD).currentKeyId)).toBe(true);
    expect(await sealDocumentFiles(ctx)).toEqual({ files: 2, oldKey: 2, missing: 0 });
    const newOnly = encryptedStorage(files, softwareCrypto({ keys: [NEW], lookupKey: OLD }));
    for (const k of keys) {
      expect(isSealedFile(files.files.get(k)!) && sealedFileKeyId(files.files.get(k)!) === crypto.currentKeyId).toBe(true);
      expect((await newOnly.get(k)).equals(rendered.bytes)).toBe(true);
    }
    expect(await sealDocumentFiles(ctx)).toEqual({ files: 2, oldKey: 0, missing: 0 });
    files.files.delete(keys[0]!);
    expect((await sealDocumentFiles(ctx)).missing).toBe(1);
  });
});
