/**
 * The mediation statistics, the 以案定补 subsidies and the 调解能手 ranking on generated data (issue 15
 * acceptance): 48 disputes from a seeded generator go down random paths over HTTP on the fake clock (several
 * committees of every kind, rooms, one or two mediators, a transfer, agreements, failures, referrals before and
 * after a failure, refusals before and during mediation, closing); the KPI answer, the subsidies and the ranking
 * are what the generator's own ledger says and what dispute_events + disputes say; the migration's backfill,
 * replayed over the same events, rebuilds both rollups row for row.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Experts, MediationKpis, Subsidies, SubsidyRates } from '../../../core/schemas/mediation-stats.response.ts';
import { systemActor } from '../../lib/actor.ts';
import { createTestEnv, fixture, login, makeUser, type TestEnv } from '../../test/harness.ts';
import { disputeWorld } from '../../test/dispute-builders.ts';
import { random } from '../../test/seeded-random.ts';
import { createCommittee, createMediator, createRoom } from './organisation.service.ts';

const HOUR = 3_600_000;
let env: TestEnv;
let w: Awaited<ReturnType<typeof disputeWorld>>;

type Outcome = 'agreed' | 'failed' | 'referred' | 'refused';
interface Mediator { id: string; user: string; name: string }
interface Org { id: string; level: string; rooms: string[]; mediators: Mediator[] }
/** What the generator did to one dispute: its own account, independent of the events. */
interface Ledger { code: string; committee: Org; room: string | null; category: string; mediators: Mediator[]; accepted: boolean; outcome: Outcome | null; fromMediating: boolean; referredAfterFailure: boolean; closed: boolean }

const categories = ['family', 'neighbour', 'land', 'homestead', 'labour'] as const;
let orgs: Org[] = [];
const ledger: Ledger[] = [];
// Rates in fen: 邻里 and 婚姻家庭 agreements have their own; the rest the defaults; a refusal pays nothing.
const rates = [
  { category: '*', outcome: 'agreed', fen: 8000 }, { category: 'neighbour', outcome: 'agreed', fen: 10000 }, { category: 'family', outcome: 'agreed', fen: 15000 },
  { category: '*', outcome: 'failed', fen: 3000 }, { category: '*', outcome: 'referred', fen: 2000 }, { category: 'labour', outcome: 'referred', fen: 5000 },
] as const;
const rateOf = (category: string, outcome: Outcome) => (rates.find((r) => r.category === category && r.outcome === outcome) ?? rates.find((r) => r.category === '*' && r.outcome === outcome))?.fen ?? 0;

beforeAll(async () => {
  env = await createTestEnv();
  w = await disputeWorld(env);
  const root = systemActor(fixture.province, 'test');
  const mobile = await createRoom(env.ctx, root, { committeeId: w.committees.village, name: '流动调解室', mode: 'mobile', active: true });
  const online = await createRoom(env.ctx, root, { committeeId: w.committees.township, name: '网上调解室', mode: 'online', active: true });
  const industry = await createCommittee(env.ctx, root, { level: 'industry', regionCode: fixture.county, name: '县劳动争议人民调解委员会', industry: '劳动争议', active: true });
  const industryRoom = await createRoom(env.ctx, root, { committeeId: industry.id, name: '才让当知调解室', mode: 'onsite', namedAfter: '才让当知', active: true });
  const u2 = await makeUser(env.ctx, 'med.v2', 'mediator', fixture.villageA);
  const ui = await makeUser(env.ctx, 'med.i', 'mediator', fixture.county);
  const v2 = await createMediator(env.ctx, root, { committeeId: w.committees.village, name: '王调解', userId: u2, isHead: false, skills: [], languages: ['zh'], awards: ['调解能手'], active: true });
  const mi = await createMediator(env.ctx, root, { committeeId: industry.id, name: '劳动调解员', userId: ui, isHead: true, skills: [], languages: ['zh'], awards: [], active: true });
  orgs = [
    { id: w.committees.village, level: 'village', rooms: [w.room, mobile.id], mediators: [{ id: w.mediators.head, user: 'med.head', name: '马主任' }, { id: w.mediators.tibetan, user: 'med.a', name: '才让当知' }, { id: v2.id, user: 'med.v2', name: '王调解' }] },
    { id: w.committees.township, level: 'township', rooms: [online.id], mediators: [{ id: w.mediators.township, user: 'med.t', name: '镇调解员' }] },
    { id: industry.id, level: 'industry', rooms: [industryRoom.id], mediators: [{ id: mi.id, user: 'med.i', name: '劳动调解员' }] },
  ];
}, 60_000);
afterAll(async () => env?.close());

async function ok(res: { status: number; body: unknown }, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
}

const boss = 'leader.county';
const start = new Date('2026-03-02T01:00:00Z');
const window = () => `from=${encodeURIComponent(new Date(start.getTime() - 86_400_000).toISOString())}&to=${encodeURIComponent(env.clock.now().toISOString())}`;
const sum = (xs: Ledger[], f: (l: Ledger) => boolean) => xs.filter(f).length;

describe('mediation statistics on generated data', () => {
  it('runs 48 disputes down random paths (transfer, one or two mediators, every outcome, closing)', async () => {
    const r = random(20261202);
    for (let i = 0; i < 48; i++) {
      const category = r.pick(categories);
      // Most go to village A's committee; some are sent straight to the industry committee; a few transferred to the township's.
      const target = r.next() < 0.2 ? orgs[2]! : orgs[0]!;
      const reg = await w.register('op.a', { category, ...(target === orgs[2] ? { committeeId: target.id } : {}) });
      const l: Ledger = { code: reg.code, committee: target, room: null, category, mediators: [], accepted: false, outcome: null, fromMediating: false, referredAfterFailure: false, closed: false };
      ledger.push(l);
      env.clock.advance(3 * HOUR);
      if (target === orgs[0] && r.next() < 0.2) {
        await ok(await w.act(boss, l.code, 'transfer', { committeeId: orgs[1]!.id, reason: '涉及跨村' }), 'transfer');
        l.committee = orgs[1]!;
      }
      const path = r.next();
      if (path < 0.06) {
        // Ended before anyone was assigned: a refusal or a referral straight away.
        if (r.next() < 0.5) await refuse(l);
        else await refer(l);
        continue;
      }
      if (path < 0.1) continue; // still waiting for a mediator
      const pool = l.committee.mediators;
      const two = pool.length > 1 && r.next() < 0.35;
      const first = r.pick(pool);
      l.mediators = two ? [first, pool.find((m) => m !== first)!] : [first];
      l.room = r.next() < 0.8 ? r.pick(l.committee.rooms) : null;
      await ok(await w.act(boss, l.code, 'assign', { mediatorIds: l.mediators.map((m) => m.id), ...(l.room ? { roomId: l.room } : {}) }), 'assign');
      env.clock.advance(20 * HOUR);
      if (path < 0.15) {
        await refuse(l);
        continue;
      }
      if (path < 0.2) continue; // assigned, not yet accepted
      await ok(await w.act(l.mediators[0]!.user, l.code, 'accept', {}), 'accept');
      l.accepted = true;
      env.clock.advance(r.pick([2, 5, 30]) * HOUR);
      const end = r.next();
      if (end < 0.1) continue; // still mediating
      if (end < 0.62) {
        await ok(await w.act(l.mediators[0]!.user, l.code, 'recordAgreement', { form: 'oral', terms: '双方同意按老界石重砌围墙' }), 'agree');
        l.outcome = 'agreed';
      } else if (end < 0.8) {
        await ok(await w.act(l.mediators[0]!.user, l.code, 'recordFailure', { reason: '分歧过大', routesTold: '告知可向人民法院起诉', toldAt: env.clock.now().toISOString() }), 'fail');
        l.outcome = 'failed';
        if (r.next() < 0.5) {
          await ok(await w.act(boss, l.code, 'refer', { to: 'court', receiver: '县人民法院', reason: '诉调对接' }), 'refer after failure');
          l.referredAfterFailure = true;
          await answerAndClose(l, r.next() < 0.5);
        }
      } else if (end < 0.9) {
        await refer(l);
        await answerAndClose(l, r.next() < 0.6);
      } else {
        await refuse(l);
        if (r.next() < 0.5) {
          await ok(await w.act(boss, l.code, 'close', {}), 'close refused');
          l.closed = true;
        }
      }
      l.fromMediating = l.outcome !== null;
      env.clock.advance(r.pick([1, 4, 13]) * HOUR);
    }
    // The generator went everywhere it should.
    expect(ledger.length).toBe(48);
    for (const o of ['agreed', 'failed', 'referred', 'refused'] as const) expect(sum(ledger, (l) => l.outcome === o), o).toBeGreaterThan(0);
    expect(sum(ledger, (l) => l.mediators.length === 2 && l.fromMediating)).toBeGreaterThan(0);
    expect(sum(ledger, (l) => l.referredAfterFailure)).toBeGreaterThan(0);
    expect(sum(ledger, (l) => l.committee.level === 'township')).toBeGreaterThan(0);
    expect(sum(ledger, (l) => l.outcome === 'refused' && !l.accepted)).toBeGreaterThan(0);
  }, 300_000);

  it('the KPI answer is what the ledger and the events say: totals once per dispute, success rate = agreed / mediated, every breakdown', async () => {
    const res = await w.as(boss, 'GET', `/api/kpis/mediation?${window()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(MediationKpis.strict().safeParse(res.body).error).toBeUndefined();
    const k = res.body;
    const ended = (l: Ledger) => l.outcome !== null;
    const expected = {
      registered: ledger.length,
      accepted: sum(ledger, (l) => l.accepted),
      mediated: sum(ledger, (l) => l.fromMediating),
      agreed: sum(ledger, (l) => l.outcome === 'agreed'),
      failed: sum(ledger, (l) => l.outcome === 'failed'),
      referred: sum(ledger, (l) => l.outcome === 'referred' || l.referredAfterFailure),
      refused: sum(ledger, (l) => l.outcome === 'refused'),
      closed: sum(ledger, (l) => l.closed),
      inProgress: sum(ledger, (l) => !ended(l)),
    };
    expect(k.totals).toEqual(expected);
    expect(k.successRate).toBeCloseTo(expected.agreed / expected.mediated, 3);

    // The same from the events, counted here from scratch.
    const [e] = await env.ctx.database.query<Record<string, string>>(`
      SELECT count(*) FILTER (WHERE type = 'register') AS registered, count(*) FILTER (WHERE type = 'accept') AS accepted,
             count(*) FILTER (WHERE type IN ('recordAgreement', 'recordFailure', 'refer', 'refuse') AND from_status = 'mediating') AS mediated,
             count(*) FILTER (WHERE type = 'recordAgreement') AS agreed, count(*) FILTER (WHERE type = 'refer') AS referred, count(*) FILTER (WHERE type = 'close') AS closed
      FROM dispute_events`);
    expect([k.totals.registered, k.totals.accepted, k.totals.mediated, k.totals.agreed, k.totals.referred, k.totals.closed]).toEqual(['registered', 'accepted', 'mediated', 'agreed', 'referred', 'closed'].map((c) => Number(e![c])));

    // Per level, committee, room and category: the ledger grouped, and each view adds up to the totals.
    const by = <K extends string>(key: (l: Ledger) => K) => {
      const m = new Map<K, { registered: number; mediated: number; agreed: number }>();
      for (const l of ledger) {
        const x = m.get(key(l)) ?? { registered: 0, mediated: 0, agreed: 0 };
        m.set(key(l), { registered: x.registered + 1, mediated: x.mediated + (l.fromMediating ? 1 : 0), agreed: x.agreed + (l.outcome === 'agreed' ? 1 : 0) });
      }
      return m;
    };
    const pick = (row: { registered: number; mediated: number; agreed: number }) => ({ registered: row.registered, mediated: row.mediated, agreed: row.agreed });
    for (const [level, v] of by((l) => l.committee.level)) expect(pick(k.byLevel.find((x: { key: string }) => x.key === level)), level).toEqual(v);
    expect(k.byLevel.map((x: { key: string }) => x.key)).toEqual(['village', 'township', 'county', 'industry']);
    for (const [id, v] of by((l) => l.committee.id)) expect(pick(k.byCommittee.find((x: { key: string }) => x.key === id)), id).toEqual(v);
    for (const [cat, v] of by((l) => l.category)) expect(pick(k.byCategory.find((x: { key: string }) => x.key === cat)), cat).toEqual(v);
    // Rooms: registration is counted with no room (it has none yet); every later step at the dispute's room.
    const rooms = new Map<string, { mediated: number; agreed: number }>();
    for (const l of ledger.filter((x) => x.fromMediating)) {
      const x = rooms.get(l.room ?? '') ?? { mediated: 0, agreed: 0 };
      rooms.set(l.room ?? '', { mediated: x.mediated + 1, agreed: x.agreed + (l.outcome === 'agreed' ? 1 : 0) });
    }
    for (const [room, v] of rooms) expect({ mediated: k.byRoom.find((x: { key: string }) => x.key === room).mediated, agreed: k.byRoom.find((x: { key: string }) => x.key === room).agreed }, room).toEqual(v);
    expect(k.byRoom.find((x: { key: string }) => x.key === orgs[2]!.rooms[0]).name).toBe('才让当知调解室');
    expect(k.byRoom.find((x: { key: string }) => x.key === '').registered).toBe(ledger.length);
    for (const view of ['byLevel', 'byCommittee', 'byCategory', 'byRoom'] as const) {
      for (const c of ['registered', 'mediated', 'agreed', 'failed', 'refused'] as const) expect(k[view].reduce((s: number, x: Record<string, number>) => s + x[c]!, 0), `${view}.${c}`).toBe(k.totals[c]);
    }
    expect(k.trend.reduce((s: number, d: { agreed: number }) => s + d.agreed, 0)).toBe(expected.agreed);

    // Per mediator: each mediator of a dispute counts it (two mediators: both), so the view adds up to more than the totals.
    for (const m of orgs.flatMap((o) => o.mediators)) {
      const mine = ledger.filter((l) => l.mediators.includes(m));
      const row = k.byMediator.find((x: { key: string }) => x.key === m.id);
      const want = { accepted: sum(mine, (l) => l.accepted), mediated: sum(mine, (l) => l.fromMediating), agreed: sum(mine, (l) => l.outcome === 'agreed'), failed: sum(mine, (l) => l.outcome === 'failed'), referred: sum(mine, (l) => l.outcome === 'referred' && l.mediators.length > 0), refused: sum(mine, (l) => l.outcome === 'refused') };
      if (!want.accepted && !want.refused) continue;
      expect(row, m.name).toBeDefined();
      expect({ accepted: row.accepted, mediated: row.mediated, agreed: row.agreed, failed: row.failed, referred: row.referred, refused: row.refused }, m.name).toEqual(want);
      expect(row.name).toBe(m.name);
    }
    const joint = sum(ledger, (l) => l.mediators.length === 2 && l.outcome === 'agreed');
    expect(k.byMediator.reduce((s: number, x: { agreed: number }) => s + x.agreed, 0)).toBe(expected.agreed + joint);
  }, 120_000);

  it('hides counts of 1–4 when one village is asked', async () => {
    const res = await w.as(boss, 'GET', `/api/kpis/mediation?region=${fixture.villageA}&${window()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const [c, v] of Object.entries(res.body.totals as Record<string, number | null>)) expect(v === null || v === 0 || v >= 5, c).toBe(true);
    for (const row of res.body.byCategory as Record<string, number | null>[]) for (const c of ['registered', 'agreed', 'failed']) expect(row[c] === null || row[c] === 0 || row[c]! >= 5, `${row.key} ${c}`).toBe(true);
    // Outside the leader's scope: as if it did not exist.
    expect((await w.as('leader.t', 'GET', `/api/kpis/mediation?region=${fixture.county}`)).status).toBe(404);
  });

  it('pays 以案定补 per mediator from the rates as set (audited with old and new), and exports the payment list', async () => {
    expect((await w.as(boss, 'GET', '/api/mediation/subsidy-rates')).body).toEqual({ countyCode: fixture.county.slice(0, 6), rates: [], updatedAt: null });
    const bad = await w.as(boss, 'PUT', '/api/mediation/subsidy-rates', { rates: [{ category: 'nonsense', outcome: 'agreed', fen: 100 }] });
    expect(bad.status).toBe(400);
    await ok(await w.as(boss, 'PUT', '/api/mediation/subsidy-rates', { rates: [{ category: '*', outcome: 'agreed', fen: 1 }] }), 'first rates');
    const set = await w.as(boss, 'PUT', '/api/mediation/subsidy-rates', { rates });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(SubsidyRates.strict().safeParse(set.body).error).toBeUndefined();
    expect(set.body.rates).toHaveLength(rates.length);
    const [a] = await env.ctx.database.query<{ detail: { old: unknown[]; new: unknown[] } }>(`SELECT detail FROM audit_log WHERE action = 'mediationSubsidy.setRates' ORDER BY id DESC LIMIT 1`);
    expect(a!.detail.old).toEqual([{ category: '*', outcome: 'agreed', fen: 1 }]);
    expect(a!.detail.new).toEqual(rates);
    // Rates are set for a whole county: a township's leader (mediation:admin) may not.
    expect((await w.as('leader.t', 'PUT', '/api/mediation/subsidy-rates', { rates })).status).toBe(403);
    // Only mediation:admin: an operator may not read or set them.
    expect((await w.as('op.a', 'GET', '/api/mediation/subsidies')).status).toBe(403);

    const res = await w.as(boss, 'GET', `/api/mediation/subsidies?${window()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Subsidies.strict().safeParse(res.body).error).toBeUndefined();
    // The ledger's account: each case that ended while a mediator was on it, at its rate; two mediators are each paid in full.
    let total = 0;
    for (const m of orgs.flatMap((o) => o.mediators)) {
      const mine = ledger.filter((l) => l.mediators.includes(m) && l.outcome !== null);
      const amount = mine.reduce((s, l) => s + rateOf(l.category, l.outcome!), 0);
      total += amount;
      const row = res.body.rows.find((x: { mediatorId: string }) => x.mediatorId === m.id);
      if (!mine.length) {
        expect(row, m.name).toBeUndefined();
        continue;
      }
      expect(row.amountFen, m.name).toBe(amount);
      expect(row.cases, m.name).toEqual({ agreed: sum(mine, (l) => l.outcome === 'agreed'), failed: sum(mine, (l) => l.outcome === 'failed'), referred: sum(mine, (l) => l.outcome === 'referred'), refused: sum(mine, (l) => l.outcome === 'refused') });
    }
    expect(res.body.totalFen).toBe(total);
    expect(total).toBeGreaterThan(0);

    const x = await env.app.inject({ method: 'GET', url: `/api/mediation/subsidies.xlsx?${window()}`, headers: { cookie: await login(env.app, boss) } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(8).value).toBe(total / 100);
    expect(String(ws.getRow(1).getCell(1).value)).toContain(res.body.from);
    expect(ws.getRow(3).getCell(2).value).toBe(res.body.rows[0].name);
    const [exp] = await env.ctx.database.query<{ detail: { totalFen: number } }>(`SELECT detail FROM audit_log WHERE action = 'mediationSubsidy.export' ORDER BY id DESC LIMIT 1`);
    expect(exp!.detail.totalFen).toBe(total);
  }, 60_000);

  it('ranks 调解能手 by agreements then success rate, with a minimum mediated, ties explained and awards shown', async () => {
    const res = await w.as(boss, 'GET', `/api/mediation/experts?minMediated=3&${window()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Experts.strict().safeParse(res.body).error).toBeUndefined();
    const stat = (m: Mediator) => {
      const mine = ledger.filter((l) => l.mediators.includes(m) && l.fromMediating);
      return { m, mediated: mine.length, agreed: sum(mine, (l) => l.outcome === 'agreed') };
    };
    const all = orgs.flatMap((o) => o.mediators).map(stat);
    const eligible = all.filter((s) => s.mediated >= 3);
    const rows = res.body.rows as { rank: number | null; mediatorId: string; agreed: number; mediated: number; successRate: number | null; awards: string[]; tie: string | null }[];
    expect(rows.filter((r) => r.rank !== null).map((r) => r.mediatorId).sort()).toEqual(eligible.map((s) => s.m.id).sort());
    for (const s of all.filter((x) => x.mediated > 0)) {
      const row = rows.find((r) => r.mediatorId === s.m.id)!;
      expect({ mediated: row.mediated, agreed: row.agreed }, s.m.name).toEqual({ mediated: s.mediated, agreed: s.agreed });
      // The rank is one more than the number of mediators strictly better (more agreements, or as many at a higher rate).
      if (row.rank !== null) {
        const better = eligible.filter((o) => o.agreed > s.agreed || (o.agreed === s.agreed && o.agreed / o.mediated > s.agreed / s.mediated + 1e-9)).length;
        expect(row.rank, s.m.name).toBe(better + 1);
      }
    }
    expect(rows.find((r) => r.mediatorId === orgs[0]!.mediators[2]!.id)?.awards ?? ['调解能手']).toEqual(['调解能手']);
    // Ranked rows first, in rank order.
    const ranks = rows.map((r) => r.rank);
    expect(ranks.slice(0, eligible.length).every((v, i, xs) => v !== null && (i === 0 || v >= xs[i - 1]!))).toBe(true);
    expect(ranks.slice(eligible.length).every((v) => v === null)).toBe(true);
  });

  it('the migration\'s backfill, replayed over the same events, rebuilds both rollups row for row', async () => {
    const tables = {
      dispute_stats_daily: 'county_code, region_code, committee_id, room_key, category, day, registered, accepted, mediated, agreed, failed, referred, refused, concluded, closed',
      dispute_mediator_stats_daily: 'county_code, region_code, mediator_id, category, day, accepted, mediated, agreed, failed, referred, refused',
    };
    const sql = readFileSync(new URL('../../db/migrations/0032_mediation_stats.sql', import.meta.url), 'utf8');
    for (const [table, columns] of Object.entries(tables)) {
      // Rows a transfer emptied (registered 1 − 1) are zero everywhere; the backfill never writes them.
      const read = () => env.ctx.database.query<Record<string, unknown>>(`SELECT ${columns} FROM ${table} WHERE (${columns.split(', ').slice(table === 'dispute_stats_daily' ? 6 : 5).join(' + ')}) <> 0 OR ${columns.split(', ').slice(table === 'dispute_stats_daily' ? 6 : 5).map((c) => `${c} <> 0`).join(' OR ')} ORDER BY ${columns.split(', ').slice(0, table === 'dispute_stats_daily' ? 6 : 5).join(', ')}`);
      const built = await read();
      expect(built.length, table).toBeGreaterThan(5);
      const start = sql.indexOf(`INSERT INTO ${table} `);
      const end = sql.indexOf(';', start);
      await env.ctx.database.query(`DELETE FROM ${table}`);
      await env.ctx.database.query(sql.slice(start, end + 1));
      expect(await read(), table).toEqual(built);
    }
  }, 60_000);
});

async function refuse(l: Ledger) {
  const [p] = await env.ctx.database.query<{ id: string }>(`SELECT p.id FROM dispute_parties p JOIN disputes d ON d.county_code = p.county_code AND d.id = p.dispute_id WHERE d.code = $1 ORDER BY p.position LIMIT 1`, [l.code]);
  await ok(await w.act(boss, l.code, 'refuse', { partyId: p!.id, reason: '一方明确表示不同意调解' }), 'refuse');
  l.outcome = 'refused';
}

async function refer(l: Ledger) {
  await ok(await w.act(boss, l.code, 'refer', { to: l.category === 'labour' ? 'arbitration' : 'court', receiver: '县人民法院', reason: '诉调对接' }), 'refer');
  l.outcome = 'referred';
}

async function answerAndClose(l: Ledger, close: boolean) {
  await ok(await w.act(boss, l.code, 'recordReferralAnswer', { answer: 'accepted', text: '已立案受理', answeredAt: env.clock.now().toISOString() }), 'answer');
  if (!close) return;
  await ok(await w.act(boss, l.code, 'close', {}), 'close referred');
  l.closed = true;
}
