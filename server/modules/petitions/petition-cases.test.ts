/**
 * Item 7 of issue 14 over HTTP: a petition becomes a case (matter, category, place, channel carried over; the
 * petitioner as reporter only when there is one and the user asks; linked both ways, a step on each timeline, each
 * side audited, a double click makes one case), and a case is sent to petitions through the register (repeat
 * detection, clocks and audit as for any registration; the reporter becomes the petitioner server-side). The case
 * card lists linked petitions its reader may read and only counts the others.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, type TestEnv } from '../../test/harness.ts';
import { petitionWorld } from '../../test/petition-builders.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof petitionWorld>>;

beforeAll(async () => {
  env = await createTestEnv();
  w = await petitionWorld(env);
}, 60_000);
afterAll(async () => env?.close());

const toCase = (who: string, code: string, body: object = {}, headers: Record<string, string> = {}) => call(env.app, 'POST', `/api/petitions/${code}/cases`, w.cookies[who], body, headers);
const caseCard = async (who: string, code: string) => {
  const res = await call(env.app, 'GET', `/api/cases/${code}`, w.cookies[who]);
  if (res.status !== 200) throw new Error(`case card: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};
const auditOf = (objectId: string) => env.ctx.database.query<{ action: string; object_type: string; detail: Record<string, unknown> }>(`SELECT action, object_type, detail FROM audit_log WHERE object_id = $1 ORDER BY id`, [objectId]);

describe('a petition becomes a case', () => {
  it('makes the case of the matter, category, place and channel, with the one petitioner as reporter when asked; links, timelines and audit on both sides', async () => {
    const { code } = await w.register({ channel: 'phone', matter: '团结村村口道路塌陷三个月无人修复', petitioners: [{ name: '赵六', phone: '13900006666' }] });
    const res = await toCase('petition.county', code, { petitionerAsReporter: true, note: '属地先行处置' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseCode = res.body.caseCode as string;
    expect(caseCode).toMatch(/^632221-[0-9A-Z]{8}$/);
    expect(res.body.caseCodes).toEqual([caseCode]);

    const c = await caseCard('petition.county', caseCode);
    expect(c).toMatchObject({ description: '团结村村口道路塌陷三个月无人修复', categoryId: 'municipal.road', villageCode: fixture.villageA, channel: 'phone', status: 'submitted', petitionCodes: [code], petitionsHidden: 0 });
    expect(c.reporter).toEqual({ name: '赵*', phone: '139****6666' });
    expect(JSON.stringify(c)).not.toContain('13900006666');
    expect(c.timeline.map((e: { type: string }) => e.type)).toEqual(['submit', 'fromPetition']);
    expect(c.timeline[1].reason).toBe(code);

    const p = await w.card('petition.county', code);
    expect(p.caseCodes).toEqual([caseCode]);
    expect(p.status).toBe('registered');
    expect(p.canMakeCase).toBe(true);
    expect(c.canSendToPetition).toBe(true);
    expect(p.timeline.find((e: { type: string }) => e.type === 'linkCase')).toMatchObject({ reason: '属地先行处置', data: { caseCode, made: true } });

    expect((await auditOf(code)).map((r) => r.action)).toEqual(['petition.register', 'petition.createCase']);
    expect((await auditOf(caseCode)).map((r) => [r.action, r.object_type])).toEqual([['case.create', 'case'], ['case.fromPetition', 'case']]);
    expect((await auditOf(caseCode))[1]!.detail).toEqual({ petitionCode: code });
  }, 60_000);

  it('gives the case no reporter unless asked, and refuses to make a petitioner of one of several', async () => {
    const { code } = await w.register({ petitioners: [{ name: '钱一', phone: '13900007771' }] });
    const res = await toCase('petition.county', code);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await caseCard('petition.county', res.body.caseCode)).reporter).toEqual({ name: null, phone: null });

    const two = await w.register({ channel: 'visit', peopleCount: 2, petitioners: [{ name: '钱二', phone: '13900007772' }, { name: '钱三', phone: '13900007773' }] });
    const refused = await toCase('petition.county', two.code, { petitionerAsReporter: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.petitionerAsReporter', code: 'not_one_petitioner' })]);
    expect((await w.card('petition.county', two.code)).caseCodes).toEqual([]);
  }, 60_000);

  it('asks for a case category when the petition\'s does not fit one, and takes the one picked', async () => {
    const { code } = await w.register({ categoryId: 'municipal' });
    const refused = await toCase('petition.county', code);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.categoryId', code: 'category_required' })]);
    const picked = await toCase('petition.county', code, { categoryId: 'municipal.streetlight' });
    expect(picked.status, JSON.stringify(picked.body)).toBe(201);
    expect((await caseCard('petition.county', picked.body.caseCode)).categoryId).toBe('municipal.streetlight');
  }, 60_000);

  it('makes one case for a double click (Idempotency-Key)', async () => {
    const { code } = await w.register();
    const key = { 'idempotency-key': 'petition-to-case-double-click' };
    const [a, b] = [await toCase('petition.county', code, {}, key), await toCase('petition.county', code, {}, key)];
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replay']).toBe('true');
    expect(b.body.caseCode).toBe(a.body.caseCode);
    expect((await w.card('petition.county', code)).caseCodes).toEqual([a.body.caseCode]);
  }, 60_000);

  it('lets the office and the body it was sent to act, not a reader who plays no part, nor a body it was not sent to; never an accusation', async () => {
    const { code } = await w.register();
    expect((await w.act('petition.county', code, 'transfer', { to: { departmentId: w.depts.housing } })).status).toBe(200);
    expect((await toCase('handler.market', code)).status).toBe(404);
    expect((await toCase('leader.county', code)).status).toBe(403);
    expect((await w.card('leader.county', code)).canMakeCase).toBe(false);
    await makeUser(env.ctx, 'petition.north', 'petitionOfficer', fixture.townshipB);
    w.cookies['petition.north'] = await login(env.app, 'petition.north');
    expect((await toCase('petition.north', code)).status).toBe(404);
    // The receiving body holds no case:create: the petition's own permission carries it.
    const byBody = await toCase('handler.housing', code);
    expect(byBody.status, JSON.stringify(byBody.body)).toBe(201);

    const accusation = await w.register({ kind: 'accusation' });
    expect((await toCase('petition.county', accusation.code)).status).toBe(409);
    expect((await w.card('petition.county', accusation.code)).canMakeCase).toBe(false);
  }, 60_000);
});

describe('a case is sent to petitions', () => {
  it('registers a petition of the case through the register (clocks, repeats, audit), the reporter as petitioner; the case stays open and names it', async () => {
    const first = await w.register({ matter: '头塘村供水管道破裂多日', petitioners: [{ name: '孙九', phone: '13900008888' }] });
    const made = await toCase('petition.county', first.code, { petitionerAsReporter: true });
    const caseCode = made.body.caseCode as string;

    const res = await call(env.app, 'POST', `/api/cases/${caseCode}/petition`, w.cookies['petition.county'], { concerns: '县水务局', note: '群众要求按信访程序答复' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const code = res.body.code as string;
    expect(code).toMatch(/^632221-X[0-9A-Z]{7}$/);
    expect(res.body.caseCode).toBe(caseCode);
    // Repeat detection ran: the same petitioner's earlier petition is suggested.
    expect(res.body.repeats.map((r: { code: string }) => r.code)).toContain(first.code);

    const p = await w.card('petition.county', code);
    expect(p).toMatchObject({ status: 'registered', kind: 'complaint', channel: 'phone', categoryId: 'municipal.road', matterFull: '头塘村供水管道破裂多日', concerns: '县水务局', villageCode: fixture.villageA, caseCodes: [caseCode] });
    expect(p.petitioners).toEqual([expect.objectContaining({ name: '孙*', phone: '139****8888' })]);
    expect(JSON.stringify(p)).not.toContain('13900008888');
    expect(p.clocks.map((k: { kind: string }) => k.kind)).toContain('transfer_by');

    const c = await caseCard('petition.county', caseCode);
    expect(c.status).toBe('submitted');
    expect([...c.petitionCodes].sort()).toEqual([first.code, code].sort());
    expect(c.timeline.at(-1)).toMatchObject({ type: 'toPetition', reason: code });
    expect((await auditOf(caseCode)).map((r) => r.action)).toContain('case.toPetition');
    expect((await auditOf(code)).map((r) => r.action)).toEqual(['petition.register']);
  }, 60_000);

  it('files a case without a reporter under 匿名, and refuses accounts without petition:register or that cannot read the case', async () => {
    const made = await toCase('petition.county', (await w.register()).code);
    const caseCode = made.body.caseCode as string;
    expect((await call(env.app, 'POST', `/api/cases/${caseCode}/petition`, w.cookies['handler.housing'], {})).status).toBe(403);
    expect((await call(env.app, 'POST', `/api/cases/${caseCode}/petition`, w.cookies['petition.a'], {})).status).toBe(404);
    const res = await call(env.app, 'POST', `/api/cases/${caseCode}/petition`, w.cookies['petition.county'], { kind: 'suggestion' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await w.card('petition.county', res.body.code)).petitioners).toEqual([expect.objectContaining({ name: '匿*' })]);
  }, 60_000);

  it('shows a case reader only the linked petitions they may read, and counts the rest', async () => {
    const made = await toCase('petition.county', (await w.register()).code);
    const c = await caseCard('handler.market', made.body.caseCode);
    expect(c.petitionCodes).toEqual([]);
    expect(c.petitionsHidden).toBe(1);
    expect(c.canSendToPetition).toBe(false);
  }, 60_000);
});
