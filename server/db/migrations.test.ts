/**
 * Migrations that change stored data: rows written before them must still be found afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { checkCharacter } from '../../core/people/id-number.ts';
import { migrate } from './migrate.ts';
import { hasCitus } from './distribute.ts';
import { deliverDue } from '../modules/outbox/outbox.service.ts';

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

describe('0017: clocks, notices and pending messages keyed by subject', () => {
  it('carries case clocks, notices and waiting outbox rows over from their case-only shape', async (t) => {
    // 0017 ran before any cluster existed (tables are placed from 0022 on): rebuilding the pre-0017 tables on an
    // already distributed database and replaying it there tests nothing a deployment goes through.
    if (await hasCitus(env.ctx.database)) return t.skip('0017 cannot be replayed on an already distributed Citus database');
    await makeUser(env.ctx, 'op.a', 'operator', fixture.villageA);
    const op = await login(env.app, 'op.a');
    const made = await call(env.app, 'POST', '/api/cases', op, { channel: 'phone', categoryId: 'sanitation.garbage', description: '垃圾没人清运', lat: 37.05, lng: 101.05 });
    expect(made.status).toBe(201);
    const code = made.body.code as string;
    await deliverDue(env.ctx); // the operator's notice of the new report
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, op, {}); // queues more notices, left waiting
    const q = <T>(sql: string) => env.ctx.database.query<T>(sql);
    const clocksBefore = await q<{ id: string; kind: string; due_at: Date }>(`SELECT id, kind, due_at FROM clocks ORDER BY id`);
    expect(clocksBefore.length).toBeGreaterThanOrEqual(3);
    // Put the tables back as they were before 0017.
    await env.ctx.database.execScript(`
      CREATE TABLE case_deadlines (
        county_code char(6) NOT NULL, id uuid NOT NULL, case_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('first_response','stage','total')), mode text NOT NULL CHECK (mode IN ('calendar','working')),
        limit_minutes integer NOT NULL, started_at timestamptz NOT NULL, warn_at timestamptz NOT NULL, due_at timestamptz NOT NULL,
        state text NOT NULL CHECK (state IN ('open','warned','breached','met','cancelled')), paused_at timestamptz, closed_at timestamptz,
        PRIMARY KEY (county_code, id), FOREIGN KEY (county_code, case_id) REFERENCES cases (county_code, id));
      INSERT INTO case_deadlines SELECT county_code, id, subject_id, kind, mode, limit_minutes, started_at, warn_at, due_at, state, paused_at, closed_at FROM clocks;
      DROP TABLE clocks;
      ALTER TABLE notifications ADD COLUMN case_id uuid;
      UPDATE notifications SET case_id = subject_id;
      DROP INDEX notifications_unread_idx;
      ALTER TABLE notifications DROP COLUMN subject_type;
      ALTER TABLE notifications DROP COLUMN subject_id;
      ALTER TABLE notifications DROP COLUMN subject_code;
      UPDATE outbox SET payload = (payload - 'subject') || jsonb_build_object('caseId', payload->'subject'->>'id') WHERE payload ? 'subject';
      DELETE FROM schema_migrations WHERE name = '0017_workflow_engine.sql';`);
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL AND payload ? 'caseId'`))[0]!.n).toBeGreaterThan(0);

    expect(await migrate(env.ctx.database)).toEqual(['0017_workflow_engine.sql']);
    expect(await q(`SELECT id, kind, due_at FROM clocks WHERE subject_type = 'case' ORDER BY id`)).toEqual(clocksBefore);
    expect((await q<{ r: string | null }>(`SELECT to_regclass('case_deadlines')::text AS r`))[0]!.r).toBeNull();
    // Waiting messages are rewritten (delivered ones are history and keep their shape).
    expect((await q<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL AND payload ? 'caseId'`))[0]!.n).toBe(0);
    // The case still shows its clocks; the old notice and the ones delivered now name the case and its code.
    expect((await call(env.app, 'GET', `/api/cases/${code}`, op)).body.clocks).toHaveLength(clocksBefore.length);
    expect(await deliverDue(env.ctx)).toBeGreaterThan(0);
    const notices = (await call(env.app, 'GET', '/api/notifications', op)).body as { items: { subject: { type: string; code?: string } | null }[] };
    expect(notices.items.length).toBeGreaterThanOrEqual(2);
    expect(notices.items.every((n) => n.subject?.type === 'case' && n.subject.code === code)).toBe(true);
  });
});
