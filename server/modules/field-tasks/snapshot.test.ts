/**
 * The field app's device copy: the worker's grids (by their grid-staff links), masked households and persons, the
 * worker's open tasks; since a cursor only what changed, with tombstones for what left: a household moved to
 * another grid leaves at the next sync, an archived person leaves, a done task leaves; a grid linked or unlinked
 * makes the next answer a reset (a whole copy).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, type TestEnv } from '../../test/harness.ts';
import { fieldWorld, household, linkStaff, personUnderCare, unlinkStaff } from '../../test/visit-task-builders.ts';
import { systemActor } from '../../lib/actor.ts';
import { addMember, moveHousehold } from '../people/households.service.ts';
import { leave } from '../people/retention.service.ts';
import { generateForCounty } from './visit-task-generator.service.ts';

const COUNTY = fixture.county.slice(0, 6);
const root = systemActor(fixture.province, 'test');
let env: TestEnv;
let w: Awaited<ReturnType<typeof fieldWorld>>;
let cookie: string;
const id: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  w = await fieldWorld(env);
  id.home = await household(env, fixture.gridA1, '团结村1号');
  id.leaving = await household(env, fixture.gridA1, '团结村2号');
  id.head = await personUnderCare(env, fixture.gridA1, '马国强', { kind: 'special_group', category: '03', riskLevel: '4' });
  await addMember(env.ctx, root, id.home, { personId: id.head, relation: '02', head: true });
  id.alone = await personUnderCare(env, fixture.gridA1, '韩秀英', { kind: 'care', category: '01' });
  id.elsewhere = await personUnderCare(env, fixture.gridB1, '李德明', { kind: 'care', category: '01' });
  await generateForCounty(env.ctx, COUNTY);
  cookie = await login(env.app, 'gw.a');
}, 60_000);
afterAll(async () => env?.close());

const get = async (since?: string) => {
  const url = `/api/field/snapshot${since ? `?since=${encodeURIComponent(since)}` : ''}`;
  let res = await call(env.app, 'GET', url, cookie);
  // The fake clock jumps hours: a session that timed out signs in again.
  if (res.status === 401) res = await call(env.app, 'GET', url, (cookie = await login(env.app, 'gw.a')));
  expect(res.status).toBe(200);
  return res.body;
};
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe('device copy (GET /api/field/snapshot)', () => {
  let cursor: string;
  it('gives the whole copy of my grids, masked, with my open tasks', async () => {
    const s = await get();
    cursor = s.asOf;
    expect(s.reset).toBe(false);
    expect(s.grids).toEqual([{ code: fixture.gridA1, name: '团结村第一网格' }]);
    expect(ids(s.households)).toEqual([id.home, id.leaving].sort());
    expect(s.households.find((h: { id: string }) => h.id === id.home)).toMatchObject({ address: '团结村1号', headName: '马**', memberCount: 1, riskLevel: null, gridCode: fixture.gridA1 });
    expect(ids(s.persons)).toEqual([id.head, id.alone].sort());
    // A severe-mental-illness record shows as 重点人群, an elderly person living alone as such.
    expect(s.persons.find((p: { id: string }) => p.id === id.head)).toMatchObject({ name: '马**', care: ['重点人群'], householdId: id.home });
    expect(s.persons.find((p: { id: string }) => p.id === id.alone).care).toEqual(['独居老人']);
    expect(s.tasks.map((t: { subjectId: string; rule: string }) => [t.subjectId, t.rule]).sort()).toEqual([[id.alone, 'care_other'], [id.head, 'special_care']].sort());
    expect(s.tasks[0].templateId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.tombstones).toEqual([]);
    expect(JSON.stringify(s)).not.toMatch(/马国强|韩秀英|李德明|精神/);
  });

  it('sends only what changed since, and tombstones for a household moved away, a person archived and a task done', async () => {
    env.clock.advance(3600_000);
    const again = await get(cursor);
    expect(again.households.length).toBe(2); // rows within the cursor's overlap come again (the device dedupes)
    env.clock.advance(3600_000);
    const quiet = await get(again.asOf);
    expect([quiet.households, quiet.persons, quiet.tasks, quiet.tombstones]).toEqual([[], [], [], []]);
    await moveHousehold(env.ctx, root, id.leaving!, { gridCode: fixture.gridB1, reason: '搬迁' });
    await leave(env.ctx, root, id.alone!, { reason: 'moved_away' });
    await generateForCounty(env.ctx, COUNTY); // the archived person's task is cancelled
    const next = await get(quiet.asOf);
    expect(next.reset).toBe(false);
    expect(next.tombstones.map((t: { type: string; id: string }) => `${t.type}:${t.id}`).sort()).toEqual([`household:${id.leaving}`, `person:${id.alone}`, `task:${next.tombstones.find((t: { type: string }) => t.type === 'task').id}`].sort());
    expect(next.households).toEqual([]);
    cursor = next.asOf;
  });

  it('answers a reset with the whole copy when my grids changed', async () => {
    env.clock.advance(3600_000);
    const link = await linkStaff(env, fixture.gridA2, w.users.worker);
    const s = await get(cursor);
    expect(s.reset).toBe(true);
    expect(s.grids.map((g: { code: string }) => g.code)).toEqual([fixture.gridA1, fixture.gridA2]);
    expect(ids(s.households)).toEqual([id.home]);
    env.clock.advance(3600_000);
    await unlinkStaff(env, link);
    expect((await get(s.asOf)).reset).toBe(true);
    expect((await get('not-a-cursor')).reset).toBe(true);
  });
});
