/**
 * Documents stored and read back through the real app: a rendered notice is stored in a transaction with its audit
 * row (SM3 of the bytes), encrypted in the file store, downloaded through HTTP as the same bytes with a Chinese file
 * name, every download audited; a reader outside the region, or without the document's permission, gets the answer
 * for a missing document. Service records keep how, when and with what proof a document was delivered.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../../core/documents/petition-samples.ts';
import { systemActor } from '../../lib/actor.ts';
import { encryptedStorage, memoryStorage } from '../../lib/storage.ts';
import { stopPdfWorker } from '../../lib/pdf/pdf-renderer.ts';
import { createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { storeUpload } from '../uploads/uploads.service.ts';
import { deliverDue } from '../outbox/outbox.service.ts';
import { listOf, recordService, render, store, type Rendered } from './documents.service.ts';
import { contentDisposition } from './documents.routes.ts';
import { presentDocuments } from './documents.presenter.ts';
import { DocumentItem } from '../../../core/schemas/documents.response.ts';

let env: TestEnv;
/** The file store under the encryption, so the test sees what is on disk. */
const disk = memoryStorage();
const root = () => systemActor(fixture.province, 'test');
const cookies: Record<string, string> = {};
let rendered: Rendered;
const subjectId = randomUUID();

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  env.ctx.storage = encryptedStorage(disk, env.ctx.crypto);
  for (const [name, role, scope] of [['op.a', 'operator', fixture.villageA], ['op.b', 'operator', fixture.villageB], ['county.op', 'operator', fixture.county], ['pet.a', 'petitionOfficer', fixture.villageA]] as const) {
    await makeUser(env.ctx, name, role, scope);
    cookies[name] = await login(env.app, name);
  }
  rendered = await render(env.ctx, 'petition.acceptance_notice', samples['petition.acceptance_notice']);
});
afterAll(async () => {
  await stopPdfWorker();
  await env?.close();
});

/** Stores a document and delivers the outbox, which gives its file the final key after the commit. */
const storeIn = async (regionCode: string, r = rendered, id = subjectId) => {
  const ref = await env.ctx.db.transaction((tx) => store(tx, env.ctx, root(), { countyCode: regionCode.slice(0, 6), regionCode, subjectType: 'petition', subjectId: id, subjectCode: '632221-7KQ2M9XF', readPermission: 'case:read', personal: true, rendered: r }));
  await deliverDue(env.ctx);
  return ref;
};
const auditRows = (action: string, objectId: string) =>
  env.ctx.database.query<{ actor_id: string | null; county_code: string; detail: { sm3?: string; template?: string } }>('SELECT actor_id, county_code, detail FROM audit_log WHERE action = $1 AND object_id = $2 ORDER BY id', [action, objectId]);
const download = (id: string, cookie?: string) => env.app.inject({ method: 'GET', url: `/api/documents/${id}/file`, headers: cookie ? { cookie } : {} });

describe('documents', () => {
  it('stores a rendered document with the SM3 of its bytes in the audit chain, encrypted in the file store', async () => {
    const ref = await storeIn(fixture.villageA);
    expect(ref).toMatchObject({ template: 'petition.acceptance_notice', title: '信访事项受理告知书', sm3: rendered.sm3, fileName: '信访事项受理告知书_632221-7KQ2M9XF.pdf' });
    expect(rendered.sm3).toMatch(/^[0-9a-f]{64}$/);
    const [created] = await auditRows('document.create', ref.id);
    expect(created!.detail).toMatchObject({ sm3: rendered.sm3, template: 'petition.acceptance_notice' });
    expect(created!.county_code).toBe('632221');
    const [key, onDisk] = [...disk.files.entries()].find(([k]) => k.includes(ref.id))!;
    expect(key).toMatch(/^documents\/632221\/\d{4}-\d{2}\/[0-9a-f-]{36}\.pdf$/);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(onDisk.subarray(0, 4).toString('latin1')).toBe('ANWF');
    expect(onDisk.equals(rendered.bytes)).toBe(false);
  });

  it('refuses a permission no document is read under, and a region outside the county, before writing anything', async () => {
    const files = disk.files.size;
    const tryStore = (over: object) => env.ctx.db.transaction((tx) => store(tx, env.ctx, root(), { countyCode: '632221', regionCode: fixture.villageA, subjectType: 'petition', subjectId, subjectCode: 'x', readPermission: 'case:read', personal: true, rendered, ...over }));
    await expect(tryStore({ readPermission: 'audit:read' })).rejects.toThrow(/documentReadPermissions/);
    await expect(tryStore({ regionCode: '632222100201' })).rejects.toThrow(/not a region of county/);
    await expect(tryStore({ rendered: { ...rendered, sm3: '0'.repeat(64) } })).rejects.toThrow(/SM3/);
    expect(disk.files.size).toBe(files);
  });

  it('downloads the same bytes as a PDF with its Chinese name, and audits every download with the SM3', async () => {
    const ref = await storeIn(fixture.villageA);
    for (const who of ['op.a', 'county.op', 'pet.a']) {
      const res = await download(ref.id, cookies[who]);
      expect(res.statusCode, who).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="632221-7KQ2M9XF.pdf"; filename*=UTF-8''${encodeURIComponent('信访事项受理告知书_632221-7KQ2M9XF.pdf')}`);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.rawPayload.equals(rendered.bytes)).toBe(true);
    }
    const reads = await auditRows('document.download', ref.id);
    expect(reads).toHaveLength(3);
    expect(reads.every((r) => r.detail.sm3 === rendered.sm3 && r.actor_id !== null)).toBe(true);
  });

  it('answers a reader outside the region, or without the permission, exactly like a missing document, unaudited', async () => {
    const ref = await storeIn(fixture.villageA);
    const missing = await download(randomUUID(), cookies['op.b']);
    expect(missing.statusCode).toBe(404);
    const outside = await download(ref.id, cookies['op.b']);
    expect([outside.statusCode, outside.body]).toEqual([404, missing.body]);
    expect((await download('not-a-uuid', cookies['op.a'])).body).toBe(missing.body);
    expect((await download(ref.id)).statusCode).toBe(401);
    // A document read under a permission the reader lacks (stored for auditors, say) is missing to them too.
    const { documentReadPermissions } = await import('../../../core/documents/templates.ts');
    (documentReadPermissions as string[]).push('person:reveal');
    try {
      const strict = await env.ctx.db.transaction((tx) => store(tx, env.ctx, root(), { countyCode: '632221', regionCode: fixture.villageA, subjectType: 'petition', subjectId, subjectCode: 'x', readPermission: 'person:reveal', personal: true, rendered }));
      const res = await download(strict.id, cookies['pet.a']);
      expect([res.statusCode, res.body]).toEqual([404, missing.body]);
      expect((await download(strict.id, cookies['op.a'])).statusCode).toBe(200);
    } finally {
      (documentReadPermissions as string[]).pop();
    }
    expect(await auditRows('document.download', ref.id)).toHaveLength(0);
  });

  it('refuses a file changed behind the database\'s back instead of handing it out', async () => {
    const ref = await storeIn(fixture.villageA);
    const key = [...disk.files.keys()].find((k) => k.includes(ref.id))!;
    const other = await render(env.ctx, 'petition.acceptance_notice', { ...samples['petition.acceptance_notice'], matter: '别的事项' });
    disk.files.set(key, await env.ctx.crypto.sealFile(other.bytes));
    expect((await download(ref.id, cookies['op.a'])).statusCode).toBe(500);
    expect(await auditRows('document.download', ref.id)).toHaveLength(0);
  });

  it('records how and when a document was served, with proof, and lists a subject\'s documents newest first', async () => {
    const subject = randomUUID();
    const first = await storeIn(fixture.villageA, rendered, subject);
    env.clock.advance(60_000);
    const second = await storeIn(fixture.villageA, rendered, subject);
    const proof = await storeUpload(env.ctx, tinyPng(), { userId: randomUUID() });
    const serve = (input: Partial<Parameters<typeof recordService>[3]>) =>
      env.ctx.db.transaction((tx) => recordService(tx, env.ctx, root(), { countyCode: '632221', documentId: first.id, method: 'in_person', servedAt: env.clock.now(), ...input }));
    const fail = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; details?: { code: string }[] }) => `${e.code} ${e.details?.[0]?.code ?? ''}`.trim());
    env.clock.advance(60_000);
    const inPerson = await serve({ proofUploadIds: [proof.id], note: '本人签收' });
    expect(await fail(serve({ method: 'post' }))).toBe('VALIDATION_FAILED required');
    expect(await fail(serve({ method: 'post', trackingNo: '  ' }))).toBe('VALIDATION_FAILED required');
    expect(await fail(serve({ servedAt: new Date(env.clock.now().getTime() + 3_600_000) }))).toBe('VALIDATION_FAILED future');
    expect(await fail(serve({ servedAt: new Date(first.createdAt.getTime() - 1000) }))).toBe('VALIDATION_FAILED before_document');
    expect(await fail(serve({ proofUploadIds: [proof.id] }))).toBe('UPLOAD_REJECTED unknown_upload'); // one file proves one service
    expect(await fail(serve({ documentId: randomUUID() }))).toBe('NOT_FOUND');
    expect(await fail(serve({ countyCode: '632222' }))).toBe('NOT_FOUND');
    env.clock.advance(60_000);
    const byPost = await serve({ method: 'post', trackingNo: 'XA123456789CN' });
    const list = await listOf(env.ctx.db, '632221', 'petition', subject);
    expect(list.map((d) => d.id)).toEqual([second.id, first.id]);
    expect(list[0]!.services).toEqual([]);
    expect(list[1]!.services).toEqual([
      { id: byPost.id, method: 'post', servedAt: byPost.servedAt, trackingNo: 'XA123456789CN', proofUploadIds: [] },
      { id: inPerson.id, method: 'in_person', servedAt: inPerson.servedAt, trackingNo: null, proofUploadIds: [proof.id] },
    ]);
    // As a card shows them: the download address, ISO dates, and the shape the response schema declares.
    const shown = presentDocuments(list);
    expect(shown.map((d) => DocumentItem.parse(d))).toEqual(shown);
    expect(shown[1]).toMatchObject({ url: `/api/documents/${first.id}/file`, createdAt: first.createdAt.toISOString(), services: [{ method: 'post', servedAt: byPost.servedAt.toISOString() }, { method: 'in_person', proofUploadIds: [proof.id] }] });
    expect((await download(shown[1]!.id, cookies['op.a'])).statusCode).toBe(200);
    const served = await auditRows('document.serve', first.id);
    expect(served.map((r) => r.detail)).toMatchObject([{ method: 'in_person', proofs: 1 }, { method: 'post', trackingNo: 'XA123456789CN' }]);
    expect(await listOf(env.ctx.db, '632222', 'petition', subject)).toEqual([]);
  });

  it('names the file in plain ASCII too, for clients that ignore filename*', () => {
    expect(contentDisposition('答复意见书_632221-AB.pdf')).toBe(`attachment; filename="632221-AB.pdf"; filename*=UTF-8''${encodeURIComponent('答复意见书_632221-AB.pdf')}`);
    expect(contentDisposition("a'(b)*.pdf")).toBe(`attachment; filename="a'(b)*.pdf"; filename*=UTF-8''a%27%28b%29%2A.pdf`);
    expect(contentDisposition('全中文.pdf')).toBe(`attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent('全中文')}.pdf`);
  });
});
