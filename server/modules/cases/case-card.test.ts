/**
 * The case card and the resident's side of it (issue 12): a reveal needs a reason the user typed; the card says
 * whether its reader may reveal the reporter; the timeline names its actors in words; the tracking page tells its
 * two clocks apart and shows the reporter the checked result; residents may send private matters in confidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedDepartments, seedFixture, upload, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';

let env: TestEnv;
const c: Record<string, string> = {};
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  await seedDepartments(env.ctx);
  await makeUser(env.ctx, 'v.op', 'operator', fixture.villageA);
  await makeUser(env.ctx, 'w.worker', 'gridWorker', fixture.villageA);
  await makeUser(env.ctx, 'c.leader', 'leader', fixture.county);
  await env.ctx.database.query(`UPDATE users SET display_name = '李村办' WHERE username = 'v.op'`);
  for (const u of ['v.op', 'w.worker', 'c.leader']) c[u] = await login(env.app, u);
});
afterAll(() => env?.close());

const report = async (body: Record<string, unknown> = {}) => {
  const res = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'sanitation.garbage', description: '村口垃圾三天没人清运', lat: 37.05, lng: 101.05, phone: '13900001234', name: '王小明', ...body }, { 'idempotency-key': `card-${crypto.randomUUID()}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { code: res.body.code as string, key: res.body.reporterKey as string, isPublic: res.body.isPublic as boolean };
};
const auditReveals = async () => (await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.revealReporter'`))[0]!.n;

describe('revealing the reporter', () => {
  it('refuses a blank reason with a Chinese message and records nothing', async () => {
    const { code } = await report();
    const before = await auditReveals();
    for (const reason of ['', '   ', ' 。']) {
      const r = await call(env.app, 'POST', `/api/cases/${code}/reporter`, c['v.op'], { reason });
      expect(r.status, JSON.stringify(reason)).toBe(400);
      expect(r.body.error.details[0]).toMatchObject({ path: 'body.reason', message: '请填写查看原因（至少2个字）' });
    }
    expect((await call(env.app, 'POST', `/api/cases/${code}/reporter`, c['v.op'], {})).status).toBe(400);
    expect(await auditReveals()).toBe(before);
    const ok = await call(env.app, 'POST', `/api/cases/${code}/reporter`, c['v.op'], { reason: '  核实地址 ' });
    expect(ok.body).toEqual({ name: '王小明', phone: '13900001234' });
    const [row] = await env.ctx.database.query<{ detail: { reason: string } }>(`SELECT detail FROM audit_log WHERE action = 'case.revealReporter' ORDER BY id DESC LIMIT 1`);
    expect(row!.detail.reason).toBe('核实地址');
  });

  it('tells the card whether its reader may reveal the reporter', async () => {
    const { code } = await report();
    expect((await call(env.app, 'GET', `/api/cases/${code}`, c['v.op'])).body.canRevealReporter).toBe(true);
    expect((await call(env.app, 'GET', `/api/cases/${code}`, c['w.worker'])).body.canRevealReporter).toBe(false);
    const anonymous = await report({ phone: undefined, name: undefined });
    expect((await call(env.app, 'GET', `/api/cases/${anonymous.code}`, c['v.op'])).body.canRevealReporter).toBe(false);
  });
});

describe('the timeline names its actors in words', () => {
  it('a resident, a user by display name and role, never a username', async () => {
    const { code } = await report();
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['v.op'], { tier: 'minor' });
    const tl = (await call(env.app, 'GET', `/api/cases/${code}`, c['v.op'])).body.timeline as { type: string; actorKind: string; actorName: string | null; actorRole: string }[];
    expect(tl.map((e) => [e.type, e.actorKind, e.actorName])).toEqual([['submit', 'resident', null], ['accept', 'user', '李村办']]);
    expect(JSON.stringify(tl)).not.toContain('v.op');
  });
});

describe('the tracking page', () => {
  it('promises a response within the hour first, and a resolution only once the case is accepted', async () => {
    const { code } = await report();
    const t0 = (await call(env.app, 'GET', `/api/public/cases/${code}`)).body;
    const created = new Date(t0.createdAt as string).getTime();
    expect(new Date(t0.respondBy as string).getTime() - created).toBe(60 * 60_000);
    expect(t0.expectedBy).toBeNull();
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['v.op'], { tier: 'minor' });
    const t1 = (await call(env.app, 'GET', `/api/public/cases/${code}`)).body;
    expect(t1.respondBy).toBeNull();
    expect(new Date(t1.expectedBy as string).getTime() - created).toBeGreaterThan(24 * 60 * 60_000);
  });

  it('shows the reporter (and only the reporter) the checked result text and after-photo', async () => {
    const { code, key } = await report();
    const me = (await call(env.app, 'GET', '/api/auth/me', c['w.worker'])).body.id as string;
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['v.op'], { tier: 'minor' });
    await call(env.app, 'POST', `/api/cases/${code}/actions/dispatch`, c['v.op'], { userId: me });
    await call(env.app, 'POST', `/api/cases/${code}/actions/start`, c['w.worker'], {});
    const photo = await upload(env.app, '/api/uploads', tinyPng(), c['w.worker']);
    await call(env.app, 'POST', `/api/cases/${code}/actions/reportBack`, c['w.worker'], { text: '垃圾已全部清运，已消毒', uploadIds: [photo.body.id] });
    // Not before staff checked it.
    expect((await call(env.app, 'GET', `/api/public/cases/${code}`, undefined, undefined, { 'x-reporter-key': key })).body.result).toBeNull();
    await call(env.app, 'POST', `/api/cases/${code}/actions/verify`, c['v.op'], { result: 'pass' });
    const stranger = (await call(env.app, 'GET', `/api/public/cases/${code}`)).body;
    expect(stranger).toMatchObject({ isReporter: false, result: null, canRate: true });
    const mine = (await call(env.app, 'GET', `/api/public/cases/${code}`, undefined, undefined, { 'x-reporter-key': key })).body;
    expect(mine.isReporter).toBe(true);
    expect(mine.result.text).toBe('垃圾已全部清运，已消毒');
    expect(mine.result.photos).toHaveLength(1);
    const url = mine.result.photos[0].url as string;
    expect((await env.app.inject({ url })).statusCode).toBe(404);
    expect((await env.app.inject({ url, headers: { 'x-reporter-key': `${key.slice(0, -1)}x` } })).statusCode).toBe(404);
    const img = await env.app.inject({ url, headers: { 'x-reporter-key': key } });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    // The rating answer keeps showing the result; the operator's follow-up call stays possible until the reporter rates.
    expect((await call(env.app, 'GET', `/api/cases/${code}`, c['v.op'])).body.allowedActions).toContain('followUp');
    const rated = await call(env.app, 'POST', `/api/public/cases/${code}/rating`, undefined, { satisfaction: 'satisfied', key });
    expect(rated.body).toMatchObject({ status: 'closed', result: { text: '垃圾已全部清运，已消毒' } });
  });

  it('names the category in English for an English reader', async () => {
    const { code } = await report({ categoryId: 'municipal.road', description: '路面塌陷' });
    const en = await call(env.app, 'GET', `/api/public/cases/${code}`, undefined, undefined, { 'accept-language': 'en' });
    expect(en.body.category).toMatch(/^[\x20-\x7e]+$/);
    expect((await call(env.app, 'GET', `/api/public/cases/${code}`)).body.category).toBe('道路破损');
  });
});

describe('private matters from the resident page', () => {
  it('lists private categories for residents, marked private', async () => {
    const cats = (await call(env.app, 'GET', '/api/public/categories')).body as unknown as { id: string; isPublic: boolean; nameEn: string }[];
    expect(cats.find((x) => x.id === 'dispute.family')).toMatchObject({ isPublic: false, nameEn: 'Family or marriage dispute' });
    expect(cats.find((x) => x.id === 'publicOrder.fraud')?.isPublic).toBe(false);
  });

  it('takes a tip-off in confidence: a private case, nothing of it on the tracking page, the reporter protected', async () => {
    const { code, key, isPublic } = await report({ categoryId: 'publicOrder.gambling', description: '村东头小卖部后屋每晚聚众赌博', name: '匿名群众', phone: '13700001111' });
    expect(isPublic).toBe(false);
    expect(key).toBeTruthy();
    const t = (await call(env.app, 'GET', `/api/public/cases/${code}`, undefined, undefined, { 'x-reporter-key': key })).body;
    expect(t).toMatchObject({ category: null, place: null, meTooCount: null, canMeToo: false, isReporter: true });
    expect(JSON.stringify(t)).not.toMatch(/赌博|小卖部|1370000|匿名/);
    // Need-to-know: the grid worker of the village does not see it; the leader does, with the reporter masked.
    expect((await call(env.app, 'GET', `/api/cases/${code}`, c['w.worker'])).status).toBe(404);
    expect((await call(env.app, 'GET', `/api/cases/${code}`, c['c.leader'])).body.reporter).toEqual({ name: '匿***', phone: '137****1111' });
    // "Me too" stays closed on a private case.
    expect((await call(env.app, 'POST', `/api/public/cases/${code}/me-too`, undefined, { deviceId: 'device-0001-abcdefgh' })).status).toBe(409);
  });
});
