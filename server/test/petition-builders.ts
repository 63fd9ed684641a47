/** A small petition world for tests: the county's 信访部门, a department's handler, a leader; register and act through HTTP. */
import { checkCharacter } from '../../core/people/id-number.ts';
import { systemActor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import { setCalendarDay } from '../modules/catalog/catalog.service.ts';
import { call, fixture, login, makeUser, seedDepartments, seedFixture, type TestEnv } from './harness.ts';

/** A valid ID number of the fixture county. */
export const idOf = (first17: string) => first17 + checkCharacter(first17);

/** Users: po (county petition officer), po.a (township A's), h (housing handler), m (market handler), boss (county leader). */
export async function petitionWorld(env: TestEnv) {
  await seedFixture(env.ctx);
  const depts = await seedDepartments(env.ctx);
  await makeUser(env.ctx, 'petition.county', 'petitionOfficer', fixture.county);
  await makeUser(env.ctx, 'petition.a', 'petitionOfficer', fixture.townshipA);
  await makeUser(env.ctx, 'handler.housing', 'handler', fixture.county, depts.housing);
  await makeUser(env.ctx, 'handler.market', 'handler', fixture.county, depts.market);
  await makeUser(env.ctx, 'leader.county', 'leader', fixture.county);
  const cookies: Record<string, string> = {};
  for (const u of ['petition.county', 'petition.a', 'handler.housing', 'handler.market', 'leader.county']) cookies[u] = await login(env.app, u);
  // The fake clock jumps days: a session that timed out signs in again.
  const as = async (who: string, method: string, url: string, body?: object) => {
    let res = await call(env.app, method, url, cookies[who], body);
    if (res.status === 401) {
      cookies[who] = await login(env.app, who);
      res = await call(env.app, method, url, cookies[who], body);
    }
    return res;
  };
  const act = (who: string, code: string, action: string, body: object = {}) => as(who, 'POST', `/api/petitions/${code}/actions/${action}`, body);
  const card = async (who: string, code: string) => {
    const res = await as(who, 'GET', `/api/petitions/${code}`);
    if (res.status !== 200) throw new Error(`card: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const list = async (who: string, query = '') => (await as(who, 'GET', `/api/petitions${query}`)).body;
  const register = async (body: Partial<Record<string, unknown>> = {}) => {
    const res = await as('petition.county', 'POST', '/api/petitions', { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: '村口道路塌陷三个月无人修复，要求尽快修复', villageCode: fixture.villageA, petitioners: [{ name: '李四', phone: '13900001111' }], ...body });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { code: string; repeats: { code: string; final: boolean; match: string }[] };
  };
  const holiday = (day: string) => setCalendarDay(env.ctx, systemActor(ROOT_SCOPE, 'test'), { countyCode: '632221', day, kind: 'holiday', name: '测试假日' });
  return { depts, cookies, as, act, card, list, register, holiday };
}

/** The due time of a petition card's clock of this kind that is still running (or the latest of that kind). */
export function dueOf(card: Record<string, unknown>, kind: string): string {
  const all = (card.clocks as { kind: string; dueAt: string; state: string }[]).filter((c) => c.kind === kind);
  const c = all.find((x) => x.state === 'open' || x.state === 'warned') ?? all.at(-1);
  if (!c) throw new Error(`no ${kind} clock`);
  return c.dueAt;
}
