/** Accounts: create, list, change role or scope, lock and unlock, under 三权分立 and region scope. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors.ts';
import { inScope } from '../../../core/region-code.ts';
import { grantRefusal, type Role } from '../../../core/roles.ts';
import { passwordProblems } from '../../../core/password-policy.ts';
import type { UserCreateInput, UserUpdateInput } from '../../../core/schemas/users.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import { countyPrefix, foundOrMissing, inActorScope, requireAnyPermission, requirePermission, scopePrefix } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as audit from '../audit/audit.service.ts';
import * as regions from '../regions/regions.service.ts';
import { endSessionsOf } from '../auth/auth.service.ts';
import * as repo from './users.repository.ts';
import { hashPassword } from './passwords.ts';
import { presentUser } from './users.presenter.ts';

/** Throws PASSWORD_TOO_WEAK naming the rule broken. */
export function assertStrongPassword(password: string, field = 'password'): void {
  const problems = passwordProblems(password);
  if (problems.length) throw new AppError('PASSWORD_TOO_WEAK', problems.map((code) => ({ path: field, code, message: code })));
}

const invalidScope = (scopeCode: string) => new AppError('INVALID_SCOPE', [{ path: 'scopeCode', code: 'invalid_scope', message: `${scopeCode}` }]);

/**
 * Applies the one grant rule of core/roles.ts (三权分立 and scope) to an account's role and scope.
 * @throws FORBIDDEN for a role the actor may not grant or withdraw, INVALID_SCOPE for a scope outside its own
 */
async function assertGrant(ex: Executor, actor: Actor, grant: { role: Role; scopeCode: string; fromRole?: Role }): Promise<void> {
  const refusal = grantRefusal(actor, grant);
  if (refusal === 'role') throw new AppError('FORBIDDEN');
  if (refusal === 'scope') throw invalidScope(grant.scopeCode);
  if (!(await regions.namesOf(ex, [grant.scopeCode])).has(grant.scopeCode)) throw invalidScope(grant.scopeCode);
}

async function userInScope(ex: Executor, actor: Actor, id: string, forUpdate = false) {
  return foundOrMissing(await repo.findInScope(ex, id, scopePrefix(actor), forUpdate));
}

/** A page of accounts under the actor's scope. @throws FORBIDDEN */
export async function listUsers(ctx: AppContext, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
  requirePermission(actor, 'user:read');
  const { rows, total } = await repo.listUnder(ctx.db, scopePrefix(actor), q.q, q.pageSize, (q.page - 1) * q.pageSize);
  const now = ctx.clock.now();
  return { items: rows.map((r) => presentUser(r.user, now, r.scopeName)), total, page: q.page, pageSize: q.pageSize };
}

/** One account under the actor's scope. @throws FORBIDDEN, NOT_FOUND */
export async function getUser(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'user:read');
  const u = await userInScope(ctx.db, actor, id);
  const names = await regions.namesOf(ctx.db, [u.scopeCode]);
  return presentUser(u, ctx.clock.now(), names.get(u.scopeCode));
}

/**
 * Creates an account. Business roles need `user:create` (system administrator); the three
 * administrator roles need `user:security` (security administrator), so no one admin makes another
 * (core/roles.ts grantRefusal). A password an administrator sets must be changed at the first sign-in; the
 * CLI's (the operator setting up their own first account) need not.
 * @throws FORBIDDEN, PASSWORD_TOO_WEAK, INVALID_SCOPE, CONFLICT
 */
export async function createUser(ctx: AppContext, actor: Actor, input: UserCreateInput) {
  await assertGrant(ctx.db, actor, { role: input.role as Role, scopeCode: input.scopeCode });
  assertStrongPassword(input.password);
  if (await repo.findByUsername(ctx.db, input.username)) throw new AppError('CONFLICT', [{ path: 'username', code: 'taken', message: input.username }]);
  const now = ctx.clock.now();
  const row = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    scopeCode: input.scopeCode,
    passwordHash: await hashPassword(input.password),
    totpSecretEnc: null,
    totpEnrolledAt: null,
    failedLogins: 0,
    lockedUntil: null,
    disabled: false,
    lastLoginAt: null,
    departmentId: input.departmentId ?? null,
    totpLastStep: null,
    mustChangePassword: actor.kind !== 'system',
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insert(tx, row);
    await audit.record(tx, ctx, actor, { action: 'user.create', objectType: 'user', objectId: row.id, countyCode: row.scopeCode.slice(0, 6), detail: { role: row.role, scope: row.scopeCode } });
  });
  return getUser(ctx, actor, row.id);
}

/**
 * Changes an account. A role or scope change follows the grant rule of creation (core/roles.ts grantRefusal:
 * the actor must be able to grant both the old and the new role, within its own scope); disabling needs
 * `user:security`; nobody changes their own role, scope or state. @throws FORBIDDEN, NOT_FOUND, INVALID_SCOPE
 */
export async function updateUser(ctx: AppContext, actor: Actor, id: string, patch: UserUpdateInput) {
  const security = patch.role !== undefined || patch.scopeCode !== undefined || patch.disabled !== undefined;
  requireAnyPermission(actor, ['user:create', 'user:security']);
  if (security && actor.id === id) throw new AppError('FORBIDDEN');
  if (patch.disabled !== undefined) requirePermission(actor, 'user:security');
  await ctx.db.transaction(async (tx) => {
    const u = await userInScope(tx, actor, id, true);
    if (patch.role !== undefined || patch.scopeCode !== undefined) {
      await assertGrant(tx, actor, { role: (patch.role ?? u.role) as Role, fromRole: u.role as Role, scopeCode: patch.scopeCode ?? u.scopeCode });
    }
    await repo.update(tx, id, { ...patch, updatedAt: ctx.clock.now() });
    // A changed role or scope must not live on in open sessions.
    if (security) await endSessionsOf(tx, id);
    await audit.record(tx, ctx, actor, { action: 'user.update', objectType: 'user', objectId: id, countyCode: u.scopeCode.slice(0, 6), detail: { fields: Object.keys(patch) } });
  });
  return getUser(ctx, actor, id);
}

/**
 * Sets a new password for someone who forgot theirs. Only the administrator who may grant the account's role
 * (core/roles.ts grantRefusal) resets it, never their own; the user must change it at the next sign-in, and
 * every session of theirs ends. @throws FORBIDDEN, NOT_FOUND, PASSWORD_TOO_WEAK
 */
export async function resetPassword(ctx: AppContext, actor: Actor, id: string, password: string) {
  requireAnyPermission(actor, ['user:create', 'user:security']);
  if (actor.id === id) throw new AppError('FORBIDDEN');
  assertStrongPassword(password);
  const hash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const u = await userInScope(tx, actor, id, true);
    if (grantRefusal(actor, { role: u.role as Role, scopeCode: u.scopeCode })) throw new AppError('FORBIDDEN');
    await repo.update(tx, id, { passwordHash: hash, mustChangePassword: true, updatedAt: ctx.clock.now() });
    await endSessionsOf(tx, id);
    await audit.record(tx, ctx, actor, { action: 'user.resetPassword', objectType: 'user', objectId: id, countyCode: u.scopeCode.slice(0, 6) });
  });
  return getUser(ctx, actor, id);
}

/** Clears a lockout. @throws FORBIDDEN, NOT_FOUND */
export async function unlockUser(ctx: AppContext, actor: Actor, id: string) {
  requirePermission(actor, 'user:security');
  await ctx.db.transaction(async (tx) => {
    const u = await userInScope(tx, actor, id, true);
    await repo.update(tx, id, { failedLogins: 0, lockedUntil: null, updatedAt: ctx.clock.now() });
    await audit.record(tx, ctx, actor, { action: 'user.unlock', objectType: 'user', objectId: id, countyCode: u.scopeCode.slice(0, 6) });
  });
  return getUser(ctx, actor, id);
}

/** Removes a user's second factor so they enrol again at next sign-in. @throws FORBIDDEN, NOT_FOUND */
export async function resetTotp(ctx: AppContext, actor: Actor, id: string) {
  // Removing one's own second factor would let a stolen password reach an administrator account.
  requirePermission(actor, 'user:security');
  if (actor.id === id) throw new AppError('FORBIDDEN');
  await ctx.db.transaction(async (tx) => {
    const u = await userInScope(tx, actor, id, true);
    await repo.update(tx, id, { totpSecretEnc: null, totpEnrolledAt: null, updatedAt: ctx.clock.now() });
    await endSessionsOf(tx, id);
    await audit.record(tx, ctx, actor, { action: 'user.resetTotp', objectType: 'user', objectId: id, countyCode: u.scopeCode.slice(0, 6) });
  });
  return getUser(ctx, actor, id);
}

/** The account with this username, unscoped: for sign-in and seeding only (no permission check). */
export function findAccountByUsername(ex: Executor, username: string) {
  return repo.findByUsername(ex, username);
}

/** Active accounts under a scope whose name or username holds `q` (at most `limit`), for linking a record such as a mediator to its account; the caller checks its own permission. */
export async function accountsToLink(ex: Executor, prefix: string, q: string | undefined, limit = 20) {
  const { rows } = await repo.listUnder(ex, prefix, q, limit * 2, 0);
  return rows.filter((r) => !r.user.disabled).slice(0, limit).map((r) => ({ id: r.user.id, username: r.user.username, displayName: r.user.displayName, role: r.user.role, scopeName: r.scopeName }));
}

/** The account with this id, unscoped: for the session's own user only. */
export function findAccountById(ex: Executor, id: string) {
  return repo.findById(ex, id);
}

/** Writes sign-in state (failure count, lockout, last sign-in, TOTP, password hash) of one account. */
export function updateAccount(ex: Executor, id: string, set: Partial<repo.UserRow>) {
  return repo.update(ex, id, set);
}

export type Account = repo.UserRow;

/** An account's failure counter and lock, locked for update inside the caller's transaction (sign-in). */
export function lockSignInState(tx: Executor, id: string) {
  return repo.lockSignInState(tx, id);
}

/** Records a TOTP time step as used; false when it (or a later one) was used before. */
export function claimTotpStep(ex: Executor, id: string, step: number): Promise<boolean> {
  return repo.claimTotpStep(ex, id, step);
}

/** Ids of the active security administrators whose scope covers `scopeCode` (for security alerts). */
export async function securityAdminsOver(ex: Executor, scopeCode: string): Promise<string[]> {
  return (await repo.activeWithRole(ex, 'secadmin')).filter((u) => inScope(u.scopeCode, scopeCode)).map((u) => u.id);
}

/** Ids of the operators (or other roles) of a centre, for notifications. */
export async function staffIdsAt(ex: Executor, scopeCode: string, roles: string[] = ['operator']): Promise<string[]> {
  return (await repo.staffAt(ex, scopeCode, roles)).map((r) => r.id);
}

/** Ids of a department's accounts, for notifications. */
export async function staffIdsOfDepartment(ex: Executor, departmentId: string): Promise<string[]> {
  return (await repo.staffOfDepartment(ex, departmentId)).map((r) => r.id);
}

/** People a case can be dispatched to in the actor's area (grid workers, household leaders, department handlers). @throws FORBIDDEN */
export async function assignableHandlers(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'case:act');
  // Department handlers sit at the county; a township operator may still dispatch to them.
  const county = countyPrefix(actor);
  const rows = await repo.assignableUnder(ctx.db, county);
  return rows.filter((r) => r.role === 'handler' || inActorScope(actor, r.scopeCode));
}
