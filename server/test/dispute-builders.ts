/**
 * A small mediation world for tests: village A's committee (its head and a Tibetan-speaking mediator, both with
 * accounts, and a 365 room), township A's committee, an operator and a grid worker of village A, leaders of
 * township A and the county; register and act through HTTP.
 */
import { systemActor } from '../lib/actor.ts';
import { idOf } from './petition-builders.ts';
import { createCommittee, createMediator, createRoom } from '../modules/mediation/organisation.service.ts';
import { call, fixture, login, makeUser, seedFixture, type TestEnv } from './harness.ts';

/** The due time of a card's clock (the same shape as a petition card's). */
export { dueOf } from './petition-builders.ts';

/** Two neighbours of village A (a boundary quarrel). */
export const neighbours = () => [
  { side: 'applicant', name: '马福海', idNumber: idOf('63222119700315001'), phone: '13900002222', address: '城关村3号' },
  { side: 'respondent', name: '韩德胜', phone: '13900003333', agent: { name: '韩小明', phone: '13900004444', relation: '儿子' } },
];

export async function disputeWorld(env: TestEnv) {
  await seedFixture(env.ctx);
  const root = systemActor(fixture.province, 'test');
  const villageCommittee = await createCommittee(env.ctx, root, { level: 'village', regionCode: fixture.villageA, name: 'A村人民调解委员会', active: true });
  const townshipCommittee = await createCommittee(env.ctx, root, { level: 'township', regionCode: fixture.townshipA, name: 'A镇人民调解委员会', active: true });
  const room = await createRoom(env.ctx, root, { committeeId: villageCommittee.id, name: '365调解室', mode: 'onsite', active: true });
  const users: Record<string, string> = {};
  users['med.head'] = await makeUser(env.ctx, 'med.head', 'mediator', fixture.villageA);
  users['med.a'] = await makeUser(env.ctx, 'med.a', 'mediator', fixture.villageA);
  users['med.t'] = await makeUser(env.ctx, 'med.t', 'mediator', fixture.townshipA);
  users['op.a'] = await makeUser(env.ctx, 'op.a', 'operator', fixture.villageA);
  users['gw.a'] = await makeUser(env.ctx, 'gw.a', 'gridWorker', fixture.villageA);
  users['gw.a2'] = await makeUser(env.ctx, 'gw.a2', 'gridWorker', fixture.villageA);
  users['leader.t'] = await makeUser(env.ctx, 'leader.t', 'leader', fixture.townshipA);
  users['leader.county'] = await makeUser(env.ctx, 'leader.county', 'leader', fixture.county);
  users['po.county'] = await makeUser(env.ctx, 'po.county', 'petitionOfficer', fixture.county);
  const head = await createMediator(env.ctx, root, { committeeId: villageCommittee.id, name: '马主任', userId: users['med.head'], isHead: true, skills: ['邻里纠纷'], languages: ['zh'], awards: [], active: true });
  const tibetan = await createMediator(env.ctx, root, { committeeId: villageCommittee.id, name: '才让当知', userId: users['med.a'], isHead: false, skills: ['草场纠纷', '婚姻家庭'], languages: ['zh', 'bo'], awards: ['全国模范人民调解员'], active: true });
  const townshipMediator = await createMediator(env.ctx, root, { committeeId: townshipCommittee.id, name: '镇调解员', userId: users['med.t'], isHead: true, skills: [], languages: ['zh'], awards: [], active: true });
  const cookies: Record<string, string> = {};
  // The fake clock jumps days: a session that timed out signs in again.
  const as = async (who: string, method: string, url: string, body?: object, headers: Record<string, string> = {}) => {
    cookies[who] ??= await login(env.app, who);
    let res = await call(env.app, method, url, cookies[who], body, headers);
    if (res.status === 401) {
      cookies[who] = await login(env.app, who);
      res = await call(env.app, method, url, cookies[who], body, headers);
    }
    return res;
  };
  const act = (who: string, code: string, action: string, body: object = {}) => as(who, 'POST', `/api/disputes/${code}/actions/${action}`, body);
  const card = async (who: string, code: string) => {
    const res = await as(who, 'GET', `/api/disputes/${code}`);
    if (res.status !== 200) throw new Error(`card: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const register = async (who = 'op.a', body: Record<string, unknown> = {}) => {
    const res = await as(who, 'POST', '/api/disputes', { source: 'walk_in', category: 'homestead', facts: '两家宅基地边界围墙争议，一方拆墙', claims: '边界以老界石为准', villageCode: fixture.villageA, parties: neighbours(), ...body });
    if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { code: string; status: string; committee: string; urgent: boolean };
  };
  /** A registered dispute assigned to 才让当知 and accepted by her (the month starts now). */
  const mediating = async () => {
    const { code } = await register();
    const a = await act('med.head', code, 'assign', { mediatorIds: [tibetan.id], roomId: room.id });
    if (a.status !== 200) throw new Error(`assign: ${a.status} ${JSON.stringify(a.body)}`);
    const b = await act('med.a', code, 'accept', {});
    if (b.status !== 200) throw new Error(`accept: ${b.status} ${JSON.stringify(b.body)}`);
    return code;
  };
  return { users, as, act, card, register, mediating, committees: { village: villageCommittee.id, township: townshipCommittee.id }, room: room.id, mediators: { head: head.id, tibetan: tibetan.id, township: townshipMediator.id } };
}
