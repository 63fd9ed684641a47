/**
 * Migrations that change stored data: rows written before them must still be found afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { checkCharacter } from '../../core/people/id-number.ts';
import { migrate } from './migrate.ts';

let env: TestEnv;
let cookie: string;
const ID = '63222119850612123' + checkCharacter('63222119850612123');

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'gw.a', 'gridWorker', fixture.villageA);
  cookie = await login(env.app, 'gw.a');
});
afterAll(() => env?.close());

describe('0008: lookup hashes kept to 128 bits', () => {
  it('shortens hashes written at full length, after which search by ID number, name and phone still finds the person', async () => {
    const made = await call(env.app, 'POST', '/api/people', cookie, { gridCode: fixture.gridA1, personType: '01', name: '扎西', idNumber: ID, phone: '13912345678' });
    expect(made.status).toBe(201);
    // Put the row back as the first version wrote it: the full 256-bit HMAC-SM3 (the key keys the lookups here).
    const full = (v: string) => createHmac('sm3', Buffer.from(env.ctx.config.secretKeyHex!, 'hex')).update(v).digest('hex');
    expect(env.ctx.crypto.lookupHash(`id:${ID}`)).toBe(full(`id:${ID}`).slice(0, 32));
    await env.ctx.database.query('UPDATE persons SET id_number_hash = $1, name_hash = $2, phone_hash = $3 WHERE id = $4', [full(`id:${ID}`), full('name:扎西'), full('phone:13912345678'), made.body.id]);
    expect((await call(env.app, 'GET', `/api/people?idNumber=${ID}`, cookie)).body.total).toBe(0);

    await env.ctx.database.query(`DELETE FROM schema_migrations WHERE name = '0008_lookup_hash_128.sql'`);
    expect(await migrate(env.ctx.database)).toEqual(['0008_lookup_hash_128.sql']);
    const [row] = await env.ctx.database.query<{ h: string }>('SELECT id_number_hash AS h FROM persons WHERE id = $1', [made.body.id]);
    expect(row!.h).toHaveLength(32);
    expect((await call(env.app, 'GET', `/api/people?idNumber=${ID}`, cookie)).body.items.map((p: { id: string }) => p.id)).toEqual([made.body.id]);
    expect((await call(env.app, 'GET', `/api/people?name=${encodeURIComponent('扎西')}`, cookie)).body.total).toBe(1);
  });
});
