/**
 * A letter through the register end to end over HTTP: registered with its scan, transferred to a department,
 * accepted there with a notice (PDF stored, SM3 audited, listed on the card), served by post, answered, rated by
 * the petitioner on the tracking page — and the public side shows no personal data; the card masks petitioners
 * until an audited reveal; another county's officer, or a department it was not sent to, gets 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, makeUser, login, upload, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { petitionWorld } from '../../test/petition-builders.ts';
import { deliverDue } from '../outbox/outbox.service.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof petitionWorld>>;

beforeAll(async () => {
  env = await createTestEnv();
  w = await petitionWorld(env);
}, 60_000);
afterAll(async () => env?.close());

describe('a petition from letter to rating', () => {
  it('registers a letter with its scan, transfers, accepts with a stored notice, serves by post, answers, and is rated with the key the SMS carried', async () => {
    const po = w.cookies['petition.county'];
    const scan = await upload(env.app, '/api/uploads', tinyPng(), po, 'letter.png');
    expect(scan.status, JSON.stringify(scan.body)).toBe(201);
    const reg = await call(env.app, 'POST', '/api/petitions', po, {
      channel: 'letter', kind: 'complaint', categoryId: 'municipal.road', matter: '团结村村道塌陷', villageCode: fixture.villageA, skippedLevel: true,
      petitioners: [{ name: '赵六', phone: '13900003333' }], letterUploadIds: [scan.body.id],
    });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const code = reg.body.code as string;
    expect(code).toMatch(/^632221-X[0-9A-Z]{7}$/);
    let card = await w.card('petition.county', code);
    expect(card.attachments).toEqual([expect.objectContaining({ role: 'letter' })]);
    expect(card.petitioners[0]).toMatchObject({ name: '赵*', phone: '139****3333' });
    expect(JSON.stringify(card)).not.toContain('13900003333');
    expect(card.allowedActions).toEqual(expect.arrayContaining(['transfer', 'assign', 'accept', 'notAccept']));
    expect(card.skippedLevel).toBe(true);

    // Nobody else sees it yet: a department it was not sent to, a leader of another township.
    expect((await call(env.app, 'GET', `/api/petitions/${code}`, w.cookies['handler.housing'])).status).toBe(404);

    expect((await w.act('petition.county', code, 'transfer', { to: { departmentId: w.depts.housing } })).status).toBe(200);
    expect((await w.card('handler.housing', code)).allowedActions).toEqual(expect.arrayContaining(['accept', 'object', 'notAccept']));
    expect((await call(env.app, 'GET', `/api/petitions/${code}`, w.cookies['handler.market'])).status).toBe(404);
    const inbox = await call(env.app, 'GET', '/api/petitions?box=inbox', w.cookies['handler.housing']);
    expect(inbox.body.items.map((i: { code: string }) => i.code)).toContain(code);

    const accepted = await w.act('handler.housing', code, 'accept', { procedure: '现场核查后依法处理' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.documentId).toBeTruthy();
    card = await w.card('handler.housing', code);
    const notice = card.documents.find((d: { template: string }) => d.template === 'petition.acceptance_notice');
    expect(notice).toMatchObject({ url: `/api/documents/${accepted.body.documentId}/file` });
    expect(notice.sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(card.toServe).toBe(true);
    // The SM3 of the stored bytes is in the audit chain, on the acceptance's own row too.
    const rows = await env.ctx.database.query<{ action: string; detail: { sm3?: string } }>(`SELECT action, detail FROM audit_log WHERE object_id = $1 OR action = 'document.create' ORDER BY id`, [code]);
    expect(rows.filter((r) => r.detail?.sm3 === notice.sm3).map((r) => r.action)).toEqual(expect.arrayContaining(['document.create', 'petition.accept']));
    const file = await call(env.app, 'GET', notice.url, w.cookies['handler.housing']);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-type'])).toContain('application/pdf');

    const served = await w.act('petition.county', code, 'serve', { method: 'post', trackingNo: 'XA000000001CN', servedAt: env.clock.now().toISOString() });
    expect(served.status, JSON.stringify(served.body)).toBe(200);
    card = await w.card('petition.county', code);
    expect(card.toServe).toBe(false);
    expect(card.documents.find((d: { template: string }) => d.template === 'petition.acceptance_notice').services).toEqual([expect.objectContaining({ method: 'post', trackingNo: 'XA000000001CN' })]);

    // The public page knows no name, phone or reason, and no key means no rating.
    const pub = await call(env.app, 'GET', `/api/public/petitions/${code}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ code, stage: 'handling', bodyName: '县住房和城乡建设局', canRate: false, isPetitioner: false });
    for (const secret of ['赵六', '赵*', '13900003333', '139****3333', '现场核查后依法处理']) expect(JSON.stringify(pub.body)).not.toContain(secret);

    expect((await w.act('handler.housing', code, 'conclude', { facts: '村道塌陷属实', basis: '农村公路管理有关规定', decision: '列入本月维修计划' })).status).toBe(200);
    expect((await w.act('handler.housing', code, 'serve', { method: 'in_person', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    expect((await w.card('handler.housing', code)).status).toBe('replied');

    // The petitioner got the tracking link with their key by SMS at registration, and rates with it.
    await deliverDue(env.ctx);
    const link = env.sms.sent.find((m) => m.phone === '13900003333' && m.text.includes(`/track/${code}#k=`));
    expect(link, JSON.stringify(env.sms.sent)).toBeDefined();
    const key = link!.text.split('#k=')[1]!;
    expect(reg.body.petitionerKey).toBeUndefined();
    const rated = await call(env.app, 'POST', `/api/public/petitions/${code}/rating`, undefined, { rating: 'basically', key });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    expect(rated.body.rating).toBe('basically');
  }, 90_000);

  it('takes an online petition from the resident page, answers a key, and lets only that key rate, once, after a served reply', async () => {
    const res = await call(env.app, 'POST', '/api/public/petitions', undefined, { kind: 'complaint', categoryId: 'municipal.road', matter: '头塘村路灯不亮', villageCode: fixture.villageB, name: '孙七', phone: '13900004444' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { code, petitionerKey } = res.body as { code: string; petitionerKey: string };
    expect(petitionerKey).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const rate = (key: string) => call(env.app, 'POST', `/api/public/petitions/${code}/rating`, undefined, { rating: 'satisfied', key });
    expect((await rate(petitionerKey)).status).toBe(409); // nothing answered yet
    // The county office handles it itself: accept, answer, serve.
    expect((await w.act('petition.county', code, 'accept', {})).status).toBe(200);
    expect((await w.act('petition.county', code, 'serve', { method: 'sms_link', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    expect((await w.act('petition.county', code, 'conclude', { facts: '路灯线路老化', basis: '路灯管护办法', decision: '已更换' })).status).toBe(200);
    expect((await w.act('petition.county', code, 'serve', { method: 'sms_link', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    const track = await call(env.app, 'GET', `/api/public/petitions/${code}`, undefined, undefined, { 'x-petitioner-key': petitionerKey });
    expect(track.body).toMatchObject({ isPetitioner: true, canRate: true, stage: 'replied' });
    expect(track.body.reviewUntil).toBeTruthy();
    expect((await rate('wrong-key-wrong-key-00')).status).toBe(404);
    const ok = await rate(petitionerKey);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ rating: 'satisfied', canRate: false });
    expect((await rate(petitionerKey)).status).toBe(409);
    expect((await w.card('petition.county', code)).rating).toBe('satisfied');
  }, 60_000);

  it('reveals petitioners in full only with pii:view and a reason, in the audit chain; another township office sees nothing', async () => {
    const { code } = await w.register({ petitioners: [{ name: '周八', phone: '13900005555' }] });
    const bad = await call(env.app, 'POST', `/api/petitions/${code}/petitioners/reveal`, w.cookies['petition.county'], { reason: '' });
    expect(bad.status).toBe(400);
    const shown = await call(env.app, 'POST', `/api/petitions/${code}/petitioners/reveal`, w.cookies['petition.county'], { reason: '电话回访核实' });
    expect(shown.status).toBe(200);
    expect(shown.body[0]).toMatchObject({ name: '周八', phone: '13900005555' });
    const [row] = await env.ctx.database.query<{ detail: { reason: string } }>(`SELECT detail FROM audit_log WHERE action = 'petition.revealPetitioners' AND object_id = $1`, [code]);
    expect(row?.detail.reason).toBe('电话回访核实');
    expect((await call(env.app, 'POST', `/api/petitions/${code}/petitioners/reveal`, w.cookies['handler.housing'], { reason: '核实' })).status).toBe(403);
    await makeUser(env.ctx, 'petition.other', 'petitionOfficer', fixture.townshipB);
    const other = await login(env.app, 'petition.other');
    expect((await call(env.app, 'GET', `/api/petitions/${code}`, other)).status).toBe(404);
    expect((await call(env.app, 'GET', '/api/petitions', other)).body.items).toEqual([]);
  }, 60_000);
});
