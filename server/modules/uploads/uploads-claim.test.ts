/**
 * Claiming uploads for a record of any kind (here a made-up 'visit', nothing from the cases module): each id must
 * exist, be stored and unclaimed, of a kind and count the record allows; the claim is part of the record's
 * transaction, and one file is claimed by one record only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, seedFixture, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { claimUploads, storeUpload, type ClaimOptions } from './uploads.service.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

const voiceNote = () => Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(64, 0x3c)]);
const photo = async () => (await storeUpload(env.ctx, tinyPng(), { ip: '198.51.104.1' })).id;
const voice = async () => (await storeUpload(env.ctx, voiceNote(), { ip: '198.51.104.1' })).id;
const visit: ClaimOptions = { ownerType: 'visit', countyCode: '632221' };
const claim = (ids: string[], opts: Partial<ClaimOptions> = {}) => env.ctx.db.transaction((tx) => claimUploads(tx, env.ctx, ids, { ...visit, ...opts }));
const rowsOf = (ids: string[]) => env.ctx.database.query<{ id: string; claimed: boolean; owner_type: string | null; county_code: string | null }>('SELECT id, claimed, owner_type, county_code FROM uploads WHERE id = ANY($1) ORDER BY id', [ids]);
const detailOf = async (p: Promise<unknown>) => {
  const e = (await p.then(() => null, (x: unknown) => x)) as { code?: string; details?: { code: string; path: string }[] } | null;
  return e && { code: e.code, detail: e.details?.[0]?.code, path: e.details?.[0]?.path };
};

describe('claimUploads', () => {
  it('claims files for a record of any kind, keeps its kind and county, and returns the rows for its link table', async () => {
    const ids = [await photo(), await photo(), await voice()];
    const rows = await claim([...ids, ids[0]!]); // an id sent twice counts once
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(rows.find((r) => r.id === ids[2])).toMatchObject({ kind: 'voice', mime: 'audio/amr' });
    expect(rows.every((r) => r.storageKey.startsWith('uploads/') && r.size > 0)).toBe(true);
    expect((await rowsOf(ids)).map(({ claimed, owner_type, county_code }) => ({ claimed, owner_type, county_code }))).toEqual(ids.map(() => ({ claimed: true, owner_type: 'visit', county_code: '632221' })));
    expect(await claim([])).toEqual([]);
  });

  it('refuses unknown and already claimed files, and a refused claim claims nothing', async () => {
    const taken = await photo();
    await claim([taken]);
    const free = await photo();
    expect(await detailOf(claim([free, taken], { ownerType: 'petition' }))).toEqual({ code: 'UPLOAD_REJECTED', detail: 'unknown_upload', path: 'body.uploadIds' });
    expect(await detailOf(claim([free, '00000000-0000-4000-8000-000000000000']))).toMatchObject({ detail: 'unknown_upload' });
    expect((await rowsOf([free, taken])).map((r) => [r.id, r.claimed, r.owner_type])).toEqual([[free, false, null], [taken, true, 'visit']].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    // The claim is part of the record's transaction: when the record fails later, the files stay free.
    await expect(env.ctx.db.transaction(async (tx) => {
      await claimUploads(tx, env.ctx, [free], visit);
      throw new Error('the record could not be saved');
    })).rejects.toThrow('the record could not be saved');
    expect((await rowsOf([free]))[0]!.claimed).toBe(false);
  });

  it('lets one of two records claiming the same file at once have it', async () => {
    const id = await photo();
    const results = await Promise.allSettled([claim([id]), claim([id], { ownerType: 'petition' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.details[0].code)).toEqual(['unknown_upload']);
  });

  it('holds a record to the kinds and counts it allows, with what it already holds counted', async () => {
    const v = await voice();
    expect(await detailOf(claim([v], { maxVoice: 0 }))).toMatchObject({ detail: 'kind_not_allowed' });
    const p = await photo();
    expect(await detailOf(claim([p], { maxPhotos: 0 }))).toMatchObject({ detail: 'kind_not_allowed' });
    const three = [await photo(), await photo(), await photo()];
    expect(await detailOf(claim(three, { maxPhotos: 2 }))).toMatchObject({ detail: 'too_many' });
    expect(await detailOf(claim(three.slice(0, 2), { maxPhotos: 2, existing: { photos: 1, voice: 0 } }))).toMatchObject({ detail: 'too_many' });
    expect(await detailOf(claim([v, await voice()]))).toMatchObject({ detail: 'too_many' }); // one voice note by default
    expect((await claim([...three, v, p], { maxPhotos: 4 })).length).toBe(5);
    const ten = await Promise.all(Array.from({ length: 10 }, photo));
    expect(await detailOf(claim(ten))).toMatchObject({ detail: 'too_many' }); // nine photos by default
    expect((await claim(ten.slice(0, 9))).length).toBe(9);
  });
});
