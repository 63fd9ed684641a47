/**
 * A document's file and its row agree whatever the transaction does: the file is written under a pending key and
 * made final by the outbox after the commit. A transaction that stores a document and then fails leaves no final
 * file, and the hourly purge deletes its pending one after a day; a committed one is readable at once and leaves
 * exactly one file, final after delivery (or after the purge, when its move never ran).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../../core/documents/petition-samples.ts';
import { systemActor } from '../../lib/actor.ts';
import { encryptedStorage, memoryStorage } from '../../lib/storage.ts';
import { stopPdfWorker } from '../../lib/pdf/pdf-renderer.ts';
import { createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { deliverDue } from '../outbox/outbox.service.ts';
import { purgePendingDocuments, render, store, type Rendered } from './documents.service.ts';

let env: TestEnv;
const disk = memoryStorage();
let rendered: Rendered;

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  env.ctx.storage = encryptedStorage(disk, env.ctx.crypto);
  await makeUser(env.ctx, 'op.a', 'operator', fixture.villageA);
  rendered = await render(env.ctx, 'petition.acceptance_notice', samples['petition.acceptance_notice']);
}, 60_000);
afterAll(async () => {
  await stopPdfWorker();
  await env?.close();
});

const storeIn = (tx: Parameters<typeof store>[0]) => store(tx, env.ctx, systemActor(fixture.province, 'test'), { countyCode: '632221', regionCode: fixture.villageA, subjectType: 'petition', subjectId: randomUUID(), subjectCode: '632221-X1234567', readPermission: 'case:read', personal: true, rendered });
const keysOf = (id: string) => [...disk.files.keys()].filter((k) => k.includes(id));
const newKeys = (before: Set<string>) => [...disk.files.keys()].filter((k) => !before.has(k));
// The fake clock jumps days: each download signs in afresh.
const download = async (id: string) => env.app.inject({ method: 'GET', url: `/api/documents/${id}/file`, headers: { cookie: await login(env.app, 'op.a') } });

describe('document files and their rows', () => {
  it('leaves no final file when the transaction fails after storing, and the purge deletes the pending one after a day', async () => {
    const before = new Set(disk.files.keys());
    await expect(env.ctx.db.transaction(async (tx) => {
      await storeIn(tx);
      throw new Error('a follow-on step failed');
    })).rejects.toThrow('a follow-on step failed');
    await deliverDue(env.ctx);
    const left = newKeys(before);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^pending\/documents\/632221\/\d+-[0-9a-f-]{36}\.pdf$/);
    expect(await env.ctx.database.query('SELECT id FROM documents WHERE id = $1', [left[0]!.slice(-40, -4)])).toEqual([]);

    expect(await purgePendingDocuments(env.ctx)).toBe(0); // not a day old yet: its transaction may still be running
    env.clock.advance(25 * 3600_000);
    expect(await purgePendingDocuments(env.ctx)).toBe(1);
    expect(newKeys(before)).toEqual([]);
  });

  it('keeps exactly one readable file of a committed document: pending until the outbox moves it, then final', async () => {
    const before = new Set(disk.files.keys());
    const ref = await env.ctx.db.transaction((tx) => storeIn(tx));
    expect(keysOf(ref.id)).toEqual([expect.stringMatching(/^pending\//)]);
    const early = await download(ref.id);
    expect(early.statusCode).toBe(200);
    expect(early.rawPayload.equals(rendered.bytes)).toBe(true);

    await deliverDue(env.ctx);
    expect(newKeys(before)).toEqual([expect.stringMatching(new RegExp(`^documents/632221/\\d{4}-\\d{2}/${ref.id}\\.pdf$`))]);
    expect((await download(ref.id)).rawPayload.equals(rendered.bytes)).toBe(true);
    env.clock.advance(25 * 3600_000);
    expect(await purgePendingDocuments(env.ctx)).toBe(0);
    expect(newKeys(before)).toHaveLength(1);
  });

  it('makes a committed document\'s file final in the purge when its move never ran, instead of deleting it', async () => {
    const ref = await env.ctx.db.transaction((tx) => storeIn(tx));
    // The outbox row is lost (never delivered): the purge a day later still finds the row and keeps the file.
    await env.ctx.database.query(`DELETE FROM outbox WHERE kind = 'documentFile' AND delivered_at IS NULL`);
    env.clock.advance(25 * 3600_000);
    expect(await purgePendingDocuments(env.ctx)).toBe(0);
    expect(keysOf(ref.id)).toEqual([expect.stringMatching(/^documents\//)]);
    expect((await download(ref.id)).statusCode).toBe(200);
  });
});
