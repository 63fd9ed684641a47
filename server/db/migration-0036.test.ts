/**
 * 0036: the visit generator's time cursors give way to the facts it took up, by reference. What a cursor had
 * passed is taken up (no second visit for it); what lies after it is not (the next scan takes it up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestEnv, fixture, seedFixture, type TestEnv } from '../test/harness.ts';
import { systemActor } from '../lib/actor.ts';
import { FakeClock } from '../lib/clock.ts';
import { checkCharacter } from '../../core/people/id-number.ts';
import { createPerson } from '../modules/people/persons.service.ts';
import { registerPetition } from '../modules/petitions/petition-register.service.ts';
import { migrate } from './migrate.ts';

let env: TestEnv;
const root = systemActor(fixture.province, 'test');
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
}, 60_000);
afterAll(() => env?.close());

describe('0036: visit trigger scans', () => {
  it('takes up what the cursors had passed and leaves what came after them', async () => {
    const petitionAt = async (iso: string, name: string, id17: string) => {
      const idNumber = id17 + checkCharacter(id17);
      await createPerson(env.ctx, root, { gridCode: fixture.gridA1, personType: '01', name, idNumber });
      const ctx = { ...env.ctx, clock: new FakeClock(new Date(iso)) };
      return registerPetition(ctx, root, { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: '道路破损', villageCode: fixture.villageA, skippedLevel: false, uploadIds: [], petitioners: [{ name, idNumber, phone: '13800004444', representative: false }] });
    };
    await petitionAt('2026-03-02T01:00:00Z', '马先到', '63222119800101123');
    await petitionAt('2026-03-02T03:00:00Z', '马后到', '63222119810101123');
    const household = randomUUID();
    await env.ctx.database.execScript(`
      DROP TABLE visit_trigger_scans;
      DELETE FROM schema_migrations WHERE name = '0036_visit_trigger_scans.sql';
      CREATE TABLE visit_rule_cursors (county_code char(6) NOT NULL, source text NOT NULL, last_at timestamptz NOT NULL, last_ref bigint NOT NULL DEFAULT 0, PRIMARY KEY (county_code, source));
      INSERT INTO registry_history (county_code, object_type, object_id, event, at) VALUES
        ('632221', 'household', '${household}', 'moved', '2026-03-02T02:00:00Z'),
        ('632221', 'household', '${household}', 'moved', '2026-03-02T02:00:00Z'),
        ('632221', 'household', '${household}', 'created', '2026-03-02T01:00:00Z');`);
    const moves = await env.ctx.database.query<{ id: string }>(`SELECT id::text AS id FROM registry_history WHERE county_code = '632221' AND object_id = $1 AND event = 'moved' ORDER BY id`, [household]);
    // The arrivals cursor stands at the first move (same instant as the second, a lower id); the petitions cursor between the two.
    await env.ctx.database.execScript(`INSERT INTO visit_rule_cursors (county_code, source, last_at, last_ref) VALUES
      ('632221', 'petitions', '2026-03-02T02:00:00Z', 0), ('632221', 'arrivals', '2026-03-02T02:00:00Z', ${Number(moves[0]!.id)});`);
    expect(await migrate(env.ctx.database)).toEqual(['0036_visit_trigger_scans.sql']);
    const taken = await env.ctx.database.query<{ ref: string }>(`SELECT ref FROM visit_trigger_scans ORDER BY ref`);
    const [early] = await env.ctx.database.query<{ petition_id: string; person_id: string }>(`SELECT petition_id, person_id FROM petitioners WHERE county_code = '632221' AND created_at < '2026-03-02T02:00:00Z'`);
    // The first move (at the cursor's instant and id) and the early petitioner; not the second move, not the later petitioner.
    expect(taken.map((r) => r.ref).sort()).toEqual([`pt:${early!.petition_id}:${early!.person_id}`, `rh:${moves[0]!.id}`].sort());
    expect(await env.ctx.database.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'visit_rule_cursors'`)).toEqual([]);
  });
});
