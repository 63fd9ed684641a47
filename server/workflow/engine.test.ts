/**
 * The transition engine on a second workflow (整改任务, tables made by this test's SQL), with nothing of cases:
 * transitions and their table test, policy refusal, follow-ons in the same transaction (a failing one rolls back
 * everything), a working-day clock across a holiday, the sweep's warn and breach handlers (exactly once with two
 * sweepers at the same time), the outbox, the audit chain, per-notice read state through HTTP, and uploads claimed
 * into the record's own link table.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, fixture, login, makeUser, seedFixture, type TestEnv } from '../test/harness.ts';
import { FakeClock } from '../lib/clock.ts';
import { systemActor, type Actor } from '../lib/actor.ts';
import { ROOT_SCOPE } from '../../core/region-code.ts';
import { checkTable } from '../../core/workflow/definition.ts';
import { importCalendar } from '../modules/catalog/catalog.service.ts';
import { deliverDue } from '../modules/outbox/outbox.service.ts';
import { verifyChain } from '../modules/audit/audit.service.ts';
import { storeUpload } from '../modules/uploads/uploads.service.ts';
import { tinyPng } from '../test/media-fixtures.ts';
import { transition } from './engine.ts';
import { clocksOf } from './clocks.service.ts';
import { sweepClocks } from './sweep.ts';
import * as repo from './fixtures/rectification.repository.ts';
import { people, rectificationClockHandlers, rectificationModule, rectificationWorkflow } from './fixtures/rectification.workflow.ts';

const cst = (s: string) => new Date(s + '+08:00');
const county = '632221';
let env: TestEnv;
let inspector: Actor;
let worker: Actor;
let otherWorker: Actor;

beforeAll(async () => {
  // Monday 28 September 2026, 09:00 in China; the National Day holidays begin on Thursday.
  env = await createTestEnv({ clock: new FakeClock(cst('2026-09-28T09:00:00')) });
  await seedFixture(env.ctx);
  await env.ctx.database.execScript(repo.createTablesSql);
  await importCalendar(env.ctx, systemActor(ROOT_SCOPE), 'date,kind,name\n2026-10-01,holiday,国庆节\n2026-10-02,holiday,国庆节\n2026-10-05,holiday,国庆节\n2026-10-06,holiday,国庆节\n2026-10-07,holiday,国庆节\n2026-10-10,workday,调休上班\n');
  const actor = async (username: string, role: 'leader' | 'gridWorker'): Promise<Actor> => ({ kind: 'user', id: await makeUser(env.ctx, username, role, fixture.villageA), name: username, role, scopeCode: fixture.villageA });
  inspector = await actor('insp', 'leader');
  worker = await actor('worker', 'gridWorker');
  otherWorker = await actor('worker2', 'gridWorker');
  people.inspectorId = inspector.id;
});
afterAll(() => env?.close());

let n = 0;
/** A new open task assigned to `worker`. */
async function newTask(assignee = worker): Promise<repo.TaskRow> {
  const t = { countyCode: county, id: randomUUID(), code: `ZG-${String(++n).padStart(4, '0')}`, status: 'open', title: '清理占道堆物', assigneeId: assignee.id, version: 0 };
  await repo.insertTask(env.ctx.db, t);
  return t;
}

/** Locks the task and applies one action in a transaction of its own, as the API would. */
function act(t: { countyCode: string; id: string }, actor: Actor, action: (typeof rectificationWorkflow.actions)[number], input: Record<string, unknown> = {}) {
  return env.ctx.db.transaction(async (tx) => transition(tx, env.ctx, rectificationModule, actor, (await repo.lockTask(tx, t))!, action, input));
}

const q = <T>(sql: string, params: unknown[] = []) => env.ctx.database.query<T>(sql, params);
const statusOf = async (t: { id: string }) => (await q<{ status: string }>('SELECT status FROM rectification_tasks WHERE id = $1', [t.id]))[0]!.status;
const eventsOf = async (t: { id: string }) => (await q<{ type: string }>('SELECT type FROM rectification_events WHERE task_id = $1 ORDER BY id', [t.id])).map((e) => e.type);
const auditOf = async (t: { code: string }) => (await q<{ action: string; actor_id: string | null }>('SELECT action, actor_id FROM audit_log WHERE object_id = $1 ORDER BY id', [t.code]));

describe('a second workflow on the engine', () => {
  it('has a table that passes the generic exhaustive check', () => {
    const { mismatches, checked } = checkTable(rectificationWorkflow, {
      start: { from: ['open'], roles: ['worker'], to: 'in_progress' },
      finish: { from: ['in_progress'], roles: ['worker'], to: 'done' },
      verify: { from: ['done'], roles: ['inspector', 'system'] },
      remind: { from: ['open', 'in_progress'], roles: ['inspector', 'system'], to: 'same' },
      cancel: { from: ['open', 'in_progress'], roles: ['inspector'], to: 'cancelled' },
    });
    expect(mismatches).toEqual([]);
    expect(checked).toBe(5 * 5 * 3 + 5 * 3); // statuses × actions × roles, and verify has two variants
  });

  it('moves a task, writes its event and one audit row per transition in the chain', async () => {
    const t = await newTask();
    expect(await act(t, worker, 'start')).toMatchObject({ status: 'in_progress', event: 'start' });
    expect(await act(t, worker, 'finish')).toMatchObject({ status: 'done' });
    expect(await act(t, inspector, 'verify', { result: 'fail' })).toMatchObject({ status: 'in_progress' });
    await act(t, worker, 'finish');
    expect(await act(t, inspector, 'verify', { result: 'pass' })).toMatchObject({ status: 'verified' });
    expect(await eventsOf(t)).toEqual(['start', 'finish', 'verify', 'finish', 'verify']);
    const rows = await auditOf(t);
    expect(rows.map((r) => r.action)).toEqual(['rectification.start', 'rectification.finish', 'rectification.verify', 'rectification.finish', 'rectification.verify']);
    expect(rows.map((r) => r.actor_id)).toEqual([worker.id, worker.id, inspector.id, worker.id, inspector.id]);
    expect((await verifyChain(env.ctx)).ok).toBe(true);
  });

  it('refuses what the policy or the table refuses, and writes nothing', async () => {
    const t = await newTask();
    await expect(act(t, otherWorker, 'start')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' }); // not theirs
    await expect(act(t, worker, 'finish')).rejects.toMatchObject({ code: 'INVALID_TRANSITION' }); // not started
    await expect(act(t, worker, 'cancel', { reason: '不需要' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' }); // not the worker's action
    await expect(act(t, inspector, 'cancel', {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' }); // the effect refuses
    expect(await statusOf(t)).toBe('open');
    expect(await eventsOf(t)).toEqual([]);
    expect(await auditOf(t)).toEqual([]);
  });

  it('runs follow-on steps in the same transaction, as the system', async () => {
    const t = await newTask();
    await act(t, worker, 'start');
    const moved = await act(t, worker, 'finish', { autoVerify: true });
    expect(moved).toMatchObject({ status: 'done', event: 'finish' });
    expect(moved.row.status).toBe('verified');
    expect(await statusOf(t)).toBe('verified');
    expect(await eventsOf(t)).toEqual(['start', 'finish', 'verify']);
    expect((await auditOf(t)).map((r) => [r.action, r.actor_id])).toEqual([['rectification.start', worker.id], ['rectification.finish', worker.id], ['rectification.verify', 'system']]);
  });

  it('claims uploads into the record’s own link table, once, and a failed transition claims none', async () => {
    const t = await newTask();
    await act(t, worker, 'start');
    const photo = await storeUpload(env.ctx, tinyPng(), { userId: worker.id });
    const claimed = await storeUpload(env.ctx, tinyPng(), { userId: worker.id });
    // A step the table refuses after the claim: the claim rolls back with it.
    await expect(act(t, worker, 'finish', { uploadIds: [photo.id], brokenFollowOn: true })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await q<{ claimed: boolean }>('SELECT claimed FROM uploads WHERE id = $1', [photo.id]))[0]!.claimed).toBe(false);
    await act(t, worker, 'finish', { uploadIds: [photo.id, claimed.id] });
    const linked = await q<{ upload_id: string }>('SELECT upload_id FROM rectification_photos WHERE task_id = $1 ORDER BY upload_id', [t.id]);
    expect(linked.map((r) => r.upload_id)).toEqual([photo.id, claimed.id].sort());
    const owners = await q<{ owner_type: string; county_code: string }>('SELECT owner_type, county_code FROM uploads WHERE id = ANY($1)', [[photo.id, claimed.id]]);
    expect(owners).toEqual([{ owner_type: 'rectification', county_code: county }, { owner_type: 'rectification', county_code: county }]);
    // A file belongs to one record: another task cannot claim it again.
    const other = await newTask();
    await act(other, worker, 'start');
    await expect(act(other, worker, 'finish', { uploadIds: [photo.id] })).rejects.toMatchObject({ code: 'UPLOAD_REJECTED' });
    expect(await statusOf(other)).toBe('in_progress');
  });

  it('rolls back the whole transition when a follow-on fails', async () => {
    const t = await newTask();
    await act(t, worker, 'start');
    const outboxBefore = (await q<{ n: number }>('SELECT count(*)::int AS n FROM outbox'))[0]!.n;
    await expect(act(t, worker, 'finish', { brokenFollowOn: true })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await statusOf(t)).toBe('in_progress');
    expect(await eventsOf(t)).toEqual(['start']);
    expect((await auditOf(t)).map((r) => r.action)).toEqual(['rectification.start']);
    expect((await q<{ n: number }>('SELECT count(*)::int AS n FROM outbox'))[0]!.n).toBe(outboxBefore);
    const clocks = await clocksOf(env.ctx.db, { type: 'rectification', id: t.id, countyCode: county }, env.clock.now());
    expect(clocks.map((c) => c.state)).toEqual(['open']); // the fix clock was neither settled nor reopened
  });
});

/** Moves the fake clock to an instant (forward only in these tests). */
const setClock = (t: Date) => env.clock.advance(t.getTime() - env.clock.now().getTime());

describe('clocks, the sweep and notices', () => {
  const sweep = () => sweepClocks(env.ctx, { rectification: rectificationClockHandlers });

  it('counts working days across the holiday, warns once and breaches once, with the module’s handlers', async () => {
    await sweep(); // earlier tests' clocks are not due yet: nothing happens
    setClock(cst('2026-09-30T10:00:00')); // Wednesday, the day before the holidays
    const t = await newTask();
    await act(t, worker, 'start');
    const key = { type: 'rectification', id: t.id, countyCode: county };
    // Two working days, the start day not counted: 1–7 October are rest days (with the weekend), so Thursday 8
    // and Friday 9 October count; the period ends at midnight after the 9th.
    const [fix] = await clocksOf(env.ctx.db, key, env.clock.now());
    expect(new Date(fix!.dueAt)).toEqual(cst('2026-10-10T00:00:00'));
    setClock(cst('2026-10-08T12:00:00')); // past 80% of the span
    expect(await sweep()).toMatchObject({ warned: 1 });
    expect(await sweep()).toEqual({ warned: 0, breached: 0 });
    setClock(cst('2026-10-10T00:00:01'));
    expect(await sweep()).toMatchObject({ breached: 1 });
    expect(await sweep()).toEqual({ warned: 0, breached: 0 });
    expect((await eventsOf(t)).filter((e) => e !== 'start')).toEqual(['warned', 'breached', 'remind']);
    expect((await auditOf(t)).map((r) => [r.action, r.actor_id])).toContainEqual(['rectification.remind', 'system']);
    expect((await clocksOf(env.ctx.db, key, env.clock.now()))[0]).toMatchObject({ state: 'breached', colour: 'red' });
  });

  it('fires each due clock exactly once with two sweepers at the same time', async () => {
    const tasks = [];
    for (let i = 0; i < 12; i++) {
      const t = await newTask();
      await act(t, worker, 'start');
      tasks.push(t);
    }
    env.clock.advance(30 * 86_400_000); // every clock is past due
    const runs = await Promise.all([sweepClocks(env.ctx, { rectification: rectificationClockHandlers }, 5), sweepClocks(env.ctx, { rectification: rectificationClockHandlers }, 5)]);
    let breached = runs.reduce((s, r) => s + r.breached, 0);
    for (let r = await sweep(); r.breached; r = await sweep()) breached += r.breached;
    expect(breached).toBeGreaterThanOrEqual(12);
    for (const t of tasks) expect((await eventsOf(t)).filter((e) => e === 'breached')).toHaveLength(1);
    // Earlier tasks still in progress breach too, each once.
    const twice = await q<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT task_id FROM rectification_events WHERE type = 'breached' GROUP BY task_id HAVING count(*) > 1) x`);
    expect(twice[0]!.n).toBe(0);
  });

  it('delivers notices that name their record, read one by one or all at once', async () => {
    await deliverDue(env.ctx);
    const cookie = await login(env.app, 'insp');
    const list = async () => (await call(env.app, 'GET', '/api/notifications', cookie)).body as { items: { id: number; subject: { type: string; id: string; code?: string } | null; text: string; read: boolean; createdAt: string }[]; unread: number };
    const before = await list();
    expect(before.items.length).toBeGreaterThanOrEqual(2);
    expect(before.unread).toBe(before.items.length);
    const notice = before.items.find((x) => x.text.includes('已开始'))!;
    expect(notice.subject).toMatchObject({ type: 'rectification', code: expect.stringMatching(/^ZG-/) });
    expect(notice.text).toContain(notice.subject!.code);
    // Reading one leaves the others unread.
    expect((await call(env.app, 'POST', `/api/notifications/${notice.id}/read`, cookie)).status).toBe(200);
    const after = await list();
    expect(after.unread).toBe(before.unread - 1);
    expect(after.items.filter((x) => x.read).map((x) => x.id)).toEqual([notice.id]);
    // Someone else's notice answers like a missing one, and stays unread.
    const workerCookie = await login(env.app, 'worker');
    const theirs = ((await call(env.app, 'GET', '/api/notifications', workerCookie)).body as { items: { id: number }[] }).items[0]!;
    const other = await call(env.app, 'POST', `/api/notifications/${theirs.id}/read`, cookie);
    const missing = await call(env.app, 'POST', '/api/notifications/999999999/read', cookie);
    expect(other.status).toBe(404);
    expect(other.body).toEqual(missing.body);
    expect(((await call(env.app, 'GET', '/api/notifications', workerCookie)).body as { unread: number }).unread).toBeGreaterThan(0);
    // The explicit button reads them all.
    expect((await call(env.app, 'POST', '/api/notifications/read-all', cookie)).status).toBe(200);
    expect((await list()).unread).toBe(0);
  });
});
