/**
 * Extension records with checked fields, and the reminders of residence permits and visas that expire: the grid
 * worker sees who must renew, soonest first, and the list follows the calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, seedFixture, signInCast, type TestEnv } from '../../test/harness.ts';
import { addDays, cstDate } from '../../../core/calendar.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';

let env: TestEnv;
const c: Record<string, string> = {};
const id18 = (first17: string) => first17 + checkCharacter(first17);
const today = () => cstDate(env.clock.now());
const ids: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  Object.assign(c, await signInCast(env, ['gw.a', 'gw.b']));
  const people: [string, string, string, string][] = [['soon', '51010219900101101', '02', fixture.gridA1], ['expired', '51010219910202102', '02', fixture.gridA1], ['later', '51010219920303103', '02', fixture.gridA2], ['visa', '', '99', fixture.gridA2]];
  for (const [key, first17, personType, gridCode] of people) {
    ids[key] = (await call(env.app, 'POST', '/api/people', c['gw.a'], { gridCode, personType, name: `测试${key}`, ...(first17 ? { idNumber: id18(first17) } : {}) })).body.id;
  }
});
afterAll(() => env?.close());

const record = (key: string, body: object) => call(env.app, 'POST', `/api/people/${ids[key]}/records`, c['gw.a'], body);

describe('extension records and permit reminders', () => {
  it('checks a migrant record’s fields and names each bad one', async () => {
    const bad = await record('soon', { kind: 'migrant', data: { reason: '77', origin: '51', arrivedOn: '2025-02-30', permitExpiry: '2024-01-01' }, since: '2025-03-01', until: '2025-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string; code: string }) => `${d.path}:${d.code}`)).toEqual(['body.data.reason:unknown_code', 'body.data.origin:bad_region', 'body.data.arrivedOn:bad_date', 'body.until:before_since']);
    const ok = await record('soon', { kind: 'migrant', data: { reason: '01', origin: '510102', arrivedOn: '2025-03-01', permitNumber: 'QH-2025-001', permitExpiry: addDays(today(), 10) } });
    expect(ok.status).toBe(201);
    expect(ok.body.data).toMatchObject({ reason: '01', permitExpiry: addDays(today(), 10) });
  });

  it('lists expired and soon-expiring permits and visas, soonest first, in scope only, and follows the calendar', async () => {
    await record('expired', { kind: 'migrant', data: { reason: '03', permitExpiry: addDays(today(), -5) } });
    await record('later', { kind: 'migrant', data: { reason: '04', permitExpiry: addDays(today(), 60) } });
    await record('visa', { kind: 'foreign', data: { nationality: 'MNG', visaExpiry: addDays(today(), 20) } });
    const list = async (qs = '') => (await call(env.app, 'GET', `/api/people/expiring${qs}`, c['gw.a'])).body as { person: { id: string; name: string }; kind: string; expiresOn: string; daysLeft: number }[];
    expect((await list()).map((x) => [x.person.id, x.kind, x.daysLeft])).toEqual([[ids.expired, 'migrant', -5], [ids.soon, 'migrant', 10], [ids.visa, 'foreign', 20]]);
    expect((await list())[0]!.person.name).toMatch(/^测\*+$/);
    expect((await list(`?grid=${fixture.gridA2}`)).map((x) => x.person.id)).toEqual([ids.visa]);
    expect((await list('?days=90')).map((x) => x.person.id)).toContain(ids.later);
    expect((await call(env.app, 'GET', '/api/people/expiring', c['gw.b'])).body).toEqual([]);
    env.clock.advance(45 * 86_400_000);
    c['gw.a'] = await login(env.app, 'gw.a'); // the session idled out over those days
    expect((await list()).map((x) => [x.person.id, x.daysLeft])).toEqual([[ids.expired, -50], [ids.soon, -35], [ids.visa, -25], [ids.later, 15]]);
  });
});
