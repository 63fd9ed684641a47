/** Rotating the field-encryption key re-encrypts every stored ciphertext without losing or changing a value. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, makeUser, seedFixture, fixture, totpAt, type TestEnv } from '../../test/harness.ts';
import { keyId, legacyEncrypt, softwareCrypto } from '../../lib/crypto.ts';
import { encryptedColumns } from './encrypted-columns.ts';
import { encColumnsInSchema } from './keys.repository.ts';
import { keyUsage, reencryptAll } from './keys.service.ts';

const K1 = '0123456789abcdeffedcba9876543210'; // the harness key
const K2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  // Ciphertexts of every kind: reporter name and phone, an SMS in the outbox, a TOTP secret, and one row
  // still in the first version's format.
  for (let i = 0; i < 3; i++) {
    const r = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'sanitation.garbage', description: `垃圾${i}`, lat: 37.05, lng: 101.05, name: `张${i}`, phone: `1380013800${i}` });
    expect(r.status).toBe(201);
  }
  await makeUser(env.ctx, 'sec.admin', 'secadmin', fixture.county);
  const c = await login(env.app, 'sec.admin');
  const setup = (await env.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: { cookie: c } })).json();
  await env.app.inject({ method: 'POST', url: '/api/auth/totp/enroll', headers: { cookie: c }, payload: { code: await totpAt(setup.secret, env.clock) } });
  // One case's reporter name as an older version wrote it (found first, then changed by its key: a row of a
  // table split by county is named by its county and id, never by ctid).
  const [one] = await env.ctx.database.query<{ county_code: string; id: string }>(`SELECT county_code, id FROM cases WHERE reporter_name_enc IS NOT NULL LIMIT 1`);
  await env.ctx.database.query(`UPDATE cases SET reporter_name_enc = $1 WHERE county_code = $2 AND id = $3`, [legacyEncrypt(K1, '李四'), one!.county_code, one!.id]);
});
afterAll(() => env?.close());

/** Every stored plaintext behind the ciphertexts, in a stable order. */
async function plaintexts(decrypt: (s: string) => string): Promise<string[]> {
  const rows = await env.ctx.database.query<{ v: string }>(`
    SELECT reporter_name_enc AS v FROM cases WHERE reporter_name_enc IS NOT NULL
    UNION ALL SELECT reporter_phone_enc FROM cases WHERE reporter_phone_enc IS NOT NULL
    UNION ALL SELECT payload->>'phoneEnc' FROM outbox WHERE payload ? 'phoneEnc'
    UNION ALL SELECT totp_secret_enc FROM users WHERE totp_secret_enc IS NOT NULL`);
  return rows.map((r) => decrypt(r.v)).sort();
}

describe('key rotation', () => {
  it('lists every encrypted column of the schema', async () => {
    expect(await encColumnsInSchema(env.ctx.database)).toEqual(encryptedColumns.flatMap((t) => t.text.map((c) => `${t.table}.${c}`)).sort());
  });

  it('re-encrypts everything under the new key, values unchanged, lookups unchanged, old key no longer needed', async () => {
    const before = await plaintexts((s) => env.ctx.crypto.decrypt(s));
    expect(before.length).toBe(3 + 3 + 3 + 1);
    expect(before).toContain('李四');
    const hashBefore = env.ctx.crypto.lookupHash('13800138001');
    env.ctx.crypto = softwareCrypto({ keys: [K2, K1], lookupKey: K1 });
    expect(await keyUsage(env.ctx)).toEqual({ [keyId(K1)]: 10 });
    const progress: string[] = [];
    const report = await reencryptAll(env.ctx, (t, n) => progress.push(`${t}:${n}`));
    expect(report.tables.reduce((n, t) => n + t.reencrypted, 0)).toBe(10);
    expect(progress.length).toBeGreaterThan(0);
    expect(await keyUsage(env.ctx)).toEqual({ [keyId(K2)]: 10 });
    // With K1 retired, everything still reads, and reads the same.
    const onlyNew = softwareCrypto({ keys: [K2], lookupKey: K1 });
    expect(await plaintexts((s) => onlyNew.decrypt(s))).toEqual(before);
    expect(onlyNew.lookupHash('13800138001')).toBe(hashBefore);
    // A second run has nothing left to do.
    expect((await reencryptAll(env.ctx)).tables.every((t) => t.reencrypted === 0)).toBe(true);
  });
});
