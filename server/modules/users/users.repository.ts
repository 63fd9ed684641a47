/** I/O for accounts. User lists are scoped by the prefix of the scope code. */
import { and, asc, count, eq, ilike, inArray, like, or, type SQL } from 'drizzle-orm';
import { regions, users } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type UserRow = typeof users.$inferSelect;

/** One account by username (sign-in). */
export async function findByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.username, username));
  return row;
}

/** One account by id, unscoped (the session's own user). */
export async function findById(ex: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  return row;
}

/** One account whose scope lies under `scopePrefix`, locked for update when inside a transaction. */
export async function findInScope(ex: Executor, id: string, scopePrefix: string, forUpdate = false): Promise<UserRow | undefined> {
  const q = ex.select().from(users).where(and(eq(users.id, id), like(users.scopeCode, `${scopePrefix}%`)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** A page of accounts under a scope prefix, with the scope's name. */
export async function listUnder(ex: Executor, scopePrefix: string, q: string | undefined, limit: number, offset: number) {
  const where: SQL[] = [like(users.scopeCode, `${scopePrefix}%`)];
  if (q) where.push(or(ilike(users.username, `%${q}%`), ilike(users.displayName, `%${q}%`))!);
  const rows = await ex
    .select({ user: users, scopeName: regions.name })
    .from(users)
    .innerJoin(regions, eq(regions.code, users.scopeCode))
    .where(and(...where))
    .orderBy(asc(users.scopeCode), asc(users.username))
    .limit(limit)
    .offset(offset);
  const [total] = await ex.select({ n: count() }).from(users).where(and(...where));
  return { rows, total: Number(total?.n ?? 0) };
}

/** Inserts one account. */
export async function insert(ex: Executor, row: Omit<UserRow, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date }): Promise<void> {
  await ex.insert(users).values(row);
}

/** Updates some columns of one account. */
export async function update(ex: Executor, id: string, set: Partial<UserRow>): Promise<void> {
  await ex.update(users).set(set).where(eq(users.id, id));
}

/** Number of accounts. */
export async function countAll(ex: Executor): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

/** Active accounts with one of the roles whose scope is exactly a region node (the staff of a centre). */
export function staffAt(ex: Executor, scopeCode: string, roles: string[]) {
  return ex.select({ id: users.id }).from(users).where(and(eq(users.scopeCode, scopeCode), inArray(users.role, roles), eq(users.disabled, false)));
}

/** Active accounts of a department. */
export function staffOfDepartment(ex: Executor, departmentId: string) {
  return ex.select({ id: users.id }).from(users).where(and(eq(users.departmentId, departmentId), eq(users.disabled, false)));
}

/** Active handlers, grid workers and household leaders whose scope lies under a prefix. */
export function assignableUnder(ex: Executor, scopePrefix: string) {
  return ex
    .select({ id: users.id, displayName: users.displayName, role: users.role, scopeCode: users.scopeCode, departmentId: users.departmentId })
    .from(users)
    .where(and(like(users.scopeCode, `${scopePrefix}%`), inArray(users.role, ['handler', 'gridWorker', 'householdLeader']), eq(users.disabled, false)))
    .orderBy(asc(users.role), asc(users.displayName))
    .limit(500);
}
