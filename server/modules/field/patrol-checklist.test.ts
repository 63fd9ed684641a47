/**
 * A patrol's 六必查 checklist rides on its end record: checked against the patrol template (items the worker did
 * not reach may stay open), stored encrypted on the patrol, kept from the first end however often it is ended,
 * and read back decrypted by its worker and by readers in scope; another worker or another village reads a missing
 * patrol.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
const cookie: Record<string, string> = {};
const tpl: Record<string, string> = {};
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  for (const [name, role, scope] of [['w.a', 'gridWorker', fixture.villageA], ['w.a2', 'gridWorker', fixture.villageA], ['w.b', 'gridWorker', fixture.villageB], ['l.c', 'leader', fixture.county], ['l.b', 'leader', fixture.villageB]] as const) {
    await makeUser(env.ctx, name, role, scope);
    cookie[name] = await login(env.app, name);
  }
  for (const t of (await call(env.app, 'GET', '/api/field/templates', cookie['w.a'])).body as { code: string; id: string }[]) tpl[t.code] = t.id;
});
afterAll(() => env?.close());

const key = (id: string) => ({ 'idempotency-key': id });
const at = (min: number) => new Date(Date.parse('2026-03-02T00:10:00Z') + min * 60_000).toISOString();
async function started(): Promise<string> {
  const id = randomUUID();
  expect((await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], { id, gridCode: fixture.gridA1, startedAt: at(0) }, key(id))).status).toBe(201);
  return id;
}
const end = (patrol: string, body: Record<string, unknown>) => {
  const id = randomUUID();
  return call(env.app, 'POST', `/api/field/patrols/${patrol}/end`, cookie['w.a'], { id, endedAt: at(40), ...body }, key(id));
};

describe('the 六必查 checklist of a patrol', () => {
  it('is kept encrypted from the first end, and read back whole by its worker and a leader in scope only', async () => {
    const patrol = await started();
    const answers = { outsiders: 'normal', rentals: 'problem', sanitation: 'normal' };
    const first = await end(patrol, { templateId: tpl.liubicha, answers });
    expect(first).toMatchObject({ status: 200, body: { status: 'ended' } });
    const [row] = await env.ctx.database.query<{ checklist_template_id: string; checklist_enc: string }>('SELECT checklist_template_id, checklist_enc FROM patrols WHERE id = $1', [patrol]);
    expect(row!.checklist_template_id).toBe(tpl.liubicha);
    expect(row!.checklist_enc).not.toMatch(/rentals|problem|normal/);
    // Ending again (another end record, other answers) keeps the first end and its checklist.
    expect((await end(patrol, { templateId: tpl.liubicha, answers: { rentals: 'normal' } })).status).toBe(200);
    const want = { id: patrol, status: 'ended', endedAt: at(40), checklist: { templateId: tpl.liubicha, templateCode: 'liubicha', answers } };
    for (const who of ['w.a', 'l.c']) expect(await call(env.app, 'GET', `/api/field/patrols/${patrol}`, cookie[who])).toMatchObject({ status: 200, body: want });
    const missing = await call(env.app, 'GET', `/api/field/patrols/${randomUUID()}`, cookie['w.a']);
    expect(missing.status).toBe(404);
    for (const who of ['w.a2', 'w.b', 'l.b']) {
      const theirs = await call(env.app, 'GET', `/api/field/patrols/${patrol}`, cookie[who]);
      expect([theirs.status, theirs.body]).toEqual([404, missing.body]);
    }
  });

  it('is optional: an end without one reads back with no checklist', async () => {
    const patrol = await started();
    expect((await end(patrol, {})).status).toBe(200);
    expect((await call(env.app, 'GET', `/api/field/patrols/${patrol}`, cookie['w.a'])).body).toMatchObject({ status: 'ended', checklist: null });
    const open = await started();
    expect((await call(env.app, 'GET', `/api/field/patrols/${open}`, cookie['w.a'])).body).toMatchObject({ status: 'open', endedAt: null, checklist: null });
  });

  it('refuses answers the patrol template does not have, answers without a template and a visit checklist, ending nothing', async () => {
    const patrol = await started();
    const wrong = await end(patrol, { templateId: tpl.liubicha, answers: { rentals: 'broken', weather: 'normal' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.map((d: { path: string; code: string }) => [d.path, d.code]).sort()).toEqual([['body.answers.rentals', 'unknown_option'], ['body.answers.weather', 'unknown_item']]);
    const bare = await end(patrol, { answers: { rentals: 'normal' } });
    expect([bare.status, bare.body.error.details[0]]).toEqual([400, { path: 'body.templateId', code: 'required', message: '请注明巡查清单' }]);
    const visit = await end(patrol, { templateId: tpl.sibiqing, answers: {} });
    expect([visit.status, visit.body.error.details[0].code, visit.body.error.details[0].message]).toEqual([400, 'unknown_template', '没有这个巡查清单']);
    expect((await call(env.app, 'GET', `/api/field/patrols/${patrol}`, cookie['w.a'])).body).toMatchObject({ status: 'open', checklist: null });
  });
});
