/**
 * The closed loop through HTTP, as the people of a township live it: a resident reports with a photo;
 * the village accepts and, the case being 棘手事, it goes to the township; the township dispatches to a
 * department; the handler reports back with a photo; the township verifies; the resident rates it; the
 * dashboard counts it resolved in the township.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedDepartments, seedFixture, upload, type TestEnv } from '../../test/harness.ts';
import { tinyJpegWithGps, tinyPng } from '../../test/media-fixtures.ts';
import { deliverDue } from '../outbox/outbox.service.ts';

let env: TestEnv;
let depts: { housing: string; market: string };
const c: Record<string, string> = {};
beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  depts = await seedDepartments(env.ctx);
  await makeUser(env.ctx, 'v.op', 'operator', fixture.villageA);
  await makeUser(env.ctx, 't.op', 'operator', fixture.townshipA);
  await makeUser(env.ctx, 'd.handler', 'handler', fixture.county, depts.housing);
  await makeUser(env.ctx, 'c.leader', 'leader', fixture.county);
  await makeUser(env.ctx, 'w.worker', 'gridWorker', fixture.villageA);
  for (const u of ['v.op', 't.op', 'd.handler', 'c.leader', 'w.worker']) c[u] = await login(env.app, u);
});
afterAll(() => env?.close());

describe('the closed loop', () => {
  let code = '', key = '';
  it('takes a resident report with a photo and answers a tracking code, without keeping the photo location', async () => {
    const up = await upload(env.app, '/api/public/uploads', tinyJpegWithGps());
    expect(up.status).toBe(201);
    expect(up.body.kind).toBe('photo');
    const res = await call(env.app, 'POST', '/api/public/cases', undefined, { categoryId: 'municipal.road', description: '团结村村口道路塌了一个坑，晚上很危险', lat: 37.05, lng: 101.05, phone: '+86 139-0000-1234', name: '王小明', uploadIds: [up.body.id] }, { 'idempotency-key': 'report-0001-abcdef' });
    expect(res.status).toBe(201);
    code = res.body.code as string;
    key = res.body.reporterKey as string;
    expect(code).toMatch(/^632221-[0-9A-Z]{8}$/);
    expect(res.body).toMatchObject({ status: 'submitted', tier: 'tricky', suggestedTier: 'tricky', unitLevel: 'village' });
    const stored = await env.ctx.database.query<{ storage_key: string }>('SELECT storage_key FROM case_attachments');
    const bytes = await env.ctx.storage.get(stored[0]!.storage_key);
    expect(bytes.toString('latin1')).not.toContain('GPS');
    // Nothing about the reporter is stored in plain text.
    const raw = JSON.stringify(await env.ctx.database.query('SELECT * FROM cases'));
    expect(raw).not.toContain('13900001234');
    expect(raw).not.toContain('王小明');
  });

  it('shows the resident a public timeline without personal data', async () => {
    const t = await call(env.app, 'GET', `/api/public/cases/${code}`);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ code, status: 'submitted', category: '道路破损', canRate: false });
    expect(JSON.stringify(t.body)).not.toMatch(/1390000|王小明|v\.op|operator/);
  });

  it('lets the village accept it; being 棘手事 it goes to the township, out of the village operator’s hands', async () => {
    const inbox = await call(env.app, 'GET', '/api/cases?box=toAccept', c['v.op']);
    expect((inbox.body.items as { code: string }[]).map((i) => i.code)).toContain(code);
    const before = await call(env.app, 'GET', `/api/cases/${code}`, c['v.op']);
    expect(before.body.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject', 'redirect', 'merge', 'escalate']));
    expect(before.body.reporter).toEqual({ name: '王**', phone: '139****1234' });
    const acc = await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['v.op'], {});
    expect(acc.status).toBe(200);
    expect(acc.body).toMatchObject({ status: 'accepted', allowedActions: [] }); // the case left the village's hands
    const after = await call(env.app, 'GET', `/api/cases/${code}`, c['v.op']);
    expect(after.body).toMatchObject({ status: 'accepted', unitLevel: 'township', unitCode: fixture.townshipA, allowedActions: [] });
  });

  it('lets the township dispatch it to the department that owns road repairs', async () => {
    const inbox = await call(env.app, 'GET', '/api/cases?box=toDispatch', c['t.op']);
    expect((inbox.body.items as { code: string }[]).map((i) => i.code)).toEqual([code]);
    expect(inbox.body.items[0].allowedActions).toEqual(expect.arrayContaining(['dispatch', 'transfer', 'escalate']));
    const res = await call(env.app, 'POST', `/api/cases/${code}/actions/dispatch`, c['t.op'], { departmentId: depts.housing });
    expect(res.body).toMatchObject({ status: 'dispatched' });
  });

  it('lets the department handler start and report back with a photo, but not verify', async () => {
    const mine = await call(env.app, 'GET', '/api/cases?box=mine', c['d.handler']);
    expect((mine.body.items as { code: string }[]).map((i) => i.code)).toEqual([code]);
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/start`, c['d.handler'], {})).body.status).toBe('in_progress');
    const photo = await upload(env.app, '/api/uploads', tinyPng(), c['d.handler']);
    const rb = await call(env.app, 'POST', `/api/cases/${code}/actions/reportBack`, c['d.handler'], { text: '已回填修复路面', uploadIds: [photo.body.id] });
    expect(rb.body.status).toBe('reported_back');
    const v = await call(env.app, 'POST', `/api/cases/${code}/actions/verify`, c['d.handler'], { result: 'pass' });
    expect(v.status).toBe(409);
    expect(v.body.error).toMatchObject({ code: 'INVALID_TRANSITION' });
    const detail = await call(env.app, 'GET', `/api/cases/${code}`, c['t.op']);
    expect((detail.body.attachments as unknown[]).length).toBe(2);
    const file = await env.app.inject({ url: (detail.body.attachments as { url: string }[])[1]!.url, headers: { cookie: c['t.op']! } });
    expect(file.headers['content-type']).toBe('image/png');
  });

  it('lets the township verify, then the resident rates it satisfied and the loop closes', async () => {
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/verify`, c['t.op'], { result: 'pass' })).body.status).toBe('verified');
    const t = await call(env.app, 'GET', `/api/public/cases/${code}`);
    expect(t.body.canRate).toBe(true);
    const rated = await call(env.app, 'POST', `/api/public/cases/${code}/rating`, undefined, { satisfaction: 'satisfied', key });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'closed', outcome: 'resolved', satisfaction: 'satisfied', canRate: false });
    const steps = (rated.body.timeline as { type: string }[]).map((s) => s.type);
    expect(steps).toEqual(['submit', 'accept', 'dispatch', 'start', 'reportBack', 'verify', 'followUp', 'close']);
  });

  it('counts it on the dashboard as received, closed, on time, satisfied and resolved in the township', async () => {
    const k = await call(env.app, 'GET', `/api/kpis?region=${fixture.county}`, c['c.leader']);
    expect(k.status).toBe(200);
    expect(k.body).toMatchObject({ received: 1, closed: 1, closeRate: 1, onTimeRate: 1, satisfactionRate: 1, villageResolvedShare: 0, townshipResolvedShare: 1, overdueNow: 0 });
    expect(k.body.medianFirstResponseMinutes).toBe(2.5);
    expect((k.body.children as { name: string; received: number }[])[0]).toMatchObject({ name: '浩门镇', received: 1 });
  });

  it('told the reporter by SMS and the staff in the app, after commit', async () => {
    expect(env.sms.sent).toEqual([]); // nothing leaves before the outbox runs
    expect(await deliverDue(env.ctx)).toBeGreaterThan(5);
    expect(env.sms.sent.every((m) => m.phone === '13900001234')).toBe(true);
    expect(env.sms.sent.map((m) => m.text).join('\n')).toContain(code);
    const n = await call(env.app, 'GET', '/api/notifications', c['d.handler']);
    const items = (n.body as { items: { text: string; subject: { type: string; code?: string } | null }[] }).items;
    expect(items.some((x) => x.text.includes(code))).toBe(true);
    // Each notice names its case, so a click opens /cases/<code>.
    expect(items.filter((x) => x.text.includes(code)).every((x) => x.subject?.type === 'case' && x.subject.code === code)).toBe(true);
    expect(await deliverDue(env.ctx)).toBe(0); // delivered once
  });
});

describe('other endings and actions', () => {
  const report = async (description: string, categoryId = 'sanitation.garbage', lng = 101.05) =>
    (await call(env.app, 'POST', '/api/cases', c['v.op'], { channel: 'visit', categoryId, description, lat: 37.05, lng, reporterPhone: '13800138000' })).body.code as string;

  it('routes a minor matter to the village and lets a grid worker handle it', async () => {
    const code = await report('垃圾三天没人清运');
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['v.op'], {});
    const me = (await call(env.app, 'GET', '/api/auth/me', c['w.worker'])).body.id as string;
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/dispatch`, c['v.op'], { userId: me })).body.status).toBe('dispatched');
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/start`, c['w.worker'], {})).body.status).toBe('in_progress');
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/reportBack`, c['w.worker'], { text: '已清运' })).body.status).toBe('reported_back');
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/verify`, c['v.op'], { result: 'fail', note: '还有残留' })).body.status).toBe('in_progress');
    await call(env.app, 'POST', `/api/cases/${code}/actions/reportBack`, c['w.worker'], { text: '已全部清运' });
    await call(env.app, 'POST', `/api/cases/${code}/actions/verify`, c['v.op'], { result: 'pass' });
    // An unsatisfied reporter reopens it once, with higher urgency; a second time it stays closed-out.
    const r1 = await call(env.app, 'POST', `/api/cases/${code}/actions/followUp`, c['v.op'], { satisfaction: 'unsatisfied', method: 'phone' });
    expect(r1.body.status).toBe('dispatched');
    const d = await call(env.app, 'GET', `/api/cases/${code}`, c['v.op']);
    expect(d.body).toMatchObject({ urgency: 'high', reopenCount: 1 });
    await call(env.app, 'POST', `/api/cases/${code}/actions/start`, c['w.worker'], {});
    await call(env.app, 'POST', `/api/cases/${code}/actions/reportBack`, c['w.worker'], { text: '再次清理' });
    await call(env.app, 'POST', `/api/cases/${code}/actions/verify`, c['v.op'], { result: 'pass' });
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/followUp`, c['v.op'], { satisfaction: 'unsatisfied' })).body.status).toBe('followed_up');
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/closeUnresolved`, c['v.op'], { reason: '群众诉求超出政策范围' })).body.status).toBe('closed');
  });

  it('dispatches only to someone who can see the case: not to a grid worker of another village', async () => {
    const code = await report('路边垃圾没人管');
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['v.op'], {});
    await makeUser(env.ctx, 'w.workerB', 'gridWorker', fixture.villageB);
    const other = (await call(env.app, 'GET', '/api/auth/me', await login(env.app, 'w.workerB'))).body.id as string;
    const refused = await call(env.app, 'POST', `/api/cases/${code}/actions/dispatch`, c['t.op'], { userId: other });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: 'body.userId', code: 'unknown_handler' });
    expect((await call(env.app, 'GET', `/api/cases/${code}`, c['v.op'])).body.status).toBe('accepted');
    const mine = (await call(env.app, 'GET', '/api/auth/me', c['w.worker'])).body.id as string;
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/dispatch`, c['t.op'], { userId: mine })).body.status).toBe('dispatched');
  });

  it('records honest endings: rejected with a reason, not ours with the unit, duplicate of another case', async () => {
    const a = await report('村口垃圾堆放');
    const b = await report('村口垃圾堆积没人管');
    const x = await report('测试无效');
    const y = await report('供电线路老化');
    expect((await call(env.app, 'POST', `/api/cases/${x}/actions/reject`, c['v.op'], { reason: '内容无效' })).body.status).toBe('rejected');
    expect((await call(env.app, 'POST', `/api/cases/${y}/actions/redirect`, c['v.op'], { unit: '国网门源县供电公司' })).body.status).toBe('redirected');
    const dup = await call(env.app, 'GET', `/api/cases/${b}/duplicates`, c['v.op']);
    expect((dup.body as unknown as { code: string }[]).map((d) => d.code)).toContain(a);
    expect((await call(env.app, 'POST', `/api/cases/${b}/actions/merge`, c['v.op'], { duplicateOf: a })).body.status).toBe('merged');
    const target = await call(env.app, 'GET', `/api/cases/${a}`, c['v.op']);
    expect(target.body.meTooCount).toBe(1);
    const detail = await call(env.app, 'GET', `/api/cases/${b}`, c['v.op']);
    expect(detail.body).toMatchObject({ status: 'merged', duplicateOf: a });
    expect((await call(env.app, 'GET', `/api/public/cases/${y}`)).body).toMatchObject({ status: 'redirected' });
  });

  it('lets residents add "me too" to an open public case', async () => {
    const code = await report('路灯不亮好几天了', 'municipal.streetlight');
    const res = await call(env.app, 'POST', `/api/public/cases/${code}/me-too`, undefined, { deviceId: 'device-0001-abcdefgh' });
    expect(res.body).toMatchObject({ meTooCount: 1, canMeToo: true });
  });

  it('assists, urges, escalates, and handles extension requests', async () => {
    const code = await report('井盖缺失', 'municipal.manhole');
    await call(env.app, 'POST', `/api/cases/${code}/actions/accept`, c['v.op'], {});
    await call(env.app, 'POST', `/api/cases/${code}/actions/dispatch`, c['t.op'], { departmentId: depts.housing });
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/assist`, c['t.op'], { departmentId: depts.market })).status).toBe(200);
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/urge`, c['c.leader'], { note: '尽快' })).status).toBe(200);
    await call(env.app, 'POST', `/api/cases/${code}/actions/start`, c['d.handler'], {});
    await call(env.app, 'POST', `/api/cases/${code}/actions/extendRequest`, c['d.handler'], { minutes: 2880, reason: '等待材料' });
    const before = (await call(env.app, 'GET', `/api/cases/${code}`, c['t.op'])).body;
    expect(before.allowedActions).toContain('extendDecide');
    const due = (before.clocks as { kind: string; dueAt: string }[]).find((k) => k.kind === 'total')!.dueAt;
    await call(env.app, 'POST', `/api/cases/${code}/actions/extendDecide`, c['t.op'], { approve: true });
    const after = (await call(env.app, 'GET', `/api/cases/${code}`, c['t.op'])).body;
    expect(new Date((after.clocks as { kind: string; dueAt: string }[]).find((k) => k.kind === 'total')!.dueAt).getTime()).toBeGreaterThan(new Date(due).getTime());
    expect((await call(env.app, 'POST', `/api/cases/${code}/actions/escalate`, c['t.op'], { reason: '需县级协调' })).status).toBe(200);
    const esc = (await call(env.app, 'GET', `/api/cases/${code}`, c['c.leader'])).body;
    expect(esc).toMatchObject({ unitLevel: 'county', status: 'in_progress' });
    expect((esc.timeline as { type: string }[]).map((e) => e.type)).toEqual(['submit', 'accept', 'dispatch', 'assist', 'urge', 'start', 'extendRequest', 'extendDecide', 'escalate']);
  });

  it('sends an alarm straight to the county centre with top priority', async () => {
    const res = await call(env.app, 'POST', '/api/cases', c['w.worker'], { channel: 'alarm', categoryId: 'publicOrder.hazard', description: '有人持刀闹事', lat: 37.05, lng: 101.05 });
    expect(res.status).toBe(201);
    const d = (await call(env.app, 'GET', `/api/cases/${res.body.code}`, c['c.leader'])).body;
    expect(d).toMatchObject({ urgency: 'top', unitLevel: 'county', tier: 'hard', isPublic: false });
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const count = async () => (await env.ctx.database.query<{ n: number }>('SELECT count(*)::int AS n FROM cases'))[0]!.n;
    const n = await count();
    const bad = [
      [{ categoryId: 'no.such', description: 'x', lat: 37.05, lng: 101.05 }, 'body.categoryId'],
      [{ categoryId: 'municipal.road', description: 'x', lat: 30, lng: 90 }, 'body.lat'],
      [{ categoryId: 'municipal.road', description: 'x' }, 'body.lat'],
      [{ categoryId: 'municipal.road', description: 'x', lat: 37.05, lng: 101.05, phone: '12345' }, 'body.phone'],
      [{ categoryId: 'dispute', description: '家里吵架', lat: 37.05, lng: 101.05 }, 'body.categoryId'],
      [{ categoryId: 'municipal.road', description: '', lat: 37.05, lng: 101.05 }, 'body.description'],
    ] as const;
    for (const [body, path] of bad) {
      const r = await call(env.app, 'POST', '/api/public/cases', undefined, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.body.error as { details: { path: string }[] }).details[0]!.path).toBe(path);
    }
    const fake = await upload(env.app, '/api/public/uploads', new TextEncoder().encode('<html><script>alert(1)</script></html>'), undefined, 'photo.jpg');
    expect(fake.status).toBe(422);
    expect(fake.body.error.code).toBe('UPLOAD_REJECTED');
    expect(await count()).toBe(n);
  });
});
