/**
 * Visits and household risk assessments: the templates they are filled in with (versioned data), exactly once,
 * append-only with corrections that supersede once, sensitive answers only encrypted, the risk score on the
 * server, the current level kept apart from the household's own version, and subjects outside the scope missing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../../test/harness.ts';
import { systemActor } from '../../lib/actor.ts';
import { createHousehold } from '../people/households.service.ts';
import { syncShippedTemplates } from './templates.service.ts';

let env: TestEnv;
const cookie: Record<string, string> = {};
const tpl: Record<string, string> = {};
let homeA: string;
let homeB: string;
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  for (const [name, role, scope] of [['w.a', 'gridWorker', fixture.villageA], ['w.a2', 'gridWorker', fixture.villageA], ['l.c', 'leader', fixture.county]] as const) {
    await makeUser(env.ctx, name, role, scope);
    cookie[name] = await login(env.app, name);
  }
  const root = systemActor(fixture.province, 'test');
  homeA = (await createHousehold(env.ctx, root, { gridCode: fixture.gridA1, address: 'A村5号', riskLevel: 'normal' })).id;
  homeB = (await createHousehold(env.ctx, root, { gridCode: fixture.gridB1, address: 'B村5号', riskLevel: 'normal' })).id;
  for (const t of (await call(env.app, 'GET', '/api/field/templates', cookie['w.a'])).body as { code: string; id: string }[]) tpl[t.code] = t.id;
});
afterAll(() => env?.close());

const key = (id: string) => ({ 'idempotency-key': id });
const count = async (table: string, where = 'true', params: unknown[] = []) => (await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0]!.n;
const at = '2026-03-02T00:30:00.000Z';
const visit = (extra: Record<string, unknown> = {}) => ({ id: randomUUID(), templateId: tpl.wubifang, subjectType: 'household', subjectId: homeA, answers: { group: 'community_correction', living_ok: true, health_ok: false, needs: '想找工作' }, note: '入户走访，情况稳定', visitedAt: at, ...extra });
const none = { severe_mental_illness: 'none', drugs_or_correction: false, domestic_violence: false, unresolved_dispute: false, repeated_petitions: false, severe_hardship: false, uncared_dependant: false, major_change: false, housing_safety: false, gambling_drinking: false };

describe('templates', () => {
  it('serves the six shipped templates with their items in three languages, loaded once', async () => {
    const list = (await call(env.app, 'GET', '/api/field/templates', cookie['l.c'])).body as { code: string; kind: string; version: number; name: Record<string, string>; thresholds?: object }[];
    expect(list.map((t) => `${t.code}:${t.kind}:v${t.version}`).sort()).toEqual(['household_risk:risk:v1', 'liubicha:patrol:v1', 'sanbidao:visit:v1', 'sibiqing:visit:v1', 'sifangsanwen:visit:v1', 'wubifang:visit:v1']);
    expect(list.find((t) => t.code === 'household_risk')).toMatchObject({ name: { 'zh-CN': '家庭安全风险评估' }, thresholds: { high: 40, medium: 20 } });
    expect(await syncShippedTemplates(env.ctx)).toEqual([]);
  });

  it('stores a changed file as the next version and keeps accepting records made with the old one', async () => {
    const old = tpl.sibiqing!;
    // As if the shipped file had changed since version 1 was stored.
    await env.ctx.database.query(`UPDATE field_templates SET content_hash = repeat('0', 64) WHERE id = $1`, [old]);
    expect(await syncShippedTemplates(env.ctx)).toEqual(['sibiqing']);
    const rows = await env.ctx.database.query<{ version: number; active: boolean }>(`SELECT version, active FROM field_templates WHERE code = 'sibiqing' ORDER BY version`);
    expect(rows).toEqual([{ version: 1, active: false }, { version: 2, active: true }]);
    const offline = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ templateId: old, answers: { household_members: true, person_categories: true, area_facilities: true, hazards_conflicts: false } }));
    expect(offline.status).toBe(201);
  });
});

describe('a visit', () => {
  it('is stored once, sensitive answers and the note only encrypted', async () => {
    const v = visit();
    const a = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], v, key(v.id));
    const b = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], v, key(v.id));
    expect(a).toMatchObject({ status: 201, body: { id: v.id } });
    expect(b.headers['idempotent-replay']).toBe('true');
    expect((await call(env.app, 'POST', '/api/field/visits', cookie['w.a2'], v)).body.error).toMatchObject({ code: 'CONFLICT', details: [{ code: 'id_taken' }] });
    expect(await count('visit_records', 'id = $1', [v.id])).toBe(1);
    const [row] = await env.ctx.database.query<{ answers: object; answers_enc: string; note_enc: string; grid_code: string }>('SELECT answers, answers_enc, note_enc, grid_code FROM visit_records WHERE id = $1', [v.id]);
    expect(row!.answers).toEqual({ living_ok: true, health_ok: false });
    expect(JSON.stringify(row)).not.toMatch(/community_correction|想找工作|入户走访/);
    expect(JSON.parse(env.ctx.crypto.decrypt(row!.answers_enc))).toEqual({ group: 'community_correction', needs: '想找工作' });
    expect(env.ctx.crypto.decrypt(row!.note_enc)).toBe('入户走访，情况稳定');
    expect(row!.grid_code).toBe(fixture.gridA1);
    expect(await count('audit_log', `action = 'visit.record' AND object_id = $1 AND detail->>'visit' = $2`, [homeA, v.id])).toBe(1);
  });

  it('is corrected by a new record that supersedes it, once; the table refuses any edit or removal', async () => {
    const first = visit();
    await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], first);
    const fix = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ supersedes: first.id, answers: { group: 'hardship', living_ok: true, health_ok: true } }));
    expect(fix.status).toBe(201);
    const twice = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ supersedes: first.id }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.details[0]).toMatchObject({ path: 'body.supersedes', code: 'already_superseded' });
    const elsewhere = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ supersedes: randomUUID() }));
    expect(elsewhere.status).toBe(404);
    await expect(env.ctx.database.query('UPDATE visit_records SET visited_at = now() WHERE id = $1', [first.id])).rejects.toThrow(/append-only/);
    await expect(env.ctx.database.query('DELETE FROM visit_records WHERE id = $1', [first.id])).rejects.toThrow(/append-only/);
    // A key rotation rewrites the ciphertexts, and only them.
    await env.ctx.database.query('UPDATE visit_records SET note_enc = note_enc, answers_enc = answers_enc WHERE id = $1', [first.id]);
  });

  it('answers a household of another village exactly like one that does not exist, and names each wrong answer', async () => {
    const theirs = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ subjectId: homeB }));
    const nobody = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ subjectId: randomUUID() }));
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(nobody.body);
    const wrong = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ answers: { group: 'prisoner', living_ok: 'yes' } }));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)).toEqual(['body.answers.group unknown_option', 'body.answers.living_ok wrong_type', 'body.answers.health_ok required']);
    const riskAsVisit = await call(env.app, 'POST', '/api/field/visits', cookie['w.a'], visit({ templateId: tpl.household_risk }));
    expect(riskAsVisit.body.error.details[0]).toMatchObject({ path: 'body.templateId', code: 'unknown_template' });
  });
});

describe('a risk assessment', () => {
  const assess = (answers: Record<string, unknown>, assessedAt: string, extra: Record<string, unknown> = {}) => ({ id: randomUUID(), householdId: homeA, templateId: tpl.household_risk, answers: { ...none, ...answers }, assessedAt, ...extra });
  const current = async () => (await env.ctx.database.query<{ level: string; score: number; assessment_id: string }>('SELECT level, score, assessment_id FROM household_risk_current WHERE household_id = $1', [homeA]))[0];

  it('is scored on the server, answers only encrypted, and becomes the household\'s current level without touching its version', async () => {
    const version = (await env.ctx.database.query<{ version: number }>('SELECT version FROM households WHERE id = $1', [homeA]))[0]!.version;
    const a = assess({ severe_mental_illness: 'grade_3_plus', housing_safety: true }, '2026-03-01T02:00:00.000Z');
    const res = await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], a, key(a.id));
    expect(res).toMatchObject({ status: 201, body: { id: a.id, score: 40, level: 'high' } });
    expect(await current()).toEqual({ level: 'high', score: 40, assessment_id: a.id });
    const [row] = await env.ctx.database.query<{ answers_enc: string }>('SELECT answers_enc FROM household_assessments WHERE id = $1', [a.id]);
    expect(row!.answers_enc).not.toMatch(/grade_3_plus|severe/);
    expect(JSON.parse(env.ctx.crypto.decrypt(row!.answers_enc))).toMatchObject({ severe_mental_illness: 'grade_3_plus' });
    expect((await env.ctx.database.query<{ version: number }>('SELECT version FROM households WHERE id = $1', [homeA]))[0]!.version).toBe(version);
    const audit = await env.ctx.database.query<{ detail: { level: string } }>(`SELECT detail FROM audit_log WHERE action = 'assessment.record' AND object_id = $1`, [homeA]);
    expect(audit.map((r) => r.detail.level)).toEqual(['high']);
    expect(JSON.stringify(audit)).not.toContain('grade_3_plus');
  });

  it('keeps the newest by device time current; a late older one is history only; a correction replaces what it corrects', async () => {
    const newer = assess({ unresolved_dispute: true, major_change: true }, '2026-03-01T08:00:00.000Z');
    expect((await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], newer)).body).toMatchObject({ score: 25, level: 'medium' });
    const late = assess({}, '2026-02-20T08:00:00.000Z');
    expect((await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], late)).body).toMatchObject({ score: 0, level: 'low' });
    expect(await current()).toMatchObject({ level: 'medium', assessment_id: newer.id });
    const fix = assess({ unresolved_dispute: true }, '2026-03-01T07:00:00.000Z', { supersedes: newer.id });
    expect((await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], fix)).body).toMatchObject({ score: 15, level: 'low' });
    expect(await current()).toMatchObject({ level: 'low', assessment_id: fix.id });
    expect((await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], assess({}, '2026-03-01T07:00:00.000Z', { supersedes: newer.id }))).status).toBe(409);
    await expect(env.ctx.database.query('DELETE FROM household_assessments WHERE id = $1', [late.id])).rejects.toThrow(/append-only/);
  });

  it('answers a household of another village like a missing one', async () => {
    const theirs = await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], assess({}, at, { householdId: homeB }));
    const nobody = await call(env.app, 'POST', '/api/field/assessments', cookie['w.a'], assess({}, at, { householdId: randomUUID() }));
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(nobody.body);
  });
});
