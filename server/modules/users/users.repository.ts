/** I/O for accounts. User lists are scoped by the prefix of the scope code. */
import { and, asc, count, eq, ilike, inArray, isNull, like, lt, or, type SQL } from 'drizzle-orm';
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

/** The sign-in counter of one account, locked for update (inside a transaction) so concurrent attempts queue. */
export async function lockSignInState(ex: Executor, id: string) {
  const [row] = await ex.select({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, id)).for('update');
  return row;
}

/**
 * Records `step` as the account's last used TOTP time step if it is later than the one stored; false when it is
 * not (the code, or an earlier one, was used already). One conditional UPDATE: two concurrent uses cannot both win.
 */
export async function claimTotpStep(ex: Executor, id: string, step: number): Promise<boolean> {
  const rows = await ex.update(users).set({ totpLastStep: step }).where(and(eq(users.id, id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step)))).returning({ id: users.id });
  return rows.length === 1;
}

/** Active accounts with a role (few: the security administrators), for alerts. */
export function activeWithRole(ex: Executor, role: string) {
  return ex.select({ id: users.id, scopeCode: users.scopeCode }).from(users).where(and(eq(users.role, role), eq(users.disabled, false)));
}
