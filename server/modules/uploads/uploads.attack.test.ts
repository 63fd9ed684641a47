/**
 * Uploads as an attacker tries them: anonymous uploads filling the disk (per-address and global quotas), and
 * staff uploads, open to any signed-in account with a session (no case permission), capped per account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestEnv, fixture, login, makeUser, seedFixture, upload, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { createToken } from '../tokens/tokens.service.ts';
import { systemActor } from '../../lib/actor.ts';
import { can } from '../../../core/roles.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
});
afterAll(() => env?.close());

describe('anonymous uploads', () => {
  it('stop at the per-address quota of unclaimed files, while other addresses still upload', async () => {
    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, uploadQuota: { ...env.ctx.config.uploadQuota, perIp: { count: 3, bytes: 10 * 1024 * 1024 }, total: { count: 1000, bytes: 1024 * 1024 * 1024 } } } }, { logLevel: 'silent' });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await upload(app, '/api/public/uploads', tinyPng(), undefined, 'a.png', '198.51.100.60')).status);
      expect(codes).toEqual([201, 201, 201, 429, 429]);
      const refused = await upload(app, '/api/public/uploads', tinyPng(), undefined, 'a.png', '198.51.100.60');
      expect(refused.body.error.code).toBe('UPLOAD_QUOTA_EXCEEDED');
      expect((await upload(app, '/api/public/uploads', tinyPng(), undefined, 'a.png', '198.51.100.61')).status).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('stop at the global byte quota, whatever addresses they come from', async () => {
    const used = (await env.ctx.database.query<{ n: number }>(`SELECT coalesce(sum(size), 0)::int AS n FROM uploads WHERE NOT claimed`))[0]!.n;
    const size = tinyPng().length;
    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, uploadQuota: { ...env.ctx.config.uploadQuota, perIp: { count: 1000, bytes: 1024 * 1024 * 1024 }, total: { count: 100_000, bytes: used + 2 * size } } } }, { logLevel: 'silent' });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await upload(app, '/api/public/uploads', tinyPng(), undefined, 'a.png', `198.51.101.${i}`)).status);
      expect(codes).toEqual([201, 201, 429, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('staff uploads', () => {
  it('are open to any signed-in account with a session, even one without case permissions, and to no one else', async () => {
    await makeUser(env.ctx, 'up.mediator', 'mediator', fixture.villageA);
    expect(can('mediator', 'case:act') || can('mediator', 'case:create')).toBe(false);
    const cookie = await login(env.app, 'up.mediator');
    const res = await upload(env.app, '/api/uploads', tinyPng(), cookie);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'photo', mime: 'image/png' });
    const [row] = await env.ctx.database.query<{ uploader_user_id: string; uploader_ip: string | null; stored: boolean; claimed: boolean }>('SELECT uploader_user_id, uploader_ip, stored, claimed FROM uploads WHERE id = $1', [res.body.id]);
    expect(row).toMatchObject({ uploader_ip: null, stored: true, claimed: false });
    const [me] = await env.ctx.database.query<{ id: string }>(`SELECT id FROM users WHERE username = 'up.mediator'`);
    expect(row!.uploader_user_id).toBe(me!.id);
    // Signed out, or an integration token (no session): refused as not signed in, and nothing is stored.
    const before = (await env.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM uploads'))[0]!.n;
    const anonymous = await upload(env.app, '/api/uploads', tinyPng());
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('AUTH_REQUIRED');
    const token = (await createToken(env.ctx, systemActor(fixture.province, 'test'), { name: 'uploader', scopeCode: fixture.villageA })).token;
    const boundary = '----anwang-token';
    const viaToken = await env.app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`), Buffer.from(tinyPng()), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    });
    expect(viaToken.statusCode).toBe(401);
    expect(viaToken.json().error.code).toBe('AUTH_REQUIRED');
    expect((await env.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM uploads'))[0]!.n).toBe(before);
  });

  it('stop at the per-account quota of unclaimed files, while other accounts and residents still upload', async () => {
    const app = await buildApp({ ...env.ctx, config: { ...env.ctx.config, uploadQuota: { ...env.ctx.config.uploadQuota, perUser: { count: 2, bytes: 10 * 1024 * 1024 }, perIp: { count: 1000, bytes: 1024 * 1024 * 1024 } } } }, { logLevel: 'silent' });
    try {
      await makeUser(env.ctx, 'up.one', 'gridWorker', fixture.villageA);
      await makeUser(env.ctx, 'up.two', 'handler', fixture.county);
      const one = await login(app, 'up.one');
      const two = await login(app, 'up.two');
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await upload(app, '/api/uploads', tinyPng(), one, 'a.png', '198.51.102.1')).status);
      expect(codes).toEqual([201, 201, 429, 429]);
      const refused = await upload(app, '/api/uploads', tinyPng(), one, 'a.png', '198.51.102.1');
      expect(refused.body.error).toMatchObject({ code: 'UPLOAD_QUOTA_EXCEEDED', details: [{ path: 'file', code: 'user_quota' }] });
      // Another account from the same address, and a resident there, are not held back by it.
      expect((await upload(app, '/api/uploads', tinyPng(), two, 'a.png', '198.51.102.1')).status).toBe(201);
      expect((await upload(app, '/api/public/uploads', tinyPng(), undefined, 'a.png', '198.51.102.1')).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});
