/** Rotating the field-encryption key walks the tracks, patrol checklists, visits and assessments too (their append-only guard lets exactly that through). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { keyId, softwareCrypto } from '../../lib/crypto.ts';
import { systemActor } from '../../lib/actor.ts';
import { createHousehold } from '../people/households.service.ts';
import { keyUsage, reencryptAll } from '../keys/keys.service.ts';

const K1 = '0123456789abcdeffedcba9876543210'; // the harness key
const K2 = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
let env: TestEnv;
let cookie: string;
const patrol = randomUUID();
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await makeUser(env.ctx, 'w.a', 'gridWorker', fixture.villageA);
  cookie = await login(env.app, 'w.a');
  const home = (await createHousehold(env.ctx, systemActor(fixture.province, 'test'), { gridCode: fixture.gridA1, address: 'A村7号', riskLevel: 'normal' })).id;
  const tpl = Object.fromEntries(((await call(env.app, 'GET', '/api/field/templates', cookie)).body as { code: string; id: string }[]).map((t) => [t.code, t.id]));
  await call(env.app, 'POST', '/api/field/patrols', cookie, { id: patrol, gridCode: fixture.gridA1, startedAt: '2026-03-02T00:10:00Z' });
  await call(env.app, 'POST', `/api/field/patrols/${patrol}/track`, cookie, { id: randomUUID(), seq: 0, points: [[1772410200000, 37.0501, 101.0501, 5], [1772410215000, 37.0502, 101.0501, 5]] });
  await call(env.app, 'POST', `/api/field/patrols/${patrol}/end`, cookie, { id: randomUUID(), endedAt: '2026-03-02T00:50:00Z', templateId: tpl.liubicha, answers: { rentals: 'problem', parking: 'normal' } });
  await call(env.app, 'POST', '/api/field/visits', cookie, { id: randomUUID(), templateId: tpl.wubifang, subjectType: 'household', subjectId: home, answers: { group: 'hardship', living_ok: true, health_ok: true }, note: '冬衣已送到', visitedAt: '2026-03-02T00:30:00Z' });
  await call(env.app, 'POST', '/api/field/assessments', cookie, { id: randomUUID(), householdId: home, templateId: tpl.household_risk, answers: { severe_mental_illness: 'none', drugs_or_correction: false, domestic_violence: true, unresolved_dispute: false, repeated_petitions: false, severe_hardship: false, uncared_dependant: false, major_change: false, housing_safety: false, gambling_drinking: false }, assessedAt: '2026-03-02T00:40:00Z' });
});
afterAll(() => env?.close());

describe('key rotation over the field records', () => {
  it('re-encrypts the track, the patrol\'s checklist, the visit\'s answers and note and the assessment, values unchanged', async () => {
    const track = (await call(env.app, 'GET', `/api/field/patrols/${patrol}/track`, cookie)).body.points;
    const texts = async (decrypt: (s: string) => string) =>
      (await env.ctx.database.query<{ v: string }>(`SELECT answers_enc AS v FROM visit_records UNION ALL SELECT checklist_enc FROM patrols UNION ALL SELECT note_enc FROM visit_records UNION ALL SELECT answers_enc FROM household_assessments`)).map((r) => decrypt(r.v)).sort();
    const before = await texts((s) => env.ctx.crypto.decrypt(s));
    env.ctx.crypto = softwareCrypto({ keys: [K2, K1], lookupKey: K1 });
    await reencryptAll(env.ctx);
    expect(await keyUsage(env.ctx)).toEqual({ [keyId(K2)]: 5 });
    env.ctx.crypto = softwareCrypto({ keys: [K2], lookupKey: K1 });
    expect(await texts((s) => env.ctx.crypto.decrypt(s))).toEqual(before);
    expect((await call(env.app, 'GET', `/api/field/patrols/${patrol}/track`, cookie)).body.points).toEqual(track);
  });
});
