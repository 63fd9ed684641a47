/** I/O for the case catalog: categories, departments, routing rules, deadline policies, holidays. */
import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { calendarDays, categories, deadlinePolicies, departmentCategories, departments, routingRules } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type CategoryRow = typeof categories.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type PolicyRow = typeof deadlinePolicies.$inferSelect;

/** Every category in display order. */
export function allCategories(ex: Executor): Promise<CategoryRow[]> {
  return ex.select().from(categories).orderBy(asc(categories.sort), asc(categories.id));
}

/** One category. */
export async function category(ex: Executor, id: string): Promise<CategoryRow | undefined> {
  const [row] = await ex.select().from(categories).where(eq(categories.id, id));
  return row;
}

/** Inserts a category. */
export async function insertCategory(ex: Executor, row: CategoryRow): Promise<void> {
  await ex.insert(categories).values(row);
}

/** Updates a category. */
export async function updateCategory(ex: Executor, id: string, set: Partial<CategoryRow>): Promise<void> {
  await ex.update(categories).set(set).where(eq(categories.id, id));
}

/** Departments of counties under a 1–6 digit prefix. */
export function departmentsUnder(ex: Executor, countyPrefix: string): Promise<DepartmentRow[]> {
  return ex.select().from(departments).where(like(departments.countyCode, `${countyPrefix}%`)).orderBy(asc(departments.countyCode), asc(departments.name));
}

/** One department under a prefix. */
export async function departmentUnder(ex: Executor, id: string, countyPrefix: string): Promise<DepartmentRow | undefined> {
  const [row] = await ex.select().from(departments).where(and(eq(departments.id, id), like(departments.countyCode, `${countyPrefix}%`)));
  return row;
}

/** Departments by id (names for a dashboard's breakdown). */
export function departmentsByIds(ex: Executor, ids: string[]): Promise<DepartmentRow[]> {
  return ids.length ? ex.select().from(departments).where(inArray(departments.id, ids)) : Promise.resolve([]);
}

/** Inserts a department and its category ownership (replacing earlier owners of those categories). */
export async function insertDepartment(ex: Executor, row: DepartmentRow, categoryIds: string[]): Promise<void> {
  await ex.insert(departments).values(row);
  for (const c of categoryIds) {
    await ex
      .insert(departmentCategories)
      .values({ countyCode: row.countyCode, categoryId: c, departmentId: row.id })
      .onConflictDoUpdate({ target: [departmentCategories.countyCode, departmentCategories.categoryId], set: { departmentId: row.id } });
  }
}

/** Changes a department's name or state. */
export async function updateDepartment(ex: Executor, id: string, set: Partial<Pick<DepartmentRow, 'name' | 'active'>>): Promise<void> {
  if (Object.keys(set).length) await ex.update(departments).set(set).where(eq(departments.id, id));
}

/** Makes `categoryIds` exactly what a department owns in its county (taking them from any other department). */
export async function replaceOwnership(ex: Executor, countyCode: string, departmentId: string, categoryIds: string[]): Promise<void> {
  await ex.delete(departmentCategories).where(and(eq(departmentCategories.countyCode, countyCode), eq(departmentCategories.departmentId, departmentId)));
  for (const c of categoryIds) {
    await ex
      .insert(departmentCategories)
      .values({ countyCode, categoryId: c, departmentId })
      .onConflictDoUpdate({ target: [departmentCategories.countyCode, departmentCategories.categoryId], set: { departmentId } });
  }
}

/** Category ids owned by each department of a county prefix. */
export function ownership(ex: Executor, countyPrefix: string) {
  return ex.select().from(departmentCategories).where(like(departmentCategories.countyCode, `${countyPrefix}%`));
}

/** The department owning a category in a county. */
export async function ownerOf(ex: Executor, countyCode: string, categoryId: string): Promise<string | null> {
  const [row] = await ex.select({ id: departmentCategories.departmentId }).from(departmentCategories).where(and(eq(departmentCategories.countyCode, countyCode), eq(departmentCategories.categoryId, categoryId)));
  return row?.id ?? null;
}

/** Routing rows for a county and the defaults ('000000'). */
export function routingRows(ex: Executor, countyCode: string) {
  return ex.select().from(routingRules).where(or(eq(routingRules.countyCode, countyCode), eq(routingRules.countyCode, '000000')));
}

/** Replaces a county's routing rules. */
export async function setRouting(ex: Executor, countyCode: string, rules: Record<string, string>): Promise<void> {
  await ex.delete(routingRules).where(eq(routingRules.countyCode, countyCode));
  await ex.insert(routingRules).values(Object.entries(rules).map(([tier, level]) => ({ countyCode, tier, level })));
}

/** Policies that could apply to a county, category and tier (county or default; category or '*'). */
export function policyCandidates(ex: Executor, countyCode: string, categoryId: string, tier: string): Promise<PolicyRow[]> {
  return ex
    .select()
    .from(deadlinePolicies)
    .where(and(inArray(deadlinePolicies.countyCode, [countyCode, '000000']), inArray(deadlinePolicies.categoryId, [categoryId, '*']), eq(deadlinePolicies.tier, tier)));
}

/** All policies of a county prefix and the defaults. */
export function policiesUnder(ex: Executor, countyPrefix: string): Promise<PolicyRow[]> {
  return ex.select().from(deadlinePolicies).where(or(like(deadlinePolicies.countyCode, `${countyPrefix}%`), eq(deadlinePolicies.countyCode, '000000'))).orderBy(asc(deadlinePolicies.countyCode), asc(deadlinePolicies.categoryId), asc(deadlinePolicies.tier));
}

/** Inserts or replaces one policy. */
export async function upsertPolicy(ex: Executor, row: PolicyRow): Promise<void> {
  await ex
    .insert(deadlinePolicies)
    .values(row)
    .onConflictDoUpdate({
      target: [deadlinePolicies.countyCode, deadlinePolicies.categoryId, deadlinePolicies.tier],
      set: { firstResponseMinutes: row.firstResponseMinutes, stageMinutes: row.stageMinutes, totalMinutes: row.totalMinutes, mode: row.mode },
    });
}

const calendarColumns = { countyCode: calendarDays.countyCode, day: sql<string>`to_char(${calendarDays.day}::date, 'YYYY-MM-DD')`, kind: calendarDays.kind, name: calendarDays.name };

/** Calendar days of these county keys ('000000' = shared). */
export function calendarOf(ex: Executor, countyCodes: string[]) {
  return ex.select(calendarColumns).from(calendarDays).where(inArray(calendarDays.countyCode, countyCodes)).orderBy(asc(calendarDays.day));
}

/** The shared calendar days and those of counties under a prefix. */
export function calendarUnder(ex: Executor, countyPrefix: string) {
  return ex.select(calendarColumns).from(calendarDays).where(or(eq(calendarDays.countyCode, '000000'), like(calendarDays.countyCode, `${countyPrefix}%`))).orderBy(asc(calendarDays.day), asc(calendarDays.countyCode));
}

/** Removes one day of a county key's calendar (it counts as an ordinary day again). */
export async function deleteCalendarDay(ex: Executor, countyCode: string, day: string): Promise<void> {
  await ex.delete(calendarDays).where(and(eq(calendarDays.countyCode, countyCode), eq(calendarDays.day, day)));
}

/** Inserts or replaces calendar days of one county key. */
export async function upsertCalendar(ex: Executor, countyCode: string, rows: { day: string; kind: string; name: string }[]): Promise<void> {
  for (const r of rows) {
    await ex.insert(calendarDays).values({ ...r, countyCode }).onConflictDoUpdate({ target: [calendarDays.countyCode, calendarDays.day], set: { kind: r.kind, name: r.name } });
  }
}
