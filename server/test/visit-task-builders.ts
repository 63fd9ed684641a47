/**
 * A small field world for the visit-task, coverage and snapshot tests: the fixture county, a grid worker linked to
 * grid A1 (by a grid_staff row, as the demo links its accounts), a leader of village A linked as A1's grid leader,
 * and builders for persons under care, households and their risk level (the field records' current-level table).
 */
import { randomUUID } from 'node:crypto';
import { systemActor } from '../lib/actor.ts';
import { createPerson } from '../modules/people/persons.service.ts';
import { createHousehold } from '../modules/people/households.service.ts';
import { addRecord } from '../modules/people/records.service.ts';
import { fixture, makeUser, seedFixture, type TestEnv } from './harness.ts';

const root = systemActor(fixture.province, 'test');

/** Links an account to a grid as its grid worker (or leader). */
export async function linkStaff(env: TestEnv, gridCode: string, userId: string, role: 'gridWorker' | 'gridLeader' = 'gridWorker'): Promise<string> {
  const id = randomUUID();
  await env.ctx.database.query('INSERT INTO grid_staff (id, grid_code, county_code, role, name, user_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [id, gridCode, gridCode.slice(0, 6), role, role, userId, env.ctx.clock.now().toISOString()]);
  return id;
}

/** Removes a staff link. */
export async function unlinkStaff(env: TestEnv, id: string): Promise<void> {
  await env.ctx.database.query('DELETE FROM grid_staff WHERE id = $1', [id]);
}

/** A person in `gridCode` with one care record (kind, category, danger grade of severe mental illness). */
export async function personUnderCare(env: TestEnv, gridCode: string, name: string, record?: { kind: 'special_group' | 'care' | 'left_behind' | 'youth'; category?: string; riskLevel?: string }): Promise<string> {
  const p = await createPerson(env.ctx, root, { gridCode, personType: '01', name });
  if (record) await addRecord(env.ctx, root, p.id, record);
  return p.id;
}

/** A household in `gridCode`. */
export async function household(env: TestEnv, gridCode: string, address: string): Promise<string> {
  return (await createHousehold(env.ctx, root, { gridCode, address, riskLevel: 'normal' })).id;
}

/** Sets a household's current safety-risk level as an assessment would (the field records' table). */
export async function setRisk(env: TestEnv, householdId: string, level: 'high' | 'medium' | 'low'): Promise<void> {
  const now = env.ctx.clock.now().toISOString();
  await env.ctx.database.query(
    `INSERT INTO household_risk_current (county_code, household_id, level, score, assessment_id, assessed_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
     ON CONFLICT (county_code, household_id) DO UPDATE SET level = excluded.level, score = excluded.score, assessed_at = excluded.assessed_at, updated_at = excluded.updated_at`,
    [fixture.county.slice(0, 6), householdId, level, level === 'high' ? 45 : level === 'medium' ? 25 : 5, randomUUID(), now]);
}

/** A visit task as the tests read it. */
export interface TaskView {
  id: string;
  rule: string;
  status: string;
  dueOn: string;
  assigneeId: string | null;
}

/** The tasks of a subject (any status), oldest first. */
export function tasksOf(env: TestEnv, subjectId: string): Promise<TaskView[]> {
  return env.ctx.database.query<TaskView>(
    `SELECT id, rule, status, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", assignee_id AS "assigneeId" FROM visit_tasks WHERE county_code = $1 AND subject_id = $2 ORDER BY created_at, rule`,
    [fixture.county.slice(0, 6), subjectId]);
}

/** Rows of one table about one subject id (clocks, events, outbox), as the tests read them. */
export function clocksOf(env: TestEnv, taskId: string) {
  return env.ctx.database.query<{ kind: string; mode: string; state: string; dueAt: Date }>(`SELECT kind, mode, state, due_at AS "dueAt" FROM clocks WHERE county_code = $1 AND subject_id = $2 ORDER BY started_at`, [fixture.county.slice(0, 6), taskId]);
}

/** A task's timeline. */
export function eventsOf(env: TestEnv, taskId: string) {
  return env.ctx.database.query<{ type: string; actorId: string }>(`SELECT type, actor_id AS "actorId" FROM visit_task_events WHERE county_code = $1 AND task_id = $2 ORDER BY id`, [fixture.county.slice(0, 6), taskId]);
}

/** In-app notices queued for the county, oldest first. */
export async function noticesOf(env: TestEnv): Promise<{ userIds?: string[]; text?: string }[]> {
  const rows = await env.ctx.database.query<{ payload: { userIds?: string[]; text?: string } }>(`SELECT payload FROM outbox WHERE county_code = $1 ORDER BY id`, [fixture.county.slice(0, 6)]);
  return rows.map((r) => r.payload);
}

/** The fixture with a worker of village A linked to grid A1 and a leader linked as A1's grid leader. */
export async function fieldWorld(env: TestEnv) {
  await seedFixture(env.ctx);
  const users = {
    worker: await makeUser(env.ctx, 'gw.a', 'gridWorker', fixture.villageA),
    workerB: await makeUser(env.ctx, 'gw.b', 'gridWorker', fixture.villageB),
    leader: await makeUser(env.ctx, 'leader.a', 'leader', fixture.villageA),
    countyLeader: await makeUser(env.ctx, 'leader.county', 'leader', fixture.county),
  };
  await linkStaff(env, fixture.gridA1, users.worker);
  await linkStaff(env, fixture.gridA1, users.leader, 'gridLeader');
  return { users };
}
