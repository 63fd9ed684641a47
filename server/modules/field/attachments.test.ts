/** Photos and voice notes of field records: PUT by the attachment's client id, stored once, claimed by their record (a finding's photo by its case). */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { systemActor } from '../../lib/actor.ts';
import { createHousehold } from '../people/households.service.ts';

let env: TestEnv;
const cookie: Record<string, string> = {};
let visitId: string;
let findingId: string;
let caseCode: string;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  for (const [name, role, scope] of [['w.a', 'gridWorker', fixture.villageA], ['w.a2', 'gridWorker', fixture.villageA]] as const) {
    await makeUser(env.ctx, name, role, scope);
    cookie[name] = await login(env.app, name);
  }
  const home = (await createHousehold(env.ctx, systemActor(fixture.province, 'test'), { gridCode: fixture.gridA1, address: 'A村9号', riskLevel: 'normal' })).id;
  const templates = (await call(env.app, 'GET', '/api/field/templates', cookie['w.a'])).body as { code: string; id: string }[];
  visitId = randomUUID();
  await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], { id: visitId, templateId: templates.find((t) => t.code === 'sibiqing')!.id, subjectType: 'household', subjectId: home, answers: { household_members: true, person_categories: true, area_facilities: true, hazards_conflicts: true }, visitedAt: '2026-03-02T00:30:00Z' });
  const patrol = randomUUID();
  await call(env.app, 'POST', '/api/field/patrols', cookie['w.a'], { id: patrol, gridCode: fixture.gridA1, startedAt: '2026-03-02T00:10:00Z' });
  findingId = randomUUID();
  caseCode = (await call(env.app, 'POST', `/api/field/patrols/${patrol}/findings`, cookie['w.a'], { id: findingId, recordedAt: '2026-03-02T00:20:00Z', categoryId: 'municipal.road', description: '路灯不亮', lat: 37.0525, lng: 101.0512 })).body.caseCode;
});
afterAll(() => env?.close());

/** PUTs one multipart file. */
async function put(id: string, owner: string, who = 'w.a', bytes = tinyPng()) {
  const boundary = '----field' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const res = await env.app.inject({ method: 'PUT', url: `/api/field/attachments/${id}?owner=${owner}`, headers: { cookie: cookie[who]!, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  return { status: res.statusCode, body: res.json() };
}
const count = async (sql: string, params: unknown[] = []) => (await env.ctx.database.query<{ n: number }>(sql, params))[0]!.n;

describe('field attachments', () => {
  it('stores a visit\'s photo once: the same PUT again answers 200 with it and keeps one file', async () => {
    const id = randomUUID();
    const first = await put(id, `visit:${visitId}`);
    expect(first).toMatchObject({ status: 201, body: { id, ownerType: 'visit', ownerId: visitId, kind: 'photo', mime: 'image/png' } });
    const uploads = await count('SELECT count(*)::int AS n FROM uploads');
    const again = await put(id, `visit:${visitId}`);
    expect(again).toEqual({ status: 200, body: first.body });
    expect(await count('SELECT count(*)::int AS n FROM uploads')).toBe(uploads);
    expect(await count(`SELECT count(*)::int AS n FROM uploads u JOIN field_attachments a ON a.upload_id = u.id WHERE a.id = $1 AND u.claimed AND u.owner_type = 'visit'`, [id])).toBe(1);
  });

  it('puts a finding\'s photo into its case, where the handlers see it', async () => {
    const id = randomUUID();
    expect((await put(id, `finding:${findingId}`)).status).toBe(201);
    const n = await count(`SELECT count(*)::int AS n FROM case_attachments ca JOIN cases c ON c.county_code = ca.county_code AND c.id = ca.case_id JOIN field_attachments a ON a.county_code = ca.county_code AND a.upload_id = ca.id WHERE c.code = $1 AND a.id = $2`, [caseCode, id]);
    expect(n).toBe(1);
  });

  it('answers another worker\'s record like a missing one, and refuses an id already used for another record\'s file', async () => {
    const theirs = await put(randomUUID(), `visit:${visitId}`, 'w.a2');
    const nothing = await put(randomUUID(), `visit:${randomUUID()}`, 'w.a2');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(nothing.body);
    const id = randomUUID();
    await put(id, `visit:${visitId}`);
    const reused = await put(id, `finding:${findingId}`);
    expect(reused.status).toBe(409);
    const notAnId = await put(randomUUID(), `visit:${'-'.repeat(36)}`);
    expect(notAnId.status).toBe(400);
  });
});
