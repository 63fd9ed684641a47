/**
 * Issue 15 items 5–7 through HTTP on a real database and the fake clock (the fixture clock starts Monday
 * 2026-03-02 09:00 CST): a written agreement rendered as the 调解协议书 (both parties' full names and the terms in
 * the PDF's text, stored sealed, its SM3 audited), each signature or seal an event, refused twice or before an
 * agreement exists, the agreement effective exactly at the last one and the 30-day confirmation window from then,
 * the parties texted; an oral agreement effective when reached; judicial confirmation within the window with the
 * court's 3 and 15 (+10) days, refused for marriage-status matters; performance and the follow-up visit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, login, type TestEnv } from '../../test/harness.ts';
import { disputeWorld, dueOf, neighbours } from '../../test/dispute-builders.ts';
import { DisputeCard } from '../../../core/schemas/disputes.response.ts';
import { deliverDue } from '../outbox/outbox.service.ts';
import { stopPdfWorker } from '../../lib/pdf/pdf-renderer.ts';
import { cstAt } from '../../test/china-clock.ts';
import { storeUpload } from '../uploads/uploads.service.ts';
import { tinyPng } from '../../test/media-fixtures.ts';

const DAY = 86_400_000;
let env: TestEnv;
let w: Awaited<ReturnType<typeof disputeWorld>>;

beforeAll(async () => {
  env = await createTestEnv();
  w = await disputeWorld(env);
}, 60_000);
afterAll(async () => {
  await env?.close();
  await stopPdfWorker();
});

const at = cstAt;
/** Midnight (CST) starting the day `days` after the China-time day of `t`. */
const startOfDayAfter = (t: string, days: number) => new Date(at(`${new Date(new Date(t).getTime() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00`) + days * DAY).toISOString();

const written = {
  form: 'written', terms: '被申请人拆除越界围墙；申请人清理杂物', points: '围墙是否越过宅基地界线', responsibility: '被申请人院墙越界，负主要责任；申请人堆放杂物阻碍施工，负次要责任。',
  items: [
    { content: '被申请人将越界院墙拆除并按老界石重建。', manner: '被申请人自行施工，费用自担', place: '两家宅基地交界处', deadline: '2026-04-30' },
    { content: '申请人清理界线处杂物。', manner: '申请人自行清理', deadline: '2026-03-20' },
  ],
};

/** A dispute with a written agreement reached; its parties' ids. */
async function agreed(body: object = written) {
  const code = await w.mediating();
  const r = await w.act('med.a', code, 'recordAgreement', body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const card = await w.card('med.a', code);
  return { code, documentId: r.body.documentId as string | null, parties: (card.parties as { id: string }[]).map((p) => p.id), card };
}

describe('the written agreement (调解协议书)', () => {
  it('is rendered from the dispute and the body, stored sealed with its SM3 audited, and holds both parties and the terms', async () => {
    const { code, documentId, card } = await agreed();
    expect(documentId).toMatch(/^[0-9a-f-]{36}$/);
    expect(DisputeCard.strict().safeParse(card).error).toBeUndefined();
    expect(card.agreement).toMatchObject({ form: 'written', documentId, effectiveAt: null, docNo: expect.stringContaining('调字〔2026〕') });
    expect(card.agreement.terms.map((t: { deadline: string }) => t.deadline)).toEqual(['2026-04-30', '2026-03-20']);
    expect(card.agreement.missingSigners).toEqual([...card.parties.map((p: { id: string }) => p.id), 'mediator', 'committee']);
    expect(card.documents.map((d: { template: string }) => d.template).sort()).toEqual(['mediation.agreement', 'mediation.rights_notice']);
    // The card stays masked; the PDF (sealed, for the parties) holds the full names.
    expect(JSON.stringify(card)).not.toContain('马福海');
    const res = await env.app.inject({ method: 'GET', url: `/api/documents/${documentId}/file`, headers: { cookie: await login(env.app, 'med.a') } });
    expect(res.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'agreement-'));
    writeFileSync(join(dir, 'a.pdf'), res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    for (const s of ['人民调解协议书', '马福海', '韩德胜', '男', '被申请人将越界院墙拆除并按老界石重建', '履行期限：2026年4月30日前', '韩小明（儿子）', '本协议一式3份']) expect(text, s).toContain(s);
    const audit = await env.ctx.database.query<{ action: string; detail: { sm3?: string } }>('SELECT action, detail FROM audit_log WHERE object_id = $1 ORDER BY id', [code]);
    const step = audit.find((a) => a.action === 'dispute.recordAgreement')!;
    const [doc] = await env.ctx.database.query<{ sm3: string; personal: boolean }>('SELECT sm3, personal FROM documents WHERE id = $1', [documentId]);
    expect(step.detail.sm3).toBe(doc!.sm3);
    expect(doc!.personal).toBe(true);
  }, 60_000);

  it('names a party with a rare character (𡒄, Extension B) through the fallback font, and refuses one no font has, naming it', async () => {
    /** A dispute of two neighbours, the applicant called `name`, assigned to 才让当知; the answer to her accepting it. */
    const accepted = async (name: string) => {
      const { code } = await w.register('op.a', { parties: neighbours().map((p, i) => (i === 0 ? { ...p, name } : p)) });
      expect((await w.act('med.head', code, 'assign', { mediatorIds: [w.mediators.tibetan], roomId: w.room })).status).toBe(200);
      return { code, answer: await w.act('med.a', code, 'accept', {}) };
    };
    const rare = await accepted('马\u{21484}');
    expect(rare.answer.status).toBe(200);
    const r = await w.act('med.a', rare.code, 'recordAgreement', written);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const res = await env.app.inject({ method: 'GET', url: `/api/documents/${r.body.documentId}/file`, headers: { cookie: await login(env.app, 'med.a') } });
    const dir = mkdtempSync(join(tmpdir(), 'agreement-'));
    writeFileSync(join(dir, 'a.pdf'), res.rawPayload);
    expect(execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' })).toContain('马\u{21484}');
    const fonts = execFileSync('pdffonts', [join(dir, 'a.pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.some((f) => f.includes('HanaMinB'))).toBe(true);
    expect(fonts.every((f) => /\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/.test(f))).toBe(true); // embedded, subset

    // U+30000 (Extension G) is in no installed font: the first document naming the party (the 权利义务告知书 issued
    // at acceptance) is refused naming the character, and nothing moves: the dispute still waits for acceptance.
    const none = await accepted('王\u{30000}');
    expect(none.answer.status).toBe(400);
    expect(JSON.stringify(none.answer.body)).toContain('U+30000');
    expect((await w.card('med.a', none.code)).status).toBe('assigned');
  }, 60_000);

  it('refuses a written agreement without its terms or the responsibility, naming the field', async () => {
    const code = await w.mediating();
    const r = await w.act('med.a', code, 'recordAgreement', { form: 'written', terms: '和解' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('items');
  }, 60_000);
});

describe('signatures and effect', () => {
  it('records each signature once, refuses one before an agreement exists, and takes effect exactly at the last (any order)', async () => {
    const early = await w.mediating();
    expect((await w.act('med.a', early, 'sign', { signer: 'mediator', method: 'screen' })).status).toBe(409);

    const { code, parties } = await agreed();
    const order = ['committee', parties[1]!, 'mediator', parties[0]!];
    const methods: Record<string, string> = { committee: 'seal', mediator: 'screen', [parties[0]!]: 'fingerprint', [parties[1]!]: 'screen' };
    let last = '';
    for (const [i, signer] of order.entries()) {
      env.clock.advance(3600_000);
      const r = await w.act(i % 2 ? 'med.head' : 'med.a', code, 'sign', { signer, method: methods[signer] });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      last = env.clock.now().toISOString();
      const card = await w.card('med.a', code);
      expect(card.agreement.effectiveAt).toBe(i === order.length - 1 ? last : null);
      const toSign = (await w.as('med.a', 'GET', '/api/disputes?box=toSign')).body.items.map((x: { code: string }) => x.code);
      expect(toSign.includes(code)).toBe(i < order.length - 1); // waits in 待签署协议 until the last signature
      if (i === 0) {
        expect(card.allowedActions).toContain('sign');
        expect(card.allowedActions).not.toContain('applyConfirmation');
        const again = await w.act('med.a', code, 'sign', { signer: 'committee', method: 'seal' });
        expect(again.status).toBe(400);
        expect(JSON.stringify(again.body)).toContain('人民调解委员会已签署，不能重复签署');
        expect(card.clocks.some((c: { kind: string }) => c.kind === 'confirmation_window')).toBe(false);
      }
    }
    const card = await w.card('med.a', code);
    expect(card.agreement.missingSigners).toEqual([]);
    // The card offers what the agreement's stage allows: no more signing; the parties may now apply to the court.
    expect(card.allowedActions).not.toContain('sign');
    expect(card.allowedActions).toEqual(expect.arrayContaining(['applyConfirmation', 'recordPerformance']));
    expect(card.allowedActions).not.toContain('recordCourtAcceptance');
    expect(card.agreement.signatures).toHaveLength(4);
    // 30 days from the day after the effect (the effective day is not counted).
    expect(dueOf(card, 'confirmation_window')).toBe(startOfDayAfter(last, 31));
    expect(card.timeline.filter((e: { type: string }) => e.type === 'sign')).toHaveLength(4);
    expect(card.timeline.at(-1)).toMatchObject({ type: 'agreementEffective', data: { effectiveAt: last } });
    // The parties are texted once, after commit.
    await deliverDue(env.ctx);
    const texts = env.sms.sent.filter((m) => m.text.includes(code));
    expect(texts.map((m) => m.phone).sort()).toEqual(['13900002222', '13900003333']);
    expect(texts[0]!.text).toContain('人民调解协议已于');
    // Nothing more to sign.
    expect((await w.act('med.a', code, 'sign', { signer: parties[0], method: 'screen' })).status).toBe(400);
  }, 60_000);

  it('refuses a method a signer cannot use and a signature on an oral agreement, which took effect when reached', async () => {
    const { code } = await agreed();
    const bad = await w.act('med.a', code, 'sign', { signer: 'committee', method: 'fingerprint' });
    expect(bad.status).toBe(400);
    const oral = await agreed({ form: 'oral', terms: '双方口头约定各让一步，围墙后退0.2米' });
    expect(oral.documentId).toBeNull();
    expect(oral.card.agreement.effectiveAt).toBe(env.clock.now().toISOString());
    expect(dueOf(oral.card, 'confirmation_window')).toBe(startOfDayAfter(env.clock.now().toISOString(), 31));
    expect((await w.act('med.a', oral.code, 'sign', { signer: 'mediator', method: 'screen' })).status).toBe(400);
  }, 60_000);
});

/** A court clock of `days` calendar days from now: due at the start of day days+1, or a few days later when that is a rest day. */
function expectDays(card: Record<string, any>, kind: string, days: number) { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(card.clocks.find((c: { kind: string }) => c.kind === kind)?.limitDays).toBe(days);
  const due = new Date(dueOf(card, kind)).getTime();
  const plain = new Date(startOfDayAfter(env.clock.now().toISOString(), days + 1)).getTime();
  expect(due).toBeGreaterThanOrEqual(plain);
  expect(due - plain).toBeLessThanOrEqual(3 * DAY);
}

describe('judicial confirmation (司法确认)', () => {
  const oral = { form: 'oral', terms: '赔偿修墙费用3000元' };

  it('records a joint application within the window, the court\'s acceptance (3 days) and decision (15 days, +10 once with approval)', async () => {
    const { code, card } = await agreed(oral);
    const effective = card.agreement.effectiveAt;
    env.clock.advance(2 * DAY);
    const applied = await w.act('med.a', code, 'applyConfirmation', { court: '门源县人民法院', appliedAt: env.clock.now().toISOString() });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    let c = await w.card('med.a', code);
    expect(c.clocks.find((x: { kind: string }) => x.kind === 'confirmation_window').state).toBe('met');
    expectDays(c, 'court_accept', 3);
    expect((await w.act('med.a', code, 'applyConfirmation', { court: '门源县人民法院', appliedAt: env.clock.now().toISOString() })).status).toBe(400);
    expect((await w.act('med.a', code, 'recordCourtAcceptance', { accepted: true, at: env.clock.now().toISOString() })).status).toBe(400);
    const acc = await w.act('med.a', code, 'recordCourtAcceptance', { accepted: true, caseNo: '（2026）青2221民特调确字第8号', at: env.clock.now().toISOString() });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    c = await w.card('med.a', code);
    const decideBy = dueOf(c, 'court_decide');
    expectDays(c, 'court_decide', 15);
    expect((await w.act('med.a', code, 'extendCourtReview', { approvedBy: '院长张某' })).status).toBe(200);
    expect(new Date(dueOf(await w.card('med.a', code), 'court_decide')).getTime() - new Date(decideBy).getTime()).toBe(10 * DAY);
    const twice = await w.act('med.a', code, 'extendCourtReview', { approvedBy: '院长张某' });
    expect(JSON.stringify(twice.body)).toContain('不能再次延长');
    const dec = await w.act('med.a', code, 'recordCourtDecision', { outcome: 'confirmed', decidedAt: env.clock.now().toISOString() });
    expect(dec.status).toBe(200);
    c = await w.card('med.a', code);
    expect(c.agreement.confirmation).toMatchObject({ court: '门源县人民法院', caseNo: '（2026）青2221民特调确字第8号', extendedBy: '院长张某', outcome: 'confirmed' });
    expect(c.clocks.find((x: { kind: string }) => x.kind === 'court_decide').state).toBe('met');
    expect(effective).not.toBeNull();
  }, 60_000);

  it('counts the court\'s clocks from the dates entered when the steps are recorded later, and refuses a date before the step it follows', async () => {
    const { code } = await agreed(oral);
    env.clock.advance(6 * DAY);
    const appliedAt = new Date(env.clock.now().getTime() - 5 * DAY).toISOString(); // applied five days ago, entered today
    expect((await w.act('med.a', code, 'applyConfirmation', { court: '门源县人民法院', appliedAt })).status).toBe(200);
    let c = await w.card('med.a', code);
    // The court's 3 days ran from the application: already past, so the clock shows overdue today.
    const from = (t: string, days: number, kind: string) => {
      // `days` whole days after the day of t; a last day on a rest day moves to the next working day (at most 3 more).
      const due = new Date(dueOf(c, kind)).getTime() - new Date(startOfDayAfter(t, days + 1)).getTime();
      return due >= 0 && due <= 3 * DAY;
    };
    expect(from(appliedAt, 3, 'court_accept')).toBe(true);
    expect(new Date(dueOf(c, 'court_accept')).getTime()).toBeLessThan(env.clock.now().getTime());
    expect(c.clocks.find((x: { kind: string }) => x.kind === 'confirmation_window').state).toBe('met');
    const early = await w.act('med.a', code, 'recordCourtAcceptance', { accepted: true, caseNo: '（2026）青2221民特调确字第9号', at: new Date(new Date(appliedAt).getTime() - DAY).toISOString() });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain('不能早于申请日期');
    const acceptedAt = new Date(new Date(appliedAt).getTime() + 2 * DAY).toISOString();
    expect((await w.act('med.a', code, 'recordCourtAcceptance', { accepted: true, caseNo: '（2026）青2221民特调确字第9号', at: acceptedAt })).status).toBe(200);
    c = await w.card('med.a', code);
    // Accepted on the second day: within the 3 days, although recorded on the fifth; the 15 days run from then.
    expect(c.clocks.find((x: { kind: string }) => x.kind === 'court_accept').state).toBe('met');
    expect(from(acceptedAt, 15, 'court_decide')).toBe(true);
    expect(from(env.clock.now().toISOString(), 15, 'court_decide')).toBe(false);
    const before = await w.act('med.a', code, 'recordCourtDecision', { outcome: 'confirmed', decidedAt: new Date(new Date(acceptedAt).getTime() - 3600_000).toISOString() });
    expect(JSON.stringify(before.body)).toContain('不能早于法院受理日期');
  }, 60_000);

  it('keeps the dispute open while the court has not answered an application: closing is refused until its decision is in', async () => {
    const code = await w.mediating();
    const partyIds = (await w.card('med.a', code)).parties.map((p: { id: string }) => p.id);
    expect((await w.act('med.a', code, 'recordSession', { partyIds, record: '双方同意赔偿修墙费用。', signedPartyIds: partyIds })).status).toBe(200);
    expect((await w.act('med.a', code, 'recordAgreement', oral)).status).toBe(200);
    const upload = await storeUpload(env.ctx, tinyPng(), { userId: w.users['med.a']! });
    expect((await w.act('med.a', code, 'fileDocuments', { kind: 'identity', uploadIds: [upload.id], title: '双方身份证复印件' })).status).toBe(200);
    expect((await w.act('med.a', code, 'applyConfirmation', { court: '门源县人民法院', appliedAt: env.clock.now().toISOString() })).status).toBe(200);
    const refused = await w.act('med.a', code, 'close', {});
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('司法确认申请尚待人民法院答复');
    expect((await w.act('med.a', code, 'recordCourtAcceptance', { accepted: true, caseNo: '（2026）青2221民特调确字第12号', at: env.clock.now().toISOString() })).status).toBe(200);
    expect((await w.act('med.a', code, 'close', {})).status).toBe(400);
    expect((await w.act('med.a', code, 'recordCourtDecision', { outcome: 'confirmed', decidedAt: env.clock.now().toISOString() })).status).toBe(200);
    const closed = await w.act('med.a', code, 'close', {});
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe('closed');
  }, 60_000);

  it('refuses an application after the 30 days, naming the window and its last day', async () => {
    const { code, card } = await agreed(oral);
    const due = dueOf(card, 'confirmation_window');
    env.clock.advance(new Date(due).getTime() - env.clock.now().getTime() + 3600_000);
    const late = await w.act('med.a', code, 'applyConfirmation', { court: '门源县人民法院', appliedAt: env.clock.now().toISOString() });
    expect(late.status).toBe(400);
    expect(JSON.stringify(late.body)).toContain('司法确认申请期限已过：应自调解协议生效之日起30日内共同申请（至');
  }, 60_000);

  it('refuses up front an agreement on a marriage-status matter, with the reason, and opens no window', async () => {
    const { code, card } = await agreed({ ...oral, terms: '双方同意解除婚姻关系', statusMatter: 'marriage_status' });
    expect(card.agreement.confirmationRefusal).toContain('婚姻关系');
    expect(card.clocks.some((c: { kind: string }) => c.kind === 'confirmation_window')).toBe(false);
    const r = await w.act('med.a', code, 'applyConfirmation', { court: '门源县人民法院', appliedAt: env.clock.now().toISOString() });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('人民法院不予受理司法确认申请');
  }, 60_000);
});

describe('performance', () => {
  it('records a term not performed, tells the mediators to visit, and the visit that tells the parties of their remedies', async () => {
    const day = (t: number) => new Date(t + 8 * 3600_000).toISOString().slice(0, 10);
    const due = day(env.clock.now().getTime() + 5 * DAY);
    const { code, parties } = await agreed({ ...written, items: [{ ...written.items[0], deadline: day(env.clock.now().getTime() + 60 * DAY) }, { ...written.items[1], deadline: due }] });
    for (const signer of [...parties, 'mediator']) expect((await w.act('med.a', code, 'sign', { signer, method: 'screen' })).status).toBe(200);
    expect((await w.act('med.a', code, 'recordPerformance', { term: 1, result: 'not' })).status).toBe(400);
    expect((await w.act('med.head', code, 'sign', { signer: 'committee', method: 'seal' })).status).toBe(200);
    expect((await w.act('med.a', code, 'recordPerformance', { term: 5, result: 'not' })).status).toBe(400);
    // Term 2 is due in five days: a follow-up appears in the box on that day (China time), until performed.
    const followUps = async () => (await w.as('med.a', 'GET', '/api/disputes?box=followUps')).body.items.map((i: { code: string }) => i.code);
    env.clock.advance(at(`${due}T00:00:00`) - env.clock.now().getTime() - 3600_000);
    expect(await followUps()).not.toContain(code);
    env.clock.advance(2 * 3600_000);
    expect(await followUps()).toContain(code);
    const r = await w.act('med.a', code, 'recordPerformance', { term: 1, result: 'not', note: '杂物未清理' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await deliverDue(env.ctx);
    expect(JSON.stringify((await w.as('med.a', 'GET', '/api/notifications')).body)).toContain(`矛盾纠纷 ${code} 协议第2项未履行，请回访`);
    const v = await w.act('med.a', code, 'recordFollowUpVisit', { term: 1, outcome: 'told_remedies', note: '上门回访，申请人仍拒绝清理，已告知诉讼途径' });
    expect(v.status).toBe(200);
    const card = await w.card('med.a', code);
    expect(card.agreement.terms[1]).toMatchObject({ performance: 'not', performanceNote: '杂物未清理' });
    expect(card.timeline.at(-1)).toMatchObject({ type: 'recordFollowUpVisit', data: { outcome: 'told_remedies' } });
  }, 60_000);
});

describe('the mediation file (卷宗)', () => {
  const pdfText = (bytes: Buffer) => {
    const dir = mkdtempSync(join(tmpdir(), 'file-'));
    writeFileSync(join(dir, 'f.pdf'), bytes);
    return execFileSync('pdftotext', [join(dir, 'f.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  };

  it('issues the 权利义务告知书 at acceptance and the 终止告知书 with the routes on a failure', async () => {
    const code = await w.mediating();
    expect((await w.card('med.a', code)).documents.map((d: { template: string }) => d.template)).toEqual(['mediation.rights_notice']);
    const f = await w.act('med.a', code, 'recordFailure', { reason: '双方对赔偿数额分歧过大', routesTold: '向门源县人民法院提起民事诉讼；向浩门镇人民政府申请处理', toldAt: env.clock.now().toISOString() });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    const res = await env.app.inject({ method: 'GET', url: `/api/documents/${f.body.documentId}/file`, headers: { cookie: await login(env.app, 'med.a') } });
    const text = pdfText(res.rawPayload);
    for (const s of ['人民调解终止告知书', '马福海', '韩德胜', '向门源县人民法院提起民事诉讼', '双方对赔偿数额分歧过大']) expect(text, s).toContain(s);
    // Closing a failed mediation needs its record and the identity proofs.
    const refused = await w.act('med.a', code, 'close', {});
    expect(JSON.stringify(refused.body)).toContain('缺当事人身份证明、人民调解记录');
    const file = (await w.card('med.a', code)).file as { id: string; required: boolean; present: boolean }[];
    expect(file.filter((i) => i.required && !i.present).map((i) => i.id)).toEqual(['identity', 'record']);
  }, 60_000);

  it('exports the whole file as one PDF: cover, contents, the notice, the record, the agreement, the back cover; audited', async () => {
    const code = await w.mediating();
    const card0 = await w.card('med.a', code);
    const partyIds = card0.parties.map((p: { id: string }) => p.id);
    expect((await w.act('med.a', code, 'recordSession', { partyIds, record: '申请人称围墙越界四十厘米，被申请人同意按老界石重砌。', signedPartyIds: partyIds })).status).toBe(200);
    expect((await w.act('med.a', code, 'recordAgreement', written)).status).toBe(200);
    const res = await env.app.inject({ method: 'GET', url: `/api/disputes/${code}/file.pdf`, headers: { cookie: await login(env.app, 'med.head') } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    for (const s of ['人民调解卷宗', '卷内目录', '人民调解受理登记表', '人民调解权利义务告知书', '人民调解记录', '围墙越界四十厘米', '人民调解协议书', '被申请人将越界院墙拆除并按老界石重建', '马福海', '韩德胜', '封底', '本卷宗共收录文书材料4件']) expect(text, s).toContain(s);
    const [row] = await env.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'dispute.exportFile'`, [code]);
    expect(row!.n).toBe(1);
    expect((await w.as('gw.a2', 'GET', `/api/disputes/${code}/file.pdf`)).status).toBe(404);
  }, 60_000);
});
