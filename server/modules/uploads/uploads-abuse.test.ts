/** Uploads that lie about their type, are too large, or claim a huge canvas are refused, and nothing is kept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, seedFixture, upload, type TestEnv } from '../../test/harness.ts';
import { pngHeader, tinyPng } from '../../test/media-fixtures.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(async () => env?.close());

const stored = async () => (await env.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM uploads'))[0]!.n;
const send = (bytes: Uint8Array, name = 'photo.png') => upload(env.app, '/api/public/uploads', bytes, undefined, name);

describe('upload abuse', () => {
  it('decide the type by content, whatever the file is called', async () => {
    const before = await stored();
    const page = await send(new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 'photo.jpg');
    expect(page.status).toBe(422);
    expect(page.body.error.details[0]).toMatchObject({ path: 'file', code: 'unsupported_type' });
    const exe = await send(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'voice.amr');
    expect(exe.body.error.details[0].code).toBe('unsupported_type');
    // A real PNG named like a program is kept as the PNG it is.
    const png = await send(tinyPng(), 'setup.exe');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ kind: 'photo', mime: 'image/png' });
    expect(await stored()).toBe(before + 1);
  });

  it('refuse images whose header claims more than 10,000 px a side or 40 megapixels', async () => {
    const before = await stored();
    for (const [w, h] of [[20_000, 20_000], [10_001, 10], [8_000, 6_000], [0, 0]] as const) {
      const r = await send(pngHeader(w, h));
      expect(r.status, `${w}×${h}`).toBe(422);
      expect(r.body.error.details[0], `${w}×${h}`).toMatchObject({ path: 'file', code: 'bad_dimensions' });
    }
    expect((await send(pngHeader(4_000, 3_000))).status).toBe(201); // a 12 MP phone photo is fine
    expect(await stored()).toBe(before + 1);
  });

  it('refuse files over the size limit of their kind with the limit named', async () => {
    const before = await stored();
    const bigPhoto = new Uint8Array(10 * 1024 * 1024 + 1);
    bigPhoto.set(pngHeader(100, 100));
    const photo = await send(bigPhoto);
    expect(photo.status).toBe(422);
    expect(photo.body.error.details[0]).toMatchObject({ code: 'too_large' });
    const bigVoice = new Uint8Array(5 * 1024 * 1024 + 1);
    bigVoice.set(new TextEncoder().encode('#!AMR\n'));
    const voice = await send(bigVoice, 'voice.amr');
    expect(voice.status).toBe(422);
    expect(voice.body.error.details[0]).toMatchObject({ code: 'too_large', message: '最大 5 MB' });
    expect(await stored()).toBe(before);
  });
});
