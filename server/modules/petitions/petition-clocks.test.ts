/**
 * The acceptance list, on the fake clock (the fixture clock starts Monday 2026-03-02 09:00 CST): the
 * statutory clocks of a petition, counted as STANDARDS.md §7.2 says, through HTTP on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { dueOf, idOf, petitionWorld } from '../../test/petition-builders.ts';
import { sweepPetitionClocks } from './petition-sweep.service.ts';
import { deliverDue } from '../outbox/outbox.service.ts';
import { cstAt, advanceTo } from '../../test/china-clock.ts';

const DAY = 86_400_000;
let env: TestEnv;
let w: Awaited<ReturnType<typeof petitionWorld>>;

beforeAll(async () => {
  env = await createTestEnv();
  w = await petitionWorld(env);
}, 60_000);
afterAll(async () => env?.close());

const at = cstAt;
const until = (cst: string) => advanceTo(env.clock, cst);

async function transferred(): Promise<string> {
  const { code } = await w.register();
  const t = await w.act('petition.county', code, 'transfer', { to: { departmentId: w.depts.housing } });
  expect(t.status, JSON.stringify(t.body)).toBe(200);
  return code;
}

describe('petition clocks (fake clock)', () => {
  it('a transferred petition not notified by day 16 is overdue, and was warned before', async () => {
    // Transferred Monday 03-02: 15 days from the next day end with Tuesday 03-17; day 16 is 03-18.
    const code = await transferred();
    expect(dueOf(await w.card('handler.housing', code), 'notify_by')).toBe(new Date(at('2026-03-18T00:00:00')).toISOString());
    until('2026-03-15T09:00:00');
    await sweepPetitionClocks(env.ctx);
    let card = await w.card('handler.housing', code);
    expect(card.timeline.map((e: { type: string }) => e.type)).toContain('deadlineWarned');
    expect(card.isOverdue).toBe(false);
    const listed = async () => (await w.list('handler.housing', '?box=inbox')).items.find((i: { code: string }) => i.code === code);
    expect((await listed()).nextDueColour).toBe('yellow');
    until('2026-03-17T23:00:00');
    await sweepPetitionClocks(env.ctx);
    expect((await w.card('handler.housing', code)).isOverdue).toBe(false);
    until('2026-03-18T09:00:00');
    await sweepPetitionClocks(env.ctx);
    card = await w.card('handler.housing', code);
    expect(card.isOverdue).toBe(true);
    expect(card.clocks.find((c: { kind: string }) => c.kind === 'notify_by').state).toBe('breached');
    expect(card.timeline.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['deadlineBreached', 'urge']));
    expect((await listed()).nextDueColour).toBe('red');
    const overdueBox = await w.list('petition.county', '?box=overdue');
    expect(overdueBox.items.map((i: { code: string }) => i.code)).toContain(code);
  }, 60_000);

  it('an objection on the sixth working day across a weekend and a holiday is refused; on the fifth it is taken', async () => {
    await w.holiday('2026-03-23');
    // Transferred Thursday 03-19: working days Fri 20 (1), [Sat, Sun, holiday Mon 23], Tue 24 (2) … Fri 27 (5); Mon 30 is the sixth.
    until('2026-03-19T10:00:00');
    const late = await transferred();
    const onTime = await transferred();
    expect(dueOf(await w.card('handler.housing', late), 'objection_by')).toBe(new Date(at('2026-03-28T00:00:00')).toISOString());
    until('2026-03-27T17:00:00');
    const fifth = await w.act('handler.housing', onTime, 'object', { reason: '不属本部门职责' });
    expect(fifth.status, JSON.stringify(fifth.body)).toBe(200);
    expect(fifth.body.status).toBe('registered');
    until('2026-03-30T09:00:00');
    const sixth = await w.act('handler.housing', late, 'object', { reason: '不属本部门职责' });
    expect(sixth.status).toBe(400);
    expect(JSON.stringify(sixth.body)).toContain('异议期限已过');
    expect((await w.card('handler.housing', late)).status).toBe('transferred');
  }, 60_000);

  it('an extension without approval is refused, and with it moves the conclusion date by exactly 30 days', async () => {
    const code = await transferred();
    expect((await w.act('handler.housing', code, 'accept', { procedure: '调查核实后答复' })).status).toBe(200);
    const before = dueOf(await w.card('handler.housing', code), 'conclude_by');
    // Nothing to approve yet; the body cannot approve its own request; asking moves nothing.
    expect((await w.act('leader.county', code, 'approveExtension', {})).status).toBe(409);
    expect((await w.act('handler.housing', code, 'requestExtension', { days: 30, reason: '需现场勘测' })).status).toBe(200);
    expect((await w.act('handler.housing', code, 'approveExtension', {})).status).toBe(409);
    expect(dueOf(await w.card('handler.housing', code), 'conclude_by')).toBe(before);
    const ok = await w.act('leader.county', code, 'approveExtension', { note: '同意' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const card = await w.card('handler.housing', code);
    expect(new Date(dueOf(card, 'conclude_by')).getTime() - new Date(before).getTime()).toBe(30 * DAY);
    expect(card.extension).toMatchObject({ days: 30, reason: '需现场勘测', approvedBy: 'leader.county' });
    // The petitioner is told why.
    await deliverDue(env.ctx);
    expect(env.sms.sent.some((m) => m.phone === '13900001111' && m.text.includes('需现场勘测') && m.text.includes('延长30日'))).toBe(true);
    // Only once.
    expect((await w.act('handler.housing', code, 'requestExtension', { days: 5, reason: '再延' })).status).toBe(409);
  }, 60_000);

  it('a review request 31 days after service is refused with a reason naming the window; on day 30 it is taken', async () => {
    const replied = async () => {
      const code = await transferred();
      expect((await w.act('handler.housing', code, 'accept', {})).status).toBe(200);
      expect((await w.act('handler.housing', code, 'serve', { method: 'in_person', servedAt: env.clock.now().toISOString() })).status).toBe(200);
      const c = await w.act('handler.housing', code, 'conclude', { facts: '经查道路确有塌陷', basis: '公路养护有关规定', decision: '30日内修复' });
      expect(c.status, JSON.stringify(c.body)).toBe(200);
      return code;
    };
    until('2026-04-01T10:00:00');
    const late = await replied();
    const onTime = await replied();
    // Served Wednesday 04-01 by post: the window's 30 days run 04-02 … 05-01 (a Friday).
    for (const code of [late, onTime]) expect((await w.act('petition.county', code, 'serve', { method: 'post', trackingNo: 'XA123456789CN', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    expect(dueOf(await w.card('petition.county', late), 'review_window')).toBe(new Date(at('2026-05-02T00:00:00')).toISOString());
    // The workbench row carries the petitioner's window apart from the bodies' clocks (it never makes a petition late).
    const row = (await w.list('petition.county', '?status=replied')).items.find((i: { code: string }) => i.code === late);
    expect(row).toMatchObject({ windowDueAt: new Date(at('2026-05-02T00:00:00')).toISOString(), nextDueAt: null, isOverdue: false });
    until('2026-05-01T15:00:00');
    const ok = await w.act('petition.county', onTime, 'requestReview', { to: { regionCode: '632221000000' }, reason: '对答复不服' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    until('2026-05-02T10:00:00');
    const refused = await w.act('petition.county', late, 'requestReview', { to: { regionCode: '632221000000' }, reason: '对答复不服' });
    expect(refused.status).toBe(400);
    const message = JSON.stringify(refused.body);
    expect(message).toContain('复查申请期限已过');
    expect(message).toContain('送达之日起30日内');
  }, 90_000);

  it('a hearing of N days moves the 复核 reply date by N days; the same facts after the final stage are flagged 不再受理', async () => {
    const idNumber = idOf('63222119800101123');
    const { code } = await w.register({ petitioners: [{ name: '王五', idNumber, phone: '13900002222' }], matter: '征收我家承包地的补偿款至今没有发放到位，要求落实补偿' });
    expect((await w.act('petition.county', code, 'transfer', { to: { departmentId: w.depts.housing } })).status).toBe(200);
    expect((await w.act('handler.housing', code, 'accept', {})).status).toBe(200);
    expect((await w.act('handler.housing', code, 'serve', { method: 'in_person', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    expect((await w.act('handler.housing', code, 'conclude', { facts: '补偿款已拨付乡镇', basis: '征收补偿有关规定', decision: '督促发放' })).status).toBe(200);
    expect((await w.act('handler.housing', code, 'serve', { method: 'in_person', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    expect((await w.act('petition.county', code, 'requestReview', { to: { regionCode: '632221000000' }, reason: '不服' })).status).toBe(200);
    const review = await w.act('petition.county', code, 'concludeReview', { facts: '属实', basis: '有关规定', decision: '维持' });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect((await w.act('petition.county', code, 'serve', { method: 'in_person', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    expect((await w.act('petition.county', code, 'requestReReview', { to: { departmentId: w.depts.market }, reason: '仍不服' })).status).toBe(200);
    const before = new Date(dueOf(await w.card('handler.market', code), 're_review_reply')).getTime();
    expect((await w.act('handler.market', code, 'startHearing', { note: '组织听证' })).status).toBe(200);
    env.clock.advance(4 * DAY);
    expect((await w.act('handler.market', code, 'endHearing', {})).status).toBe(200);
    const card = await w.card('handler.market', code);
    expect(new Date(dueOf(card, 're_review_reply')).getTime() - before).toBe(4 * DAY);
    expect(card.hearing).toEqual({ running: false, days: 4 });
    expect((await w.act('handler.market', code, 'concludeReReview', { facts: '属实', basis: '有关规定', decision: '维持复查意见' })).status).toBe(200);
    expect((await w.act('handler.market', code, 'serve', { method: 'in_person', servedAt: env.clock.now().toISOString() })).status).toBe(200);
    expect((await w.card('petition.county', code)).status).toBe('closed');

    // The same person with the same facts again: suggested as a final repeat, flagged, confirmed 不再受理.
    const again = await w.register({ petitioners: [{ name: '王五', idNumber, phone: '13900002222' }], matter: '我家承包地被征收，补偿款至今没有发放到位，要求落实补偿' });
    expect(again.repeats).toEqual(expect.arrayContaining([expect.objectContaining({ code, final: true })]));
    const flagged = await w.card('petition.county', again.code);
    expect(flagged.repeatOf).toBe(code);
    expect(flagged.allowedActions).toContain('notAccept');
    const refused = await w.act('petition.county', again.code, 'notAccept', { ground: 'final_repeat', reason: '该事项已经复核终结，同一事实和理由不再受理' });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    expect(refused.body.status).toBe('not_accepted');
    // A different matter of the same person is suggested, but not as final.
    const other = await w.register({ petitioners: [{ name: '王五', idNumber, phone: '13900002222' }], matter: '邻居占道堆放杂物影响通行' });
    expect(other.repeats.find((r) => r.code === code)).toMatchObject({ match: 'person', final: false });
  }, 120_000);
});
