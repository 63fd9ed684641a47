/**
 * Issue 16's acceptance: "the coverage report lists exactly the persons seeded without a worker or with an
 * overdue visit". Persons under care in three grids: A1 has a linked worker and visits on time, A2 has no linked
 * worker, B1's worker has one hardship visit ten days overdue; one person is put under care after the generator
 * ran (no task: 漏管). Counts by grid, village and township; the export read back with exceljs; scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { call, createTestEnv, fixture, login, makeUser, type TestEnv } from '../../test/harness.ts';
import { advanceTo } from '../../test/china-clock.ts';
import { fieldWorld, linkStaff, personUnderCare, tasksOf } from '../../test/visit-task-builders.ts';
import { generateForCounty } from './visit-task-generator.service.ts';

const COUNTY = fixture.county.slice(0, 6);
let env: TestEnv;
const p: Record<string, string> = {};
let leader: string;
let users: Awaited<ReturnType<typeof fieldWorld>>['users'];

beforeAll(async () => {
  env = await createTestEnv();
  const w = await fieldWorld(env);
  users = w.users;
  await linkStaff(env, fixture.gridB1, w.users.workerB);
  p.fineA1 = await personUnderCare(env, fixture.gridA1, '马福', { kind: 'care', category: '01' });
  p.aloneA2 = await personUnderCare(env, fixture.gridA2, '韩寿', { kind: 'care', category: '01' });
  p.keyA2 = await personUnderCare(env, fixture.gridA2, '李康', { kind: 'special_group', category: '03', riskLevel: '1' });
  p.lateB1 = await personUnderCare(env, fixture.gridB1, '王宁', { kind: 'care', category: '02' });
  p.fineB1 = await personUnderCare(env, fixture.gridB1, '赵安', { kind: 'left_behind' });
  await personUnderCare(env, fixture.gridB1, '钱平'); // no care record: not under care
  await generateForCounty(env.ctx, COUNTY);
  // Ten days on: B1's hardship visit (due in 7 days) is overdue; someone is put under care after the generator ran.
  advanceTo(env.clock, '2026-03-12T10:00:00');
  p.newA1 = await personUnderCare(env, fixture.gridA1, '孙新', { kind: 'youth', category: '01', riskLevel: 'normal' });
  leader = await login(env.app, 'leader.county');
}, 60_000);
afterAll(async () => env?.close());

const ids = (items: { subjectId: string }[]) => items.map((i) => i.subjectId).sort();

describe('coverage (无人脱管、无人漏管)', () => {
  it('lists exactly the persons without a worker, with an overdue visit, or with no task, worst first', async () => {
    const res = await call(env.app, 'GET', '/api/field/coverage', leader);
    expect(res.status).toBe(200);
    expect(ids(res.body.items)).toEqual([p.aloneA2, p.keyA2, p.lateB1, p.newA1].sort());
    expect(res.body.items.map((i: { reasons: string[] }) => i.reasons[0])).toEqual(['no_worker', 'no_worker', 'overdue', 'no_task']);
    expect(ids((await call(env.app, 'GET', '/api/field/coverage?reason=no_worker', leader)).body.items)).toEqual([p.aloneA2, p.keyA2].sort());
    const late = (await call(env.app, 'GET', '/api/field/coverage?reason=overdue', leader)).body.items;
    expect(late.map((i: Record<string, unknown>) => [i.subjectId, i.dueOn, i.daysOverdue, i.group])).toEqual([[p.lateB1, '2026-03-09', 3, 'care']]);
    expect(ids((await call(env.app, 'GET', '/api/field/coverage?reason=no_task', leader)).body.items)).toEqual([p.newA1]);
    // Masked names; a special group shows only as 重点人群 (key), never its category.
    const key = res.body.items.find((i: { subjectId: string }) => i.subjectId === p.keyA2);
    expect([key.label, key.group]).toEqual(['李*', 'key']);
    expect(JSON.stringify(res.body)).not.toMatch(/李康|精神|special_group|"03"/);
  });

  it('counts by grid, village and township', async () => {
    const { totals, counts } = (await call(env.app, 'GET', '/api/field/coverage', leader)).body;
    expect(totals).toEqual({ underCare: 6, listed: 4, noWorker: 2, overdue: 1, noTask: 1 });
    const row = (code: string) => counts.find((c: { code: string }) => c.code === code);
    expect(row(fixture.gridA1)).toMatchObject({ level: 'grid', name: '团结村第一网格', underCare: 2, listed: 1, noWorker: 0, overdue: 0, noTask: 1 });
    expect(row(fixture.gridA2)).toMatchObject({ underCare: 2, listed: 2, noWorker: 2 });
    expect(row(fixture.gridB1)).toMatchObject({ underCare: 2, listed: 1, overdue: 1 });
    expect(row(fixture.villageA)).toMatchObject({ level: 'village', name: '团结村', underCare: 4, listed: 3 });
    expect(row(fixture.townshipA)).toMatchObject({ level: 'township', name: '浩门镇', underCare: 6, listed: 4 });
  });

  it('exports the same list masked under a watermark, and audits the export', async () => {
    const res = await env.app.inject({ url: '/api/field/coverage.xlsx', headers: { cookie: leader } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toContain('导出人 leader.county');
    const rows: string[][] = [];
    ws.eachRow((r, n) => void (n > 2 && rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? '')))));
    // Worst first (no worker, overdue, no task); within one reason and grid the order is the ids'.
    const byReason = (r: string[]) => ['无责任人', '走访超期', '无走访任务'].indexOf(r[4]!);
    expect(rows.map(byReason)).toEqual([0, 0, 1, 2]);
    expect(rows.map((r) => [r[0], r[1], r[4]]).sort()).toEqual([['孙*', '重点人群', '无走访任务'], ['李*', '重点人群', '无责任人'], ['王*', '关爱对象', '走访超期'], ['韩*', '关爱对象', '无责任人']].sort());
    expect(rows[2]![6]).toBe('3');
    const [a] = await env.ctx.database.query<{ detail: { rows: number } }>(`SELECT detail FROM audit_log WHERE action = 'coverage.export'`);
    expect(a!.detail.rows).toBe(4);
  });

  // Session 12: the list acts. A person without a worker is given one through the API (the page's 指派).
  it('leaves the list once a responsible worker is named, and their task goes to that worker', async () => {
    expect((await tasksOf(env, p.aloneA2!)).map((t) => t.assigneeId)).toEqual([null]);
    // The village's own worker first, then the township's (named so it would sort first by name); gw.b's village
    // does not hold grid A2. Each with its role and the region it serves, by name.
    const town = await makeUser(env.ctx, 'a.town', 'gridWorker', fixture.townshipA);
    const workers = await call(env.app, 'GET', `/api/field/care-assignments/${p.aloneA2}/workers`, leader);
    expect(workers.body).toEqual([{ id: users.worker, name: 'gw.a', role: 'gridWorker', place: '团结村' }, { id: town, name: 'a.town', role: 'gridWorker', place: '浩门镇' }]);
    const put = await call(env.app, 'PUT', `/api/field/care-assignments/${p.aloneA2}`, leader, { workerId: users.worker });
    expect([put.status, put.body.worker, put.body.tasksReassigned]).toEqual([200, { id: users.worker, name: 'gw.a' }, 1]);
    const after = (await call(env.app, 'GET', '/api/field/coverage', leader)).body;
    expect(ids(after.items)).toEqual([p.keyA2, p.lateB1, p.newA1].sort());
    expect(after.totals).toMatchObject({ listed: 3, noWorker: 1 });
    expect((await tasksOf(env, p.aloneA2!)).map((t) => [t.status, t.assigneeId])).toEqual([['open', users.worker]]);
    const [a] = await env.ctx.database.query<{ detail: { to: string; tasks: number } }>(`SELECT detail FROM audit_log WHERE action = 'careAssignment.assign'`);
    expect(a!.detail).toMatchObject({ to: users.worker, tasks: 1 });
  });

  it('refuses a worker whose scope does not hold the grid, a grid worker assigning, and a person outside the scope', async () => {
    const wrong = await call(env.app, 'PUT', `/api/field/care-assignments/${p.keyA2}`, leader, { workerId: users.workerB });
    // VALIDATION_FAILED (400), as every other domain check of a body in this project.
    expect([wrong.status, wrong.body.error.details[0].code]).toEqual([400, 'worker_not_eligible']);
    expect(wrong.body.error.details[0].message).toContain('管辖范围');
    const byWorker = await call(env.app, 'PUT', `/api/field/care-assignments/${p.keyA2}`, await login(env.app, 'gw.a'), { workerId: users.worker });
    expect(byWorker.status).toBe(403);
    const village = await login(env.app, 'leader.a');
    const outside = await call(env.app, 'PUT', `/api/field/care-assignments/${p.lateB1}`, village, { workerId: users.worker });
    const missing = await call(env.app, 'PUT', `/api/field/care-assignments/00000000-0000-4000-8000-000000000000`, village, { workerId: users.worker });
    expect([outside.status, outside.body]).toEqual([missing.status, missing.body]);
  });

  it('takes the name back: the person is listed without a worker again and the task has none', async () => {
    const del = await call(env.app, 'DELETE', `/api/field/care-assignments/${p.aloneA2}`, leader);
    expect([del.status, del.body.removed]).toEqual([200, true]);
    expect((await tasksOf(env, p.aloneA2!)).map((t) => t.assigneeId)).toEqual([null]);
    expect(ids((await call(env.app, 'GET', '/api/field/coverage?reason=no_worker', leader)).body.items)).toEqual([p.aloneA2, p.keyA2].sort());
  });

  it('keeps a village leader to the village, and a place outside the scope answers like a missing one', async () => {
    const village = await login(env.app, 'leader.a');
    expect(ids((await call(env.app, 'GET', '/api/field/coverage', village)).body.items)).toEqual([p.aloneA2, p.keyA2, p.newA1].sort());
    const outside = await call(env.app, 'GET', `/api/field/coverage?region=${fixture.villageB}`, village);
    const missing = await call(env.app, 'GET', '/api/field/coverage?region=632221100299', village);
    expect([outside.status, outside.body]).toEqual([missing.status, missing.body]);
  });
});
