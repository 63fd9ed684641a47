/**
 * Issue 15's clock acceptance on the fake clock (the fixture clock starts Monday 2026-03-02 09:00 CST), through
 * HTTP on a real database: the one-month target warns and breaches; an extension needs every party's consent
 * and moves the date by the agreed days; one party's refusal ends the mediation, recorded; the parties' window for
 * judicial confirmation reminds the mediators before it ends, and a court that has not answered in its time has the
 * mediators asked to find out, without making the dispute overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { disputeWorld, dueOf } from '../../test/dispute-builders.ts';
import { sweepDisputeClocks } from './dispute-sweep.service.ts';
import { deliverDue } from '../outbox/outbox.service.ts';
import { cstAt, advanceTo } from '../../test/china-clock.ts';

const DAY = 86_400_000;
let env: TestEnv;
let w: Awaited<ReturnType<typeof disputeWorld>>;

beforeAll(async () => {
  env = await createTestEnv();
  w = await disputeWorld(env);
}, 60_000);
afterAll(async () => env?.close());

const at = cstAt;
const until = (cst: string) => advanceTo(env.clock, cst);
const types = (card: Record<string, unknown>) => (card.timeline as { type: string }[]).map((e) => e.type);

describe('dispute clocks (fake clock)', () => {
  it('a dispute accepted on Monday 03-02 and not concluded by day 31 is overdue, and was warned before', async () => {
    const code = await w.mediating();
    // 30 days from the next day: 03-03 … 04-01; due at the start of 04-02 (CST).
    expect(dueOf(await w.card('med.a', code), 'mediate_by')).toBe(new Date(at('2026-04-02T00:00:00')).toISOString());
    until('2026-03-27T09:00:00');
    await sweepDisputeClocks(env.ctx);
    let card = await w.card('med.a', code);
    expect(types(card)).toContain('deadlineWarned');
    expect(card.isOverdue).toBe(false);
    await deliverDue(env.ctx);
    const notes = (await w.as('med.a', 'GET', '/api/notifications')).body;
    expect(JSON.stringify(notes)).toContain(`预警：矛盾纠纷 ${code} 调解期限即将到期`);
    until('2026-04-01T23:00:00');
    await sweepDisputeClocks(env.ctx);
    expect((await w.card('med.a', code)).isOverdue).toBe(false);
    until('2026-04-02T09:00:00');
    await sweepDisputeClocks(env.ctx);
    card = await w.card('med.a', code);
    expect(card.isOverdue).toBe(true);
    expect(card.clocks.find((c: { kind: string }) => c.kind === 'mediate_by').state).toBe('breached');
    expect(types(card)).toEqual(expect.arrayContaining(['deadlineBreached', 'urge']));
    const overdue = (await w.as('med.head', 'GET', '/api/disputes?box=overdue')).body;
    expect(overdue.items.map((i: { code: string }) => i.code)).toContain(code);
    // The breach is swept once.
    await sweepDisputeClocks(env.ctx);
    expect(types(await w.card('med.a', code)).filter((t: string) => t === 'urge')).toHaveLength(1);
  }, 60_000);

  it('an extension without both parties\' consent is refused naming who is missing; with both it moves the date by the agreed days', async () => {
    const code = await w.mediating();
    const card = await w.card('med.a', code);
    const before = dueOf(card, 'mediate_by');
    const [applicant, respondent] = card.parties as { id: string }[];
    const now = env.clock.now().toISOString();
    const one = await w.act('med.a', code, 'extend', { days: 15, reason: '需等待土地确权资料', consents: [{ partyId: applicant!.id, how: 'signed', at: now }] });
    expect(one.status).toBe(400);
    expect(JSON.stringify(one.body)).toContain('尚缺韩**的同意');
    expect(dueOf(await w.card('med.a', code), 'mediate_by')).toBe(before);
    // A consent of someone who is not a party is refused too.
    const stranger = await w.act('med.a', code, 'extend', { days: 15, reason: '需等待', consents: [{ partyId: applicant!.id, how: 'signed', at: now }, { partyId: '00000000-0000-4000-8000-000000000000', how: 'signed', at: now }] });
    expect(stranger.status).toBe(400);
    const both = await w.act('med.a', code, 'extend', { days: 15, reason: '需等待土地确权资料', consents: [{ partyId: applicant!.id, how: 'signed', at: now }, { partyId: respondent!.id, how: 'oral_recorded', at: now }] });
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    const after = await w.card('med.a', code);
    expect(new Date(dueOf(after, 'mediate_by')).getTime() - new Date(before).getTime()).toBe(15 * DAY);
    expect(after.extDays).toBe(15);
    const ev = after.timeline.find((e: { type: string }) => e.type === 'extend');
    expect(ev.data.consents.map((c: { partyId: string }) => c.partyId).sort()).toEqual([applicant!.id, respondent!.id].sort());
  }, 60_000);

  it('one party\'s clear refusal ends the mediation with the refusal recorded, and it can then be closed', async () => {
    const code = await w.mediating();
    const card = await w.card('med.a', code);
    const respondent = (card.parties as { id: string; side: string }[]).find((p) => p.side === 'respondent')!;
    const r = await w.act('med.a', code, 'refuse', { partyId: respondent.id, reason: '被申请人明确表示不同意调解，要求起诉' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.status).toBe('refused');
    expect(r.body.allowedActions).toContain('close');
    const after = await w.card('med.a', code);
    expect(after.outcome.refusal).toMatchObject({ party: '韩**', reason: '被申请人明确表示不同意调解，要求起诉' });
    // The month stops: met, not breached, and nothing more can be mediated.
    expect(after.clocks.find((c: { kind: string }) => c.kind === 'mediate_by').state).toBe('met');
    expect((await w.act('med.a', code, 'recordAgreement', { form: 'oral', terms: '和好' })).status).toBe(409);
    expect((await w.act('med.a', code, 'close', { note: '当事人拒绝调解' })).body.status).toBe('closed');
    const audit = await env.ctx.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [code]);
    expect(audit.map((a) => a.action)).toEqual(['dispute.register', 'dispute.assign', 'dispute.accept', 'dispute.refuse', 'dispute.close']);
  }, 60_000);

  it('reminds the mediators before the parties\' confirmation window ends, and asks them to find out when a court has not answered in time', async () => {
    const code = await w.mediating();
    expect((await w.act('med.a', code, 'recordAgreement', { form: 'oral', terms: '赔偿修墙费用3000元' })).status).toBe(200);
    const card = await w.card('med.a', code);
    const windowEnds = new Date(dueOf(card, 'confirmation_window')).getTime();
    const seen = new Set<string>();
    /** The notices about this dispute the mediator got since the last look. */
    const notices = async () => {
      await deliverDue(env.ctx);
      const all = ((await w.as('med.a', 'GET', '/api/notifications')).body.items as { id: string; text: string }[]).filter((n) => n.text.includes(code) && !seen.has(String(n.id)));
      for (const n of all) seen.add(String(n.id));
      return all.map((n) => n.text);
    };
    await notices(); // the assignment's
    // Six days before the end (80 % of 30 days): one reminder naming the last day, and the dispute is not overdue.
    env.clock.advance(windowEnds - 7 * DAY - env.clock.now().getTime());
    await sweepDisputeClocks(env.ctx);
    expect(await notices()).toEqual([]);
    env.clock.advance(2 * DAY);
    await sweepDisputeClocks(env.ctx);
    await sweepDisputeClocks(env.ctx);
    const lastDay = new Date(windowEnds - 1 + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await notices()).toEqual([`提醒：矛盾纠纷 ${code} 当事人司法确认申请期限至${lastDay}届满，如需申请请及时告知双方当事人`]);
    expect((await w.card('med.a', code)).isOverdue).toBe(false);

    // The parties apply; the court does not answer within its 3 days (+ a weekend at most).
    expect((await w.act('med.a', code, 'applyConfirmation', { court: '门源县人民法院', appliedAt: env.clock.now().toISOString() })).status).toBe(200);
    env.clock.advance(7 * DAY);
    await sweepDisputeClocks(env.ctx);
    const after = await notices();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatch(new RegExp(`^矛盾纠纷 ${code} 法院受理期限已于\\d{4}-\\d{2}-\\d{2}届满，尚未记录法院的答复，请向法院了解并记录$`));
    const c = await w.card('med.a', code);
    expect(c.isOverdue).toBe(false);
    expect(types(c).filter((t) => t === 'urge')).toEqual([]);
    expect(c.clocks.find((k: { kind: string }) => k.kind === 'court_accept').state).toBe('breached');
  }, 60_000);
});
