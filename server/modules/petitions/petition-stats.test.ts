/**
 * Repeat detection and the petition statistics on generated data (issue 14 acceptance): 40 petitions from a
 * seeded generator go down random paths over HTTP on the fake clock (some notices and replies late, objections,
 * ratings); the repeats suggested at registration are what the earlier registrations say, and the dashboard's
 * figures are what the events say — counted here from petition_events, petitions and the settled clocks. The
 * migration's backfill, replayed over the same events, rebuilds the rollup row for row.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPRESS_BELOW } from '../../../core/petitions/stats.ts';
import { call, createTestEnv, fixture, upload, type TestEnv } from '../../test/harness.ts';
import { tinyPng } from '../../test/media-fixtures.ts';
import { petitionWorld } from '../../test/petition-builders.ts';
import { random } from '../../test/seeded-random.ts';
import { deliverDue } from '../outbox/outbox.service.ts';

const DAY = 86_400_000;
let env: TestEnv;
let w: Awaited<ReturnType<typeof petitionWorld>>;

// Matters far apart in wording (bigram similarity well under the threshold), so only the same text is the same matter.
const matters = ['村口道路塌陷三个月无人修复，要求尽快修复', '邻居违规搭建彩钢房遮挡采光', '养殖场污水直排河道气味刺鼻', '工程款拖欠农民工工资两个月', '低保评定程序不公开要求复核', '牧场草场界线争议多年未解决'] as const;
const villages = [fixture.villageA, fixture.villageB, fixture.villageC] as const;
const phones = ['13900010001', '13900010002', '13900010003', '13900010004', '13900010005', '13900010006', '13900010007', '13900010008'] as const;
const channels = ['visit', 'letter', 'phone', 'video', 'online'] as const;

interface Made { code: string; phone: string; matter: string; village: string; path: number; late: boolean }

beforeAll(async () => {
  env = await createTestEnv();
  w = await petitionWorld(env);
}, 60_000);
afterAll(async () => env?.close());

const reply = { facts: '经核查情况属实', basis: '有关法律法规', decision: '依法予以处理' };
async function ok(res: { status: number; body: unknown }, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(200);
}

describe('petition statistics on generated data', () => {
  const made: Made[] = [];

  it('suggests as repeats exactly the earlier petitions of the same phone, then those of the same matter at the same village', async () => {
    const r = random(20261201);
    for (let i = 0; i < 40; i++) {
      const phone = r.pick(phones), matter = r.pick(matters), village = r.pick(villages), channel = r.pick(channels.slice(0, 4));
      const collective = channel === 'visit' && r.next() < 0.4;
      const body = {
        channel, kind: 'complaint', categoryId: 'municipal.road', matter, villageCode: village, skippedLevel: r.next() < 0.2,
        petitioners: [{ name: '测试人', phone }], ...(channel === 'visit' ? { peopleCount: collective ? 6 : 1 } : {}),
        ...(channel === 'letter' ? { letterUploadIds: [(await upload(env.app, '/api/uploads', tinyPng(), w.cookies['petition.county'], 'letter.png')).body.id] } : {}),
      };
      // What the register already holds: the same phone first, newest first; then the same text at the same village.
      const byPerson = made.filter((m) => m.phone === phone).reverse();
      const byMatter = made.filter((m) => m.phone !== phone && m.matter === matter && m.village === village).reverse();
      const expected = [...byPerson.map((m) => [m.code, 'person']), ...byMatter.map((m) => [m.code, 'matter'])].slice(0, 10);
      const ask = await w.as('petition.county', 'GET', `/api/petitions/repeats?phone=${phone}&matter=${encodeURIComponent(matter)}&villageCode=${village}`);
      expect(ask.status, JSON.stringify(ask.body)).toBe(200);
      expect(ask.body.map((x: { code: string; match: string }) => [x.code, x.match]), `petition ${i}`).toEqual(expected);
      // The officer confirms every other suggested repeat.
      const confirm = expected.length && r.next() < 0.5 ? { repeatOf: expected[0]![0] } : {};
      const { code, repeats } = await w.register({ ...body, ...confirm });
      expect(repeats.map((x) => x.code)).toEqual(expected.map(([c]) => c));
      made.push({ code, phone, matter, village, path: Math.floor(r.next() * 6), late: r.next() < 0.35 });
      // Registrations come minutes apart (newest first needs distinct times).
      env.clock.advance(7 * 60_000);
    }
    // One online petition as a resident sends it (counted on the online channel).
    const online = await call(env.app, 'POST', '/api/public/petitions', undefined, { kind: 'suggestion', categoryId: 'municipal.road', matter: '建议村里增设公交站', villageCode: fixture.villageA, name: '孙七', phone: '13900019999' });
    expect(online.status, JSON.stringify(online.body)).toBe(201);
  }, 240_000);

  it('counts notices, replies, service and ratings the way the events and clocks say', async () => {
    const to = (m: Made) => (m.path % 2 ? { departmentId: w.depts.housing } : { regionCode: fixture.townshipA });
    const bodyOf = (m: Made) => (m.path % 2 ? 'handler.housing' : 'petition.a');
    // Day 0: paths 1–5 are transferred; path 5 is objected to and sent to the market department instead.
    for (const m of made.filter((x) => x.path >= 1)) await ok(await w.act('petition.county', m.code, 'transfer', { to: to(m) }), `transfer ${m.code}`);
    for (const m of made.filter((x) => x.path === 5)) {
      await ok(await w.act(bodyOf(m), m.code, 'object', { reason: '不属本单位职责' }), 'object');
      await ok(await w.act('petition.county', m.code, 'transfer', { to: { departmentId: w.depts.market } }), 'transfer again');
    }
    const body = (m: Made) => (m.path === 5 ? 'handler.market' : bodyOf(m));
    // Path 2 is refused (诉访分离); paths 3–5 accepted; those marked late only after the 15 days ran out.
    const notice = async (m: Made) => {
      if (m.path === 2) await ok(await w.act(body(m), m.code, 'notAccept', { ground: 'litigation', reason: '属于诉讼程序解决的事项', steerTo: '县人民法院' }), 'notAccept');
      else await ok(await w.act(body(m), m.code, 'accept', { procedure: '依法办理' }), 'accept');
      await ok(await w.act(body(m), m.code, 'serve', { method: 'in_person', servedAt: env.clock.now().toISOString() }), 'serve notice');
    };
    for (const m of made.filter((x) => x.path >= 2 && !x.late)) await notice(m);
    env.clock.advance(17 * DAY);
    for (const m of made.filter((x) => x.path >= 2 && x.late)) await notice(m);
    // Replies: paths 4 and 5 in time; path 3 after the 60 days.
    const conclude = async (m: Made) => {
      await ok(await w.act(body(m), m.code, 'conclude', reply), 'conclude');
      await ok(await w.act(body(m), m.code, 'serve', { method: 'post', trackingNo: 'XA000000002CN', servedAt: env.clock.now().toISOString() }), 'serve reply');
    };
    for (const m of made.filter((x) => x.path >= 4)) await conclude(m);
    env.clock.advance(62 * DAY);
    for (const m of made.filter((x) => x.path === 3)) await conclude(m);
    // Petitioners rate with the key their SMS carried; some ratings are left out.
    await deliverDue(env.ctx);
    const ratings = ['satisfied', 'basically', 'unsatisfied'] as const;
    let n = 0;
    for (const m of made.filter((x) => x.path >= 3)) {
      if (n++ % 4 === 3) continue;
      const sms = env.sms.sent.find((s) => s.text.includes(`/track/${m.code}#k=`));
      const res = await call(env.app, 'POST', `/api/public/petitions/${m.code}/rating`, undefined, { rating: ratings[n % 3], key: sms!.text.split('#k=')[1]! });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    // What the events say, counted here from scratch.
    const [e] = await env.ctx.database.query<Record<string, string>>(`
      SELECT count(*) FILTER (WHERE e.type = 'register') AS registered,
             count(*) FILTER (WHERE e.type = 'register' AND p.collective) AS collective,
             count(*) FILTER (WHERE e.type = 'register' AND p.skipped_level) AS skipped,
             count(*) FILTER (WHERE e.type = 'register' AND p.repeat_of IS NOT NULL) AS repeated,
             count(*) FILTER (WHERE e.type = 'register' AND p.channel = 'online') AS online,
             count(*) FILTER (WHERE e.type IN ('accept', 'notAccept')) AS notified,
             count(*) FILTER (WHERE e.type = 'notAccept') AS not_accepted,
             count(*) FILTER (WHERE e.type = 'conclude') AS concluded,
             count(*) FILTER (WHERE e.type = 'serve') AS served,
             count(*) FILTER (WHERE e.type = 'rate') AS rated,
             count(*) FILTER (WHERE e.type = 'rate' AND e.data->>'rating' IN ('satisfied', 'basically')) AS satisfied
      FROM petition_events e JOIN petitions p ON p.county_code = e.county_code AND p.id = e.petition_id`);
    const [late] = await env.ctx.database.query<Record<string, string>>(`
      SELECT count(*) FILTER (WHERE kind IN ('notify_by', 'transfer_by') AND state = 'breached' AND closed_at IS NOT NULL
                                AND EXISTS (SELECT 1 FROM petition_events e WHERE e.county_code = c.county_code AND e.petition_id = c.subject_id AND e.at = c.closed_at AND e.type IN ('accept', 'notAccept'))) AS notices,
             count(*) FILTER (WHERE kind = 'conclude_by' AND state = 'breached') AS replies
      FROM clocks c WHERE subject_type = 'petition'`);
    const num = (x: Record<string, string> | undefined, k: string) => Number(x![k]);
    // The generator's own account agrees with the events before the rollup is compared with either.
    const noticed = made.filter((m) => m.path >= 2);
    expect(num(e, 'notified')).toBe(noticed.length);
    expect(num(late, 'notices')).toBe(noticed.filter((m) => m.late).length);
    expect(num(late, 'replies')).toBe(made.filter((m) => m.path === 3).length);

    const kpi = await w.as('leader.county', 'GET', '/api/kpis/petitions?from=2026-03-01T00:00:00%2B08:00&to=2026-06-30T00:00:00%2B08:00');
    expect(kpi.status, JSON.stringify(kpi.body)).toBe(200);
    const t = kpi.body.totals;
    expect(t).toEqual({
      registered: num(e, 'registered'), collective: num(e, 'collective'), skippedLevel: num(e, 'skipped'), repeated: num(e, 'repeated'),
      notified: num(e, 'notified'), notifiedInTime: num(e, 'notified') - num(late, 'notices'), notAccepted: num(e, 'not_accepted'),
      concluded: num(e, 'concluded'), concludedInTime: num(e, 'concluded') - num(late, 'replies'), served: num(e, 'served'), rated: num(e, 'rated'),
      satisfied: expect.any(Number), basicallySatisfied: expect.any(Number),
    });
    expect(t.satisfied + t.basicallySatisfied).toBe(num(e, 'satisfied'));
    expect(kpi.body.channels.online).toBe(num(e, 'online'));
    expect(kpi.body.rates.repeat).toBeCloseTo(num(e, 'repeated') / num(e, 'registered'), 3);
    expect(kpi.body.rates.concludedInTime).toBeCloseTo(t.concludedInTime / t.concluded, 3);
    expect(kpi.body.trend.reduce((s: number, d: { registered: number }) => s + d.registered, 0)).toBe(num(e, 'registered'));

    // Per body: a department's notices are the events at petitions it holds; small counts hidden, never shown as 0.
    const perBody = await env.ctx.database.query<{ key: string; n: string }>(`
      SELECT CASE WHEN p.body_department_id IS NOT NULL THEN 'd:' || p.body_department_id ELSE 'r:' || coalesce(p.body_region_code, p.office_region) END AS key, count(*) AS n
      FROM petition_events e JOIN petitions p ON p.county_code = e.county_code AND p.id = e.petition_id WHERE e.type IN ('accept', 'notAccept') GROUP BY 1`);
    for (const b of perBody) {
      const shown = kpi.body.bodies.find((x: { key: string }) => x.key === b.key);
      expect(shown, b.key).toBeDefined();
      // The count itself, or hidden: always when under 5, and once more when one hidden cell could be worked out.
      if (Number(b.n) < SUPPRESS_BELOW) expect(shown.notified, b.key).toBeNull();
      else expect([Number(b.n), null], b.key).toContain(shown.notified);
      expect(shown.name).toBeTruthy();
    }
    // No hidden cell can be worked out from the total: never exactly one hidden among the non-zero ones.
    const hiddenBodies = perBody.filter((b) => kpi.body.bodies.find((x: { key: string }) => x.key === b.key).notified === null).length;
    expect(hiddenBodies === 1 && t.notified !== null).toBe(false);
    expect(kpi.body.bodies.find((x: { key: string }) => x.key === `d:${w.depts.housing}`).name).toBe('县住房和城乡建设局');
    // Per township: registrations of its villages; counts under 5 are null.
    const perChild = await env.ctx.database.query<{ t: string; n: string }>(`SELECT substr(coalesce(village_code, office_region), 1, 9) AS t, count(*) AS n FROM petitions GROUP BY 1`);
    for (const c of perChild) {
      const shown = kpi.body.children.find((x: { code: string }) => x.code === c.t + '000');
      if (Number(c.n) < SUPPRESS_BELOW) expect(shown?.registered, c.t).toBeNull();
      else expect([Number(c.n), null], c.t).toContain(shown?.registered);
    }
    const hiddenChildren = kpi.body.children.filter((x: { registered: number | null }) => x.registered === null).length;
    expect(hiddenChildren === 1 && t.registered !== null).toBe(false);
    // One village asked: every count of 1–4 is hidden there too.
    const village = await w.as('leader.county', 'GET', `/api/kpis/petitions?region=${fixture.villageC}&from=2026-03-01T00:00:00%2B08:00&to=2026-06-30T00:00:00%2B08:00`);
    for (const [k, v] of Object.entries(village.body.totals as Record<string, number | null>)) expect(v === null || v === 0 || v >= SUPPRESS_BELOW, k).toBe(true);
  }, 300_000);

  it('the migration\'s backfill, replayed over the same events, rebuilds the rollup row for row', async () => {
    const columns = 'county_code, region_code, body_key, day, registered, ch_visit, ch_letter, ch_online, ch_phone, ch_video, collective, skipped_level, repeated, notified, notified_in_time, not_accepted, concluded, concluded_in_time, served, rated, satisfied, basically_satisfied';
    const read = () => env.ctx.database.query<Record<string, unknown>>(`SELECT ${columns} FROM petition_stats_daily ORDER BY county_code, region_code, body_key, day`);
    const built = await read();
    expect(built.length).toBeGreaterThan(5);
    const sql = readFileSync(new URL('../../db/migrations/0029_petition_stats.sql', import.meta.url), 'utf8');
    const backfill = sql.slice(sql.indexOf('INSERT INTO petition_stats_daily'));
    await env.ctx.database.query('DELETE FROM petition_stats_daily');
    await env.ctx.database.query(backfill);
    expect(await read()).toEqual(built);
  }, 60_000);
});
