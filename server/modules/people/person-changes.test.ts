/**
 * Changing registered persons and households: fields changed with the version read (a change made meanwhile is
 * refused), values stored encrypted again and searchable by the new name, a person without a household moving to
 * another grid (in both grids' history), a household's head and risk level, and a member taken out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, seedFixture, signInCast, type TestEnv } from '../../test/harness.ts';
import { checkCharacter } from '../../../core/people/id-number.ts';

let env: TestEnv;
const c: Record<string, string> = {};
const id18 = (first17: string) => first17 + checkCharacter(first17);
type Body = Awaited<ReturnType<typeof call>>['body'];
let person: Body;
let household: Body;
let spouse: string;

beforeAll(async () => {
  env = await createTestEnv();
  await seedFixture(env.ctx);
  Object.assign(c, await signInCast(env, ['gw.a', 'gw.b']));
  person = (await call(env.app, 'POST', '/api/people', c['gw.a'], { gridCode: fixture.gridA1, personType: '01', name: '马建国', idNumber: id18('63222119800101101'), phone: '13911112222' })).body;
  spouse = (await call(env.app, 'POST', '/api/people', c['gw.a'], { gridCode: fixture.gridA1, personType: '01', name: '韩秀英', idNumber: id18('63222119820202102') })).body.id;
  household = (await call(env.app, 'POST', '/api/households', c['gw.a'], { gridCode: fixture.gridA1, address: 'A村8号' })).body;
  for (const [id, relation] of [[person.id, '02'], [spouse, '10']]) await call(env.app, 'POST', `/api/households/${household.id}/members`, c['gw.a'], { personId: id, relation });
  // Joining the household changed both records: edit from what is current now.
  person = (await call(env.app, 'GET', `/api/people/${person.id}`, c['gw.a'])).body;
  household = (await call(env.app, 'GET', `/api/households/${household.id}`, c['gw.a'])).body;
});
afterAll(() => env?.close());

describe('changing the registry', () => {
  it('changes a person’s name and phone with the version read, refusing a stale version and bad values', async () => {
    expect((await call(env.app, 'PATCH', `/api/people/${person.id}`, c['gw.a'], { version: person.version })).body.error.details[0].code).toBe('nothing_to_change');
    const bad = await call(env.app, 'PATCH', `/api/people/${person.id}`, c['gw.a'], { version: person.version, phone: '123', personType: '88' });
    expect(bad.body.error.details.map((d: { code: string }) => d.code)).toEqual(['unknown_code', 'bad_mobile']);
    const r = await call(env.app, 'PATCH', `/api/people/${person.id}`, c['gw.a'], { version: person.version, name: '马建华', phone: '+86 137-0000-3333', address: null });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: '马**', phone: '137****3333', address: null, version: person.version + 1 });
    const again = await call(env.app, 'PATCH', `/api/people/${person.id}`, c['gw.a'], { version: person.version, address: '旧地址' });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].code).toBe('stale');
    // Found by the new name only; stored encrypted; history and audit name the fields, not the values.
    expect((await call(env.app, 'GET', `/api/people?name=${encodeURIComponent('马建华')}`, c['gw.a'])).body.total).toBe(1);
    expect((await call(env.app, 'GET', `/api/people?name=${encodeURIComponent('马建国')}`, c['gw.a'])).body.total).toBe(0);
    // …and by the new phone, however it is typed; the old one finds nobody.
    expect((await call(env.app, 'GET', `/api/people?phone=${encodeURIComponent('137 0000 3333')}`, c['gw.a'])).body.items.map((p: { id: string }) => p.id)).toEqual([person.id]);
    expect((await call(env.app, 'GET', '/api/people?phone=13911112222', c['gw.a'])).body.total).toBe(0);
    expect((await call(env.app, 'GET', '/api/people?phone=12345', c['gw.a'])).body.error.details[0].code).toBe('bad_mobile');
    const raw = JSON.stringify(await env.ctx.database.query('SELECT * FROM persons WHERE id = $1', [person.id]));
    for (const plain of ['马建华', '13700003333']) expect(raw).not.toContain(plain);
    const card = (await call(env.app, 'GET', `/api/people/${person.id}`, c['gw.a'])).body;
    expect(card.history[0]).toMatchObject({ event: 'changed', data: { fields: ['name', 'phone', 'address'] } });
    const audit = JSON.stringify(await env.ctx.database.query(`SELECT detail FROM audit_log WHERE action = 'person.update'`));
    expect(audit).toContain('phone');
    expect(audit).not.toContain('3333');
    expect((await call(env.app, 'PATCH', `/api/people/${person.id}`, c['gw.b'], { version: 1, address: 'x' })).status).toBe(404);
  });

  it('changes the head and risk level of a household; the head must be a member', async () => {
    expect((await call(env.app, 'PATCH', `/api/households/${household.id}`, c['gw.a'], { version: household.version, headPersonId: '00000000-0000-4000-8000-000000000000' })).body.error.details[0].code).toBe('not_member');
    const r = await call(env.app, 'PATCH', `/api/households/${household.id}`, c['gw.a'], { version: household.version, headPersonId: spouse, riskLevel: 'key', number: '010203' });
    expect(r.body).toMatchObject({ headPersonId: spouse, riskLevel: 'key', number: '010203', version: household.version + 1 });
    expect((await call(env.app, 'PATCH', `/api/households/${household.id}`, c['gw.a'], { version: household.version, riskLevel: 'normal' })).status).toBe(409);
    const card = (await call(env.app, 'GET', `/api/households/${household.id}`, c['gw.a'])).body;
    expect(card.members.find((m: { id: string }) => m.id === spouse).head).toBe(true);
    expect(card.history[0]).toMatchObject({ event: 'changed', data: { fields: ['number', 'riskLevel', 'headPersonId'], riskLevel: 'key' } });
  });

  it('moves a person to another grid only once out of the household, and shows the move in both grids', async () => {
    const inHousehold = await call(env.app, 'POST', `/api/people/${person.id}/move`, c['gw.a'], { gridCode: fixture.gridA2, reason: '外出务工返乡' });
    expect(inHousehold.body.error.details[0].code).toBe('in_household');
    const card = (await call(env.app, 'POST', `/api/households/${household.id}/members/${person.id}/remove`, c['gw.a'])).body;
    expect(card.members.map((m: { id: string }) => m.id)).toEqual([spouse]);
    expect((await call(env.app, 'POST', `/api/households/${household.id}/members/${person.id}/remove`, c['gw.a'])).body.error.details[0].code).toBe('not_member');
    expect((await call(env.app, 'POST', `/api/people/${person.id}/move`, c['gw.a'], { gridCode: fixture.gridA1, reason: '原地' })).body.error.details[0].code).toBe('same_grid');
    expect((await call(env.app, 'POST', `/api/people/${person.id}/move`, c['gw.a'], { gridCode: fixture.gridB1, reason: '跨村' })).body.error.details[0].code).toBe('unknown_grid');
    const moved = await call(env.app, 'POST', `/api/people/${person.id}/move`, c['gw.a'], { gridCode: fixture.gridA2, reason: '外出务工返乡', address: 'A村二组3号' });
    expect(moved.body).toMatchObject({ gridCode: fixture.gridA2, address: 'A村二组3号', householdId: null });
    const inGrid = async (grid: string) => (await call(env.app, 'GET', `/api/people?grid=${grid}`, c['gw.a'])).body.items.map((p: { id: string }) => p.id);
    expect(await inGrid(fixture.gridA2)).toContain(person.id);
    expect(await inGrid(fixture.gridA1)).not.toContain(person.id);
    for (const grid of [fixture.gridA1, fixture.gridA2]) {
      const history = (await call(env.app, 'GET', `/api/grids/${grid}/registry-history`, c['gw.a'])).body as { event: string; objectId: string; fromGrid: string; toGrid: string }[];
      expect(history.find((e) => e.event === 'moved' && e.objectId === person.id)).toMatchObject({ fromGrid: fixture.gridA1, toGrid: fixture.gridA2 });
    }
  });
});
