/**
 * 四访 triggers (issue 16 item 3: "a new arrival, a major change, a petitioner or a hardship family triggers a visit;
 * each task goes to the responsible worker") on a fake clock: a major change raised through the route (idempotent,
 * once while open, note kept encrypted, scope), a petition whose petitioner is a registry person (the hourly scan,
 * one per petition, rerun makes nothing), and open tasks that follow a household or person who moves.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../core/people/id-number.ts';
import { call, createTestEnv, fixture, login, makeUser, type TestEnv } from '../../test/harness.ts';
import { advanceTo, cstAt } from '../../test/china-clock.ts';
import { eventsOf, fieldWorld, household, linkStaff, personUnderCare, tasksOf } from '../../test/visit-task-builders.ts';
import { systemActor } from '../../lib/actor.ts';
import { createPerson } from '../people/persons.service.ts';
import { moveHousehold } from '../people/households.service.ts';
import { movePerson } from '../people/person-changes.service.ts';
import { registerPetition } from '../petitions/petition-register.service.ts';
import { generateForCounty } from './visit-task-generator.service.ts';
import { FakeClock } from '../../lib/clock.ts';

const COUNTY = fixture.county.slice(0, 6);
const root = systemActor(fixture.province, 'test');
const ID17 = '63222119800101123';
let env: TestEnv;
let users: Awaited<ReturnType<typeof fieldWorld>>['users'];
let worker: string;
const h: Record<string, string> = {};

beforeAll(async () => {
  env = await createTestEnv();
  users = (await fieldWorld(env)).users;
  await linkStaff(env, fixture.gridB1, users.workerB);
  await makeUser(env.ctx, 'handler', 'handler', fixture.county);
  h.a = await household(env, fixture.gridA1, '团结村5号');
  h.b = await household(env, fixture.gridB1, '头塘村5号');
  worker = await login(env.app, 'gw.a');
}, 60_000);
afterAll(async () => env?.close());

const trigger = (body: object, key = randomUUID(), cookie = worker) => call(env.app, 'POST', '/api/field/triggers', cookie, body, { 'idempotency-key': key });
const open = async (id: string) => (await tasksOf(env, id)).filter((t) => t.status === 'open');

describe('a major change raised by a worker', () => {
  it('opens one task due in 3 days for the responsible worker; the same key replays, a second trigger answers the open task', async () => {
    // Monday 2026-03-02 09:00 China time.
    const key = randomUUID();
    const body = { subjectType: 'household', subjectId: h.a, rule: 'major_change', note: '户主因车祸去世' };
    const first = await trigger(body, key);
    expect([first.status, first.body.created, first.body.task.rule, first.body.task.dueOn, first.body.task.assigneeId]).toEqual([201, true, 'major_change', '2026-03-05', users.worker]);
    const replay = await trigger(body, key);
    expect([replay.status, replay.headers['idempotent-replay'], replay.body]).toEqual([201, 'true', first.body]);
    const again = await trigger({ subjectType: 'household', subjectId: h.a, rule: 'major_change' });
    expect([again.status, again.body.created, again.body.task.id]).toEqual([201, false, first.body.task.id]);
    expect((await tasksOf(env, h.a!)).map((t) => [t.rule, t.status])).toEqual([['major_change', 'open']]);
    expect((await eventsOf(env, first.body.task.id)).map((e) => e.type)).toEqual(['create', 'trigger', 'trigger']);
    // The note is in the timeline encrypted only.
    const rows = await env.ctx.database.query<{ data: { noteEnc?: string } }>(`SELECT data FROM visit_task_events WHERE county_code = $1 AND type = 'trigger' ORDER BY id`, [COUNTY]);
    expect(JSON.stringify(rows)).not.toContain('车祸');
    expect(env.ctx.crypto.decrypt(rows[0]!.data.noteEnc!)).toBe('户主因车祸去世');
    const audits = await env.ctx.database.query<{ detail: { created: boolean } }>(`SELECT detail FROM audit_log WHERE action = 'visit.trigger' ORDER BY id`);
    expect(audits.map((a) => a.detail.created)).toEqual([true, false]);
  });

  it('answers a household outside the scope like a missing one, and refuses a caller without field work', async () => {
    const outside = await trigger({ subjectType: 'household', subjectId: h.b, rule: 'major_change' });
    const missing = await trigger({ subjectType: 'household', subjectId: randomUUID(), rule: 'major_change' });
    expect([outside.status, outside.body]).toEqual([404, missing.body]);
    expect((await trigger({ subjectType: 'household', subjectId: h.a, rule: 'major_change' }, randomUUID(), await login(env.app, 'handler'))).status).toBe(403);
  });

  it('is refused to a household leader (who cannot read the registry), a petitioner visit to a grid worker, and a rule on the wrong kind of subject', async () => {
    await makeUser(env.ctx, 'hl.a', 'householdLeader', fixture.villageA);
    expect((await trigger({ subjectType: 'household', subjectId: h.a, rule: 'major_change' }, randomUUID(), await login(env.app, 'hl.a'))).status).toBe(403);
    const someone = (await createPerson(env.ctx, root, { gridCode: fixture.gridA1, personType: '01', name: '韩某' })).id;
    expect((await trigger({ subjectType: 'person', subjectId: someone, rule: 'petitioner' })).status).toBe(403);
    const wrong = await trigger({ subjectType: 'person', subjectId: someone, rule: 'major_change' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('body.subjectType');
    expect(await open(someone)).toEqual([]);
  });
});

describe('a petitioner who is a registry person', () => {
  let person: string;
  const petition = async (matter: string) => registerPetition(env.ctx, root, { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter, villageCode: fixture.villageA, skippedLevel: false, uploadIds: [], petitioners: [{ name: '马上访', idNumber: ID17 + checkCharacter(ID17), phone: '13800001111', representative: false }] });

  it('gets one 上访群众 visit per petition from the hourly scan, due in 7 days; a rerun makes nothing', async () => {
    person = (await createPerson(env.ctx, root, { gridCode: fixture.gridA1, personType: '01', name: '马上访', idNumber: ID17 + checkCharacter(ID17) })).id;
    await personUnderCare(env, fixture.gridA1, '无关人'); // a person who never petitioned gets nothing
    await petition('道路破损多次反映');
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(1);
    expect((await open(person)).map((t) => [t.rule, t.dueOn, t.assigneeId])).toEqual([['petitioner', '2026-03-09', users.worker]]);
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(0);
    // A second petition while that visit is open adds none; the phone sees only the rule, never the petition.
    env.clock.advance(60_000);
    await petition('再次反映道路');
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(0);
    const mine = JSON.stringify((await call(env.app, 'GET', '/api/field/tasks', worker)).body);
    expect(mine).toContain('"rule":"petitioner"');
    expect(mine).not.toMatch(/道路|信访|pt:/);
    const snap = JSON.stringify((await call(env.app, 'GET', '/api/field/snapshot', worker)).body);
    expect(snap).not.toMatch(/道路|信访|pt:/);
  });

  it('gives each registry person of a petition with several petitioners a visit of their own', async () => {
    const ids = ['63222119750202221', '63222119780303332'].map((i) => i + checkCharacter(i));
    const people = await Promise.all(ids.map((idNumber, i) => createPerson(env.ctx, root, { gridCode: fixture.gridA1, personType: '01', name: ['赵联名', '钱联名'][i]!, idNumber })));
    env.clock.advance(60_000);
    await registerPetition(env.ctx, root, { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: '联名反映道路', villageCode: fixture.villageA, skippedLevel: false, uploadIds: [], petitioners: ids.map((idNumber, i) => ({ name: ['赵联名', '钱联名'][i]!, idNumber, phone: `1380000222${i}`, representative: i === 0 })) });
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(2);
    for (const p of people) expect((await open(p.id)).map((t) => t.rule)).toEqual(['petitioner']);
  });

  it('gives the next petition its own visit once the first was made', async () => {
    advanceTo(env.clock, '2026-03-03T10:00:00');
    await env.ctx.database.query(`UPDATE visit_tasks SET status = 'done', closed_at = now() WHERE county_code = $1 AND subject_id = $2`, [COUNTY, person]);
    await petition('第三次反映');
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(1);
    expect((await open(person)).map((t) => [t.rule, t.dueOn])).toEqual([['petitioner', '2026-03-10']]);
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(0);
  });

  it('takes up a petition whose transaction began before the last scan and committed after it', async () => {
    // The last scan ran at 10:00 and saw the petition of 10:00; this one carries 09:30, the time its transaction
    // began, and commits only now (a time cursor at 10:00 passed it over for good).
    advanceTo(env.clock, '2026-03-04T10:00:00');
    await env.ctx.database.query(`UPDATE visit_tasks SET status = 'done', closed_at = now() WHERE county_code = $1 AND subject_id = $2`, [COUNTY, person]);
    const id = '63222119900404441' + checkCharacter('63222119900404441');
    await createPerson(env.ctx, root, { gridCode: fixture.gridA1, personType: '01', name: '孙按时', idNumber: id });
    await registerPetition(env.ctx, root, { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: '按时的反映', villageCode: fixture.villageA, skippedLevel: false, uploadIds: [], petitioners: [{ name: '孙按时', idNumber: id, phone: '13800003333', representative: false }] });
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(1);
    await registerPetition({ ...env.ctx, clock: new FakeClock(new Date(cstAt('2026-03-04T09:30:00'))) }, root, { channel: 'phone', kind: 'complaint', categoryId: 'municipal.road', matter: '迟到的反映', villageCode: fixture.villageA, skippedLevel: false, uploadIds: [], petitioners: [{ name: '马上访', idNumber: ID17 + checkCharacter(ID17), phone: '13800001111', representative: false }] });
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(1);
    expect((await open(person)).map((t) => t.rule)).toEqual(['petitioner']);
    expect((await generateForCounty(env.ctx, COUNTY)).created).toBe(0);
  });

  it('forgets what it took up once no scan can read it again, and an old petition does not come back', async () => {
    const marks = async () => Number((await env.ctx.database.query<{ n: string }>(`SELECT count(*) AS n FROM visit_trigger_scans WHERE county_code = $1`, [COUNTY]))[0]!.n);
    expect(await marks()).toBeGreaterThan(0);
    await env.ctx.database.query(`UPDATE visit_tasks SET status = 'done', closed_at = now() WHERE county_code = $1 AND subject_id = $2`, [COUNTY, person]);
    advanceTo(env.clock, '2026-03-19T10:00:00'); // the last marks are 15 days old
    const petitionerTasks = async () => (await env.ctx.database.query(`SELECT id FROM visit_tasks WHERE county_code = $1 AND rule = 'petitioner'`, [COUNTY])).length;
    const before = await petitionerTasks();
    await generateForCounty(env.ctx, COUNTY);
    expect(await marks()).toBe(0);
    expect(await petitionerTasks()).toBe(before);
    expect(await open(person)).toEqual([]);
  });
});

describe('open tasks follow a subject who moves', () => {
  it('a household moved to another village keeps its task, now in the new grid for that grid\'s worker', async () => {
    const [before] = await open(h.a!);
    await moveHousehold(env.ctx, root, h.a!, { gridCode: fixture.gridB1, reason: '搬迁' });
    const [after] = await open(h.a!);
    expect([after!.id, after!.dueOn, after!.assigneeId]).toEqual([before!.id, before!.dueOn, users.workerB]);
    const [row] = await env.ctx.database.query<{ grid: string; village: string }>(`SELECT grid_code AS grid, village_code AS village FROM visit_tasks WHERE county_code = $1 AND id = $2`, [COUNTY, after!.id]);
    expect(row).toEqual({ grid: fixture.gridB1, village: fixture.villageB });
    expect((await eventsOf(env, after!.id)).map((e) => e.type).slice(-2)).toEqual(['move', 'reassign']);
    // The old worker's device loses it, the new one's gains it.
    const mine = (who: string) => login(env.app, who).then((c) => call(env.app, 'GET', '/api/field/tasks', c)).then((r) => r.body.items.map((t: { id: string }) => t.id));
    expect(await mine('gw.a')).not.toContain(after!.id);
    expect(await mine('gw.b')).toContain(after!.id);
  });

  it('a person moved out of their responsible worker\'s scope loses the assignment; the task goes to the new grid\'s worker', async () => {
    const p = await personUnderCare(env, fixture.gridA2, '韩独居', { kind: 'care', category: '01' });
    await generateForCounty(env.ctx, COUNTY);
    const leader = await login(env.app, 'leader.county');
    expect((await call(env.app, 'PUT', `/api/field/care-assignments/${p}`, leader, { workerId: users.worker })).status).toBe(200);
    expect((await open(p)).map((t) => t.assigneeId)).toEqual([users.worker]);
    await movePerson(env.ctx, root, p, { gridCode: fixture.gridB1, reason: '投靠子女' });
    expect((await open(p)).map((t) => t.assigneeId)).toEqual([users.workerB]);
    expect(await env.ctx.database.query(`SELECT 1 FROM care_assignments WHERE county_code = $1 AND person_id = $2`, [COUNTY, p])).toEqual([]);
    const [a] = await env.ctx.database.query<{ detail: { reason: string } }>(`SELECT detail FROM audit_log WHERE action = 'careAssignment.unassign' ORDER BY id DESC LIMIT 1`);
    expect(a!.detail.reason).toBe('moved_out_of_scope');
  });
});
