/** I/O for visit tasks, their events, care assignments and the one-off facts the generator took up; nothing else. */
import { and, asc, eq, inArray, isNotNull, lt, max, sql } from 'drizzle-orm';
import { careAssignments, gridStaff, households, persons, users, visitTriggerScans, visitTaskEvents, visitTasks } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type TaskRow = typeof visitTasks.$inferSelect;
export type NewTaskEvent = Omit<typeof visitTaskEvents.$inferInsert, 'id'>;

/** Inserts tasks; one that an open task of its subject and rule (or its trigger) already covers is skipped. Returns those inserted. */
export async function insertTasks(tx: Executor, rows: TaskRow[]): Promise<TaskRow[]> {
  if (!rows.length) return [];
  // Any unique conflict (the open-task index or the trigger index) means another run made it: nothing twice.
  return tx.insert(visitTasks).values(rows).onConflictDoNothing().returning();
}

/** Appends a timeline step. */
export async function insertEvent(tx: Executor, e: NewTaskEvent): Promise<void> {
  await tx.insert(visitTaskEvents).values(e);
}

/** A task locked for a transition (county in the WHERE: one shard); `skipLocked` for the sweep, which never waits. */
export async function lockTask(tx: Executor, countyCode: string, id: string, skipLocked = false): Promise<TaskRow | undefined> {
  const q = tx.select().from(visitTasks).where(and(eq(visitTasks.countyCode, countyCode), eq(visitTasks.id, id)));
  const [row] = skipLocked ? await q.for('update', { skipLocked: true }) : await q.for('update');
  return row;
}

/** The open tasks of one subject, locked. */
export function lockOpenOfSubject(tx: Executor, countyCode: string, subjectType: string, subjectId: string): Promise<TaskRow[]> {
  return tx.select().from(visitTasks).where(and(eq(visitTasks.countyCode, countyCode), eq(visitTasks.subjectType, subjectType), eq(visitTasks.subjectId, subjectId), eq(visitTasks.status, 'open'))).orderBy(asc(visitTasks.id)).for('update');
}

/** Every open task of a county (the generator compares them with what the rules require). */
export function openOfCounty(ex: Executor, countyCode: string): Promise<TaskRow[]> {
  return ex.select().from(visitTasks).where(and(eq(visitTasks.countyCode, countyCode), eq(visitTasks.status, 'open')));
}

/** Writes changed columns and bumps the version. */
export async function updateTask(tx: Executor, t: TaskRow, set: Partial<TaskRow>, now: Date): Promise<void> {
  await tx.update(visitTasks).set({ ...set, updatedAt: now, version: t.version + 1 }).where(and(eq(visitTasks.countyCode, t.countyCode), eq(visitTasks.id, t.id)));
}

/** The last visit that completed a task of each subject of a county (optionally one subject), by `type:id`. */
export async function lastVisits(ex: Executor, countyCode: string, subject?: { type: string; id: string }): Promise<Map<string, Date>> {
  const rows = await ex
    .select({ type: visitTasks.subjectType, id: visitTasks.subjectId, at: max(visitTasks.visitedAt) })
    .from(visitTasks)
    .where(and(eq(visitTasks.countyCode, countyCode), isNotNull(visitTasks.visitedAt), subject ? and(eq(visitTasks.subjectType, subject.type), eq(visitTasks.subjectId, subject.id)) : undefined))
    .groupBy(visitTasks.subjectType, visitTasks.subjectId);
  return new Map(rows.filter((r) => r.at).map((r) => [`${r.type}:${r.id}`, new Date(r.at!)]));
}

/** Explicit care assignments of a county (person → user), accounts enabled only. */
export async function careAssignees(ex: Executor, countyCode: string, personIds?: string[]): Promise<Map<string, string>> {
  const rows = await ex
    .select({ personId: careAssignments.personId, userId: careAssignments.userId })
    .from(careAssignments)
    .innerJoin(users, eq(users.id, careAssignments.userId))
    .where(and(eq(careAssignments.countyCode, countyCode), eq(users.disabled, false), personIds ? inArray(careAssignments.personId, personIds) : undefined));
  return new Map(rows.map((r) => [r.personId, r.userId]));
}

/** Each grid's first linked grid worker with an enabled account, and its grid leaders' accounts (the sweep's breach notice). */
export async function gridPeople(ex: Executor, countyCode: string, role: 'gridWorker' | 'gridLeader', gridCodes?: string[]): Promise<Map<string, string[]>> {
  const rows = await ex
    .select({ grid: gridStaff.gridCode, userId: gridStaff.userId })
    .from(gridStaff)
    .innerJoin(users, eq(users.id, gridStaff.userId))
    .where(and(eq(gridStaff.countyCode, countyCode), eq(gridStaff.role, role), isNotNull(gridStaff.userId), eq(users.disabled, false), gridCodes ? inArray(gridStaff.gridCode, gridCodes) : undefined))
    .orderBy(asc(gridStaff.createdAt), asc(gridStaff.id));
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.grid, [...(out.get(r.grid) ?? []), r.userId!]);
  return out;
}

/** Remembers that these one-off facts of a county were taken up (a fact seen twice stays as first seen). */
export async function markScanned(tx: Executor, countyCode: string, refs: string[], at: Date): Promise<void> {
  if (refs.length) await tx.insert(visitTriggerScans).values(refs.map((ref) => ({ countyCode, ref, scannedAt: at }))).onConflictDoNothing();
}

/** Drops a county's marks of facts taken up before `before` (older than any scan's window). */
export async function forgetScansBefore(tx: Executor, countyCode: string, before: Date): Promise<void> {
  await tx.delete(visitTriggerScans).where(and(eq(visitTriggerScans.countyCode, countyCode), lt(visitTriggerScans.scannedAt, before)));
}

/** A task with its subject's masked label, as lists show it. */
export type TaskListRow = TaskRow & { label: string | null };

/** Filters of a task list: a county prefix and region/grid prefix, an assignee, a status (overdue: open and past its due day). */
export interface TaskFilter {
  prefix: string;
  assigneeId?: string;
  status: 'open' | 'overdue' | 'done' | 'cancelled';
  /** Today in China (YYYY-MM-DD): an open task whose due day is before it is overdue. */
  today: string;
  updatedAfter?: Date;
}

function taskWhere(f: TaskFilter) {
  const county = f.prefix.length >= 6 ? f.prefix.slice(0, 6) : undefined;
  return and(
    county ? eq(visitTasks.countyCode, county) : undefined,
    f.prefix ? sql`${visitTasks.gridCode} LIKE ${f.prefix + '%'}` : undefined,
    f.assigneeId ? eq(visitTasks.assigneeId, f.assigneeId) : undefined,
    f.status === 'overdue' ? and(eq(visitTasks.status, 'open'), sql`${visitTasks.dueOn} < ${f.today}`) : eq(visitTasks.status, f.status),
    f.updatedAfter ? sql`${visitTasks.updatedAt} > ${f.updatedAfter.toISOString()}` : undefined,
  );
}

/** A page of tasks, earliest due first, with the subject's label (a household's address, a person's masked name). */
export async function listTasks(ex: Executor, f: TaskFilter, page: number, pageSize: number): Promise<{ items: TaskListRow[]; total: number }> {
  const where = taskWhere(f);
  const [{ n }] = (await ex.select({ n: sql<number>`count(*)::int` }).from(visitTasks).where(where)) as [{ n: number }];
  const items = await ex
    .select({ task: visitTasks, address: households.address, name: persons.nameMask })
    .from(visitTasks)
    .leftJoin(households, and(eq(visitTasks.subjectType, 'household'), eq(households.countyCode, visitTasks.countyCode), eq(households.id, visitTasks.subjectId)))
    .leftJoin(persons, and(eq(visitTasks.subjectType, 'person'), eq(persons.countyCode, visitTasks.countyCode), eq(persons.id, visitTasks.subjectId)))
    .where(where)
    .orderBy(asc(visitTasks.dueOn), asc(visitTasks.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items: items.map((r) => ({ ...r.task, label: r.address ?? r.name })), total: n };
}

/** Links accounts-less staff rows of `role` in the grids under `prefix` to an account (the demo); returns how many. */
export async function linkUnlinkedStaff(tx: Executor, countyCode: string, prefix: string, role: string, userId: string): Promise<number> {
  const rows = await tx.update(gridStaff).set({ userId }).where(and(eq(gridStaff.countyCode, countyCode), sql`${gridStaff.gridCode} LIKE ${prefix + '%'}`, eq(gridStaff.role, role), sql`${gridStaff.userId} IS NULL`)).returning({ id: gridStaff.id });
  return rows.length;
}

/** Tasks of an account changed after `since` that it should no longer hold (done, cancelled, or given to someone else), in these grids or once its own. */
export async function tasksGone(ex: Executor, countyCode: string, userId: string, grids: string[], since: Date): Promise<string[]> {
  const rows = await ex
    .select({ id: visitTasks.id })
    .from(visitTasks)
    .where(and(
      eq(visitTasks.countyCode, countyCode),
      sql`${visitTasks.updatedAt} > ${since.toISOString()}`,
      grids.length ? sql`(${visitTasks.assigneeId} = ${userId} OR ${inArray(visitTasks.gridCode, grids)})` : eq(visitTasks.assigneeId, userId),
      sql`NOT (${visitTasks.status} = 'open' AND ${visitTasks.assigneeId} IS NOT DISTINCT FROM ${userId})`,
    ));
  return rows.map((r) => r.id);
}
