/**
 * Disputes through HTTP on a real database: every way in (walk-in, screening, a case in one click, a petition,
 * the resident's online application), the 民转刑 alarm, assignment and the pool's load, sessions with their record,
 * outcomes (agreement, failure, referral with the court's answer), the audited reveal, need-to-know, and the
 * public follow-up without personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, fixture, type TestEnv } from '../../test/harness.ts';
import { disputeWorld, neighbours } from '../../test/dispute-builders.ts';
import { deliverDue } from '../outbox/outbox.service.ts';
import { createCase } from '../cases/case-intake.service.ts';
import { registerPetition } from '../petitions/petition-register.service.ts';
import { systemActor } from '../../lib/actor.ts';
import { storeUpload } from '../uploads/uploads.service.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { DisputeCard, DisputeTracking } from '../../../core/schemas/disputes.response.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof disputeWorld>>;

beforeAll(async () => {
  env = await createTestEnv();
  w = await disputeWorld(env);
}, 60_000);
afterAll(async () => env?.close());

const auditOf = (code: string) => env.ctx.database.query<{ action: string; detail: Record<string, unknown> }>('SELECT action, detail FROM audit_log WHERE object_id = $1 ORDER BY id', [code]);

describe('registering disputes', () => {
  it('stores parties encrypted and masked, files the dispute with the village committee, and audits the registration', async () => {
    const { code, committee, status } = await w.register('op.a');
    expect(code).toMatch(/^632221-M[0-9A-Z]{7}$/);
    expect(status).toBe('registered');
    expect(committee).toBe('A村人民调解委员会');
    const card = await w.card('med.head', code);
    // The card is exactly the shape the web is built against.
    expect(DisputeCard.strict().safeParse(card).error).toBeUndefined();
    expect(card.parties.map((p: { name: string }) => p.name)).toEqual(['马**', '韩**']);
    expect(card.parties[0]).toMatchObject({ idNumber: '632221********001' + neighbours()[0]!.idNumber!.slice(-1), phone: '139****2222', address: '***' });
    expect(card.parties[1].agent).toMatchObject({ name: '韩**', phone: '139****4444', relation: '儿子' });
    expect(JSON.stringify(card)).not.toContain('马福海');
    const [row] = await env.ctx.database.query<{ name_enc: string }>('SELECT name_enc FROM dispute_parties WHERE name_mask = $1', ['马**']);
    expect(row!.name_enc).not.toContain('马福海');
    expect((await auditOf(code)).map((a) => a.action)).toEqual(['dispute.register']);
  });

  it('refuses a dispute without both sides, a bad ID number, or a village outside the scope, naming the field', async () => {
    const one = await w.as('op.a', 'POST', '/api/disputes', { source: 'walk_in', category: 'neighbour', facts: '吵架', villageCode: fixture.villageA, parties: [neighbours()[0], { ...neighbours()[0], name: '另一个申请人' }] });
    expect(one.status).toBe(400);
    const badId = await w.as('op.a', 'POST', '/api/disputes', { source: 'walk_in', category: 'neighbour', facts: '吵架', villageCode: fixture.villageA, parties: [{ ...neighbours()[0], idNumber: '632221197003150019' }, neighbours()[1]] });
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body)).toContain('body.parties.0.idNumber');
    const outside = await w.as('op.a', 'POST', '/api/disputes', { source: 'walk_in', category: 'neighbour', facts: '吵架', villageCode: fixture.villageB, parties: neighbours() });
    expect(outside.status).toBe(400);
  });

  it('makes a dispute with a 民转刑 risk urgent and tells the township and county leaders at once', async () => {
    const { code, urgent } = await w.register('gw.a', { source: 'screening', escalationRisk: true, facts: '两户因草场边界多次争吵，一方扬言持械报复' });
    expect(urgent).toBe(true);
    await deliverDue(env.ctx);
    for (const leader of ['leader.t', 'leader.county']) {
      const notes = (await w.as(leader, 'GET', '/api/notifications')).body;
      expect(JSON.stringify(notes), leader).toContain(`矛盾纠纷 ${code} 有民转刑风险`);
    }
    const urgentBox = (await w.as('med.head', 'GET', '/api/disputes?box=urgent')).body;
    expect(urgentBox.items.map((i: { code: string }) => i.code)).toContain(code);
  });

  it('lets a grid worker read the disputes they registered and no other (need-to-know)', async () => {
    const { code } = await w.register('gw.a', { source: 'screening' });
    expect((await w.as('gw.a', 'GET', `/api/disputes/${code}`)).status).toBe(200);
    expect((await w.as('gw.a2', 'GET', `/api/disputes/${code}`)).status).toBe(404);
    const list = (await w.as('gw.a2', 'GET', '/api/disputes')).body;
    expect(list.items.map((i: { code: string }) => i.code)).not.toContain(code);
  });

  it('turns a case of a dispute category into a dispute in one click, once, with its place and text', async () => {
    const root = systemActor(fixture.province, 'test');
    const c = await createCase(env.ctx, root, { channel: 'patrol', categoryId: 'dispute.neighbour', description: '邻居因排水沟堵塞争吵', lat: 37.05, lng: 101.05, uploadIds: [] });
    const res = await w.as('op.a', 'POST', `/api/cases/${c.code}/dispute`, { parties: neighbours() }, { 'idempotency-key': 'case-to-dispute-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const card = await w.card('op.a', res.body.code);
    expect(card).toMatchObject({ source: 'case', category: 'neighbour', factsFull: '邻居因排水沟堵塞争吵', villageCode: fixture.villageA, links: [{ type: 'case', code: c.code }] });
    expect(card.gridCode).toBe(`${fixture.villageA}001`);
    // A double click with the same key answers the same dispute; another try names the first.
    const again = await w.as('op.a', 'POST', `/api/cases/${c.code}/dispute`, { parties: neighbours() }, { 'idempotency-key': 'case-to-dispute-1' });
    expect(again.body.code).toBe(res.body.code);
    const twice = await w.as('op.a', 'POST', `/api/cases/${c.code}/dispute`, { parties: neighbours() });
    expect(twice.status).toBe(409);
    expect(JSON.stringify(twice.body)).toContain(res.body.code);
    // The case card names the dispute (no second referral offered) and its timeline says 转人民调解 → code, audited with the case.
    const caseCard = (await w.as('op.a', 'GET', `/api/cases/${c.code}`)).body;
    expect(caseCard).toMatchObject({ disputeCodes: [res.body.code], disputesHidden: 0, canMakeDispute: false });
    // A grid worker of the village reads only the disputes they registered: the card counts this one without its code.
    const workers = (await w.as('gw.a', 'GET', `/api/cases/${c.code}`)).body;
    expect(workers).toMatchObject({ disputeCodes: [], disputesHidden: 1, canMakeDispute: false });
    expect(caseCard.timeline.filter((e: { type: string }) => e.type === 'toDispute')).toMatchObject([{ reason: res.body.code, data: { disputeCode: res.body.code } }]);
    expect((await auditOf(c.code)).filter((a) => a.action === 'case.toDispute')).toEqual([{ action: 'case.toDispute', detail: { disputeCode: res.body.code } }]);
  });

  it('refuses a case of another category without a dispute category, and takes one when given', async () => {
    const root = systemActor(fixture.province, 'test');
    const c = await createCase(env.ctx, root, { channel: 'patrol', categoryId: 'municipal.road', description: '占道堆放柴草引发争执', lat: 37.05, lng: 101.05, uploadIds: [] });
    const none = await w.as('op.a', 'POST', `/api/cases/${c.code}/dispute`, { parties: neighbours() });
    expect(none.status).toBe(400);
    expect((await w.as('op.a', 'GET', `/api/cases/${c.code}`)).body.timeline.some((e: { type: string }) => e.type === 'toDispute')).toBe(false);
    const res = await w.as('op.a', 'POST', `/api/cases/${c.code}/dispute`, { category: 'neighbour', parties: neighbours() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await w.card('op.a', res.body.code)).category).toBe('neighbour');
  });

  it('sends a petition to mediation (诉访分离), linking both', async () => {
    const root = systemActor(fixture.province, 'test');
    const p = await registerPetition(env.ctx, root, { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: '邻居占道堆放柴草引发争执', villageCode: fixture.villageA, skippedLevel: false, uploadIds: [], petitioners: [{ name: '信访人', phone: '13900005555', representative: false }] });
    const res = await w.as('po.county', 'POST', `/api/petitions/${p.code}/dispute`, { category: 'neighbour', parties: neighbours() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await w.card('med.head', res.body.code)).links).toEqual([{ type: 'petition', code: p.code }]);
    // The petition card names the dispute and its timeline holds the step.
    const pCard = (await w.as('po.county', 'GET', `/api/petitions/${p.code}`)).body;
    expect(pCard).toMatchObject({ disputeCodes: [res.body.code], disputesHidden: 0, canMakeDispute: false });
    expect(pCard.timeline.filter((e: { type: string }) => e.type === 'toDispute')).toMatchObject([{ reason: res.body.code }]);
    expect((await auditOf(p.code)).map((a) => a.action)).toContain('petition.toDispute');
    // Without a category nothing is guessed; a mediator (no petition:read) does not see the petition at all.
    expect((await w.as('po.county', 'POST', `/api/petitions/${p.code}/dispute`, { parties: neighbours() })).status).toBe(400);
    expect((await w.as('med.a', 'POST', `/api/petitions/${p.code}/dispute`, { category: 'neighbour', parties: neighbours() })).status).toBe(404);
  });
});

describe('the resident\'s online application', () => {
  it('answers a code and a key, replays the same answer for the same Idempotency-Key, and follows by code without personal data', async () => {
    const body = { category: 'labour', facts: '在村里工地打工三个月工资未结清', claims: '结清工资8000元', villageCode: fixture.villageA, name: '拉毛措', phone: '13911112222', otherParty: { name: '某建筑队', kind: 'organisation' } };
    const res = await env.app.inject({ method: 'POST', url: '/api/public/disputes', payload: body, headers: { 'idempotency-key': 'apply-key-1' } });
    expect(res.statusCode, res.body).toBe(201);
    const answer = res.json();
    expect(answer.code).toMatch(/^632221-M/);
    expect(answer.applicantKey).toBeTruthy();
    const replay = await env.app.inject({ method: 'POST', url: '/api/public/disputes', payload: body, headers: { 'idempotency-key': 'apply-key-1' } });
    expect(replay.json()).toEqual(answer);
    const track = await env.app.inject({ method: 'GET', url: `/api/public/disputes/${answer.code}` });
    expect(track.statusCode).toBe(200);
    expect(DisputeTracking.strict().safeParse(track.json()).error).toBeUndefined();
    expect(track.json()).toMatchObject({ code: answer.code, stage: 'registered', committeeName: 'A村人民调解委员会', timeline: [{ type: 'register' }] });
    for (const secret of ['拉毛措', '13911112222', '1111', '8000', '工资']) expect(track.body).not.toContain(secret);
    expect((await env.app.inject({ method: 'GET', url: '/api/public/disputes/632221-M0000000' })).statusCode).toBe(404);
    const card = await w.card('med.head', answer.code);
    expect(card.source).toBe('online');
    expect(card.parties.map((p: { name: string }) => p.name)).toEqual(['拉**', '某建筑队']);
  });
});

describe('mediating', () => {
  it('assigns from the pool (load counted), holds a session with its record and signatures, and reaches an agreement', async () => {
    const loadOf = async () => ((await w.as('med.head', 'GET', '/api/mediators?language=bo')).body.items as { id: string; openDisputes: number; awards: string[] }[]).find((m) => m.id === w.mediators.tibetan)!;
    const before = await loadOf();
    expect(before.awards).toEqual(['全国模范人民调解员']);
    const code = await w.mediating();
    expect((await loadOf()).openDisputes).toBe(before.openDisputes + 1);
    // Only the committee assigns: the mediator herself may read it but not assign.
    const { code: other } = await w.register();
    expect((await w.act('med.a', other, 'assign', { mediatorIds: [w.mediators.tibetan] })).status).toBe(409);
    // …and only mediators of this committee; the parties may choose one from another.
    expect((await w.act('med.head', other, 'assign', { mediatorIds: [w.mediators.township] })).status).toBe(400);
    expect((await w.act('med.head', other, 'choose', { mediatorIds: [w.mediators.township] })).status).toBe(200);
    // The register names each dispute's mediators (the workbench's 调解员 column); none before one is appointed.
    const { code: waiting } = await w.register();
    const rows = (await w.as('med.head', 'GET', '/api/disputes?box=all&pageSize=100')).body.items as { code: string; mediators: string[] }[];
    expect(Object.fromEntries(rows.filter((r) => [code, other, waiting].includes(r.code)).map((r) => [r.code, r.mediators]))).toEqual({ [code]: ['才让当知'], [other]: ['镇调解员'], [waiting]: [] });

    const today = new Date(env.clock.now().getTime() + 3600_000).toISOString();
    const s = await w.act('med.a', code, 'scheduleSession', { at: today, roomId: w.room });
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const todays = (await w.as('med.a', 'GET', '/api/disputes?box=sessionsToday')).body;
    expect(todays.items.map((i: { code: string }) => i.code)).toContain(code);
    expect((await w.as('med.a', 'GET', '/api/disputes?box=mine')).body.items.map((i: { code: string }) => i.code)).toContain(code);
    let card = await w.card('med.a', code);
    const sessionId = card.sessions[0].id;
    const partyIds = card.parties.map((p: { id: string }) => p.id);
    const rec = await w.act('med.a', code, 'recordSession', { sessionId, partyIds, othersCount: 1, record: '申请人称围墙越界30厘米；被申请人同意按老界石重砌。', signedPartyIds: partyIds, signedMediatorIds: [w.mediators.tibetan] });
    expect(rec.status, JSON.stringify(rec.body)).toBe(200);
    card = await w.card('med.a', code);
    expect(card.sessions[0]).toMatchObject({ room: '365调解室', record: '申请人称围墙越界30厘米；被申请人同意按老界石重砌。', signedPartyIds: partyIds, mediatorIds: [w.mediators.tibetan] });
    // The record is stored encrypted, and only those who take part read it.
    const [row] = await env.ctx.database.query<{ record_enc: string }>('SELECT record_enc FROM mediation_sessions WHERE id = $1', [sessionId]);
    expect(row!.record_enc).not.toContain('围墙');
    expect((await w.card('med.t', code)).sessions[0]).toMatchObject({ hasRecord: true, record: null });

    const agreed = await w.act('med.a', code, 'recordAgreement', { form: 'written', terms: '被申请人于2026年3月20日前按老界石位置重砌围墙，费用自理。', responsibility: '被申请人越界砌墙，负全部责任。', items: [{ content: '被申请人按老界石位置重砌围墙。', manner: '自行施工，费用自理', deadline: '2026-03-20' }] });
    expect(agreed.body.status).toBe('agreed');
    card = await w.card('med.a', code);
    expect(card.outcome.agreement).toMatchObject({ form: 'written', terms: expect.stringContaining('老界石') });
    expect(card.clocks.find((c: { kind: string }) => c.kind === 'mediate_by').state).toBe('met');
    // The file lacks the parties' identity proofs: closing is refused naming it, then allowed once filed.
    const refused = await w.act('med.a', code, 'close', {});
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('卷宗材料不全，不能结案：缺当事人身份证明');
    const upload = await storeUpload(env.ctx, tinyPng(), { userId: w.users['med.a']! });
    expect((await w.act('med.a', code, 'fileDocuments', { kind: 'identity', uploadIds: [upload.id], title: '双方身份证复印件' })).status).toBe(200);
    // …and a written agreement not yet signed by all has not taken effect: the file stays open until it has.
    const unsigned = await w.act('med.a', code, 'close', {});
    expect(JSON.stringify(unsigned.body)).toContain('调解协议尚未经各方签名、盖章生效');
    for (const signer of [...partyIds, 'mediator']) expect((await w.act('med.a', code, 'sign', { signer, method: 'screen' })).status).toBe(200);
    expect((await w.act('med.head', code, 'sign', { signer: 'committee', method: 'seal' })).status).toBe(200);
    expect((await w.act('med.a', code, 'close', {})).body.status).toBe('closed');
    expect((await loadOf()).openDisputes).toBe(before.openDisputes);
  });

  it('records a failure with the routes told, refers it to court and records the court\'s answer in the timeline', async () => {
    const code = await w.mediating();
    const told = env.clock.now().toISOString();
    expect((await w.act('med.a', code, 'recordFailure', { reason: '双方对赔偿数额分歧过大', routesTold: '告知可向县人民法院提起诉讼', toldAt: told })).body.status).toBe('failed');
    const ref = await w.act('med.head', code, 'refer', { to: 'court', receiver: '门源县人民法院', reason: '诉调对接' });
    expect(ref.body.status).toBe('referred');
    // Not closed before the court answers.
    expect(ref.body.allowedActions).not.toContain('close');
    expect((await w.act('med.head', code, 'close', {})).status).toBe(409);
    const card0 = await w.card('med.head', code);
    expect(card0.clocks.find((c: { kind: string }) => c.kind === 'referral_answer').state).toBe('open');
    const ans = await w.act('med.head', code, 'recordReferralAnswer', { answer: 'accepted', text: '已立案受理', answeredAt: told });
    expect(ans.status, JSON.stringify(ans.body)).toBe(200);
    const card = await w.card('med.head', code);
    expect(card.outcome).toMatchObject({ failure: { routesTold: '告知可向县人民法院提起诉讼', toldAt: told }, referral: { to: 'court', receiver: '门源县人民法院', answer: '已接收：已立案受理' } });
    expect(card.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['recordFailure', 'refer', 'recordReferralAnswer']));
    expect(card.clocks.find((c: { kind: string }) => c.kind === 'referral_answer').state).toBe('met');
    expect((await w.act('med.head', code, 'close', {})).body.status).toBe('closed');
  });

  it('reveals the parties in full only to the dispute\'s mediators and committee, with the reason audited', async () => {
    const code = await w.mediating();
    const none = await w.as('med.a', 'POST', `/api/disputes/${code}/parties/reveal`, {});
    expect(none.status).toBe(400);
    const res = await w.as('med.a', 'POST', `/api/disputes/${code}/parties/reveal`, { reason: '电话约定调解时间' });
    expect(res.status).toBe(200);
    expect(res.body.map((p: { name: string }) => p.name)).toEqual(['马福海', '韩德胜']);
    expect(res.body[1].agent.phone).toBe('13900004444');
    const rows = await auditOf(code);
    expect(rows.at(-1)).toMatchObject({ action: 'dispute.revealParties', detail: { reason: '电话约定调解时间', count: 2 } });
    // The township's mediator reads the card (in scope) but does not mediate it; a grid worker has no right to reveal.
    expect((await w.as('med.t', 'POST', `/api/disputes/${code}/parties/reveal`, { reason: '查看' })).status).toBe(403);
    expect((await w.as('gw.a', 'POST', `/api/disputes/${code}/parties/reveal`, { reason: '查看' })).status).toBe(403);
  });

  it('records one step for a double click: the same Idempotency-Key replays the first answer', async () => {
    const code = await w.mediating();
    const at = new Date(env.clock.now().getTime() + 86_400_000).toISOString();
    const send = () => w.as('med.a', 'POST', `/api/disputes/${code}/actions/scheduleSession`, { at, place: '村委会会议室' }, { 'idempotency-key': `schedule-${code}` });
    // A retry after the answer replays it; a copy sent while the first is in flight is refused (409), never run.
    const both = await Promise.all([send(), send()]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const b = await send();
    expect(b.status).toBe(200);
    expect(b.headers['idempotent-replay']).toBe('true');
    expect(b.body).toEqual(both.find((r) => r.status === 200)!.body);
    const card = await w.card('med.a', code);
    expect(card.sessions).toHaveLength(1);
    expect(card.timeline.filter((e: { type: string }) => e.type === 'scheduleSession')).toHaveLength(1);
  });

  it('transfers a dispute to the township committee, whose head then assigns it', async () => {
    const { code } = await w.register();
    const t = await w.act('med.head', code, 'transfer', { committeeId: w.committees.township, reason: '涉及跨村边界' });
    expect(t.body.status).toBe('registered');
    const card = await w.card('med.t', code);
    expect(card.committee.name).toBe('A镇人民调解委员会');
    expect(card.allowedActions).toContain('assign');
    expect((await w.act('med.t', code, 'assign', { mediatorIds: [w.mediators.township] })).body.status).toBe('assigned');
  });
});

describe('the mediation organisation', () => {
  it('lets an administrator add a committee, a room named after a mediator and a mediator, audited; others may not', async () => {
    const c = await w.as('leader.t', 'POST', '/api/mediation/committees', { level: 'village', regionCode: fixture.villageA, name: 'A村第二调委会' });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    const room = await w.as('leader.t', 'POST', '/api/mediation/rooms', { committeeId: c.body.id, name: '才让当知人民调解室', mode: 'onsite', namedAfter: '才让当知' });
    expect(room.status).toBe(201);
    const m = await w.as('leader.t', 'POST', '/api/mediators', { committeeId: c.body.id, name: '多杰', languages: ['bo', 'zh'], skills: ['草场纠纷'] });
    expect(m.status).toBe(201);
    expect((await w.as('leader.t', 'PATCH', `/api/mediators/${m.body.id}`, { awards: ['调解能手'] })).status).toBe(200);
    expect((await w.as('leader.t', 'POST', '/api/mediation/committees', { level: 'township', regionCode: fixture.villageA, name: '错层级' })).status).toBe(400);
    expect((await w.as('med.a', 'POST', '/api/mediation/committees', { level: 'village', regionCode: fixture.villageA, name: 'x' })).status).toBe(403);
    const rooms = (await w.as('med.a', 'GET', '/api/mediation/rooms')).body.items;
    expect(rooms.find((r: { name: string }) => r.name === '才让当知人民调解室')).toMatchObject({ mode: 'onsite', namedAfter: '才让当知' });
    const actions = await env.ctx.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'mediat%' AND actor_id = $1`, [w.users['leader.t']]);
    expect(actions.map((a) => a.action)).toEqual(['mediationCommittee.save', 'mediationRoom.save', 'mediator.save', 'mediator.save']);
  });

  it('finds the account to link a mediator to by name, within the administrator\'s scope, naming the record it already links', async () => {
    const found = await w.as('leader.t', 'GET', '/api/mediation/accounts?q=med');
    expect(found.status).toBe(200);
    const items = found.body.items as { username: string; role: string; scopeName: string; linkedMediator: string | null }[];
    // The township leader sees the village's and the township's mediator accounts, mediators first, with their records.
    expect(Object.fromEntries(items.map((a) => [a.username, a.linkedMediator]))).toEqual({ 'med.head': '马主任', 'med.a': '才让当知', 'med.t': '镇调解员' });
    expect(items.every((a) => a.role === 'mediator' && !/^\d+$/.test(a.scopeName))).toBe(true);
    // A mediator record links to that account once found.
    const m = await w.as('leader.t', 'POST', '/api/mediators', { committeeId: w.committees.village, name: '网格员兼调解员', userId: w.users['gw.a'] });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    const gw = (await w.as('leader.t', 'GET', '/api/mediation/accounts?q=gw.a')).body.items as { username: string; linkedMediator: string | null }[];
    expect(gw.find((a) => a.username === 'gw.a')?.linkedMediator).toBe('网格员兼调解员');
    // Only administrators look accounts up.
    expect((await w.as('med.a', 'GET', '/api/mediation/accounts?q=med')).status).toBe(403);
  });
});
