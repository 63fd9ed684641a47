/**
 * Sign-in (password + TOTP), sessions with an idle timeout, lockout after repeated failures, TOTP
 * enrolment, password change, and resolving a request's cookie or bearer token to an Actor.
 */
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotpCode } from 'otplib';
import { AppError } from '../../../core/errors.ts';
import { afterFailedLogin, isIdleExpired, securityPolicy } from '../../../core/password-policy.ts';
import { rolePermissions, totpRequiredRoles, type Role } from '../../../core/roles.ts';
import type { LoginInput, Me } from '../../../core/schemas/auth.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import * as audit from '../audit/audit.service.ts';
import * as regions from '../regions/regions.service.ts';
import { assertStrongPassword, findAccountById, findAccountByUsername, updateAccount, type Account } from '../users/users.service.ts';
import type { Executor } from '../../db/client.ts';
import { dummyHash, hashPassword, verifyPassword } from '../users/passwords.ts';
import * as sessions from './sessions.repository.ts';
import { resolveToken } from '../tokens/tokens.service.ts';

export interface SessionActor extends Actor {
  stage: 'enrol' | 'full';
  sessionHash: string;
}

const county = (u: Account) => u.scopeCode.slice(0, 6);

async function checkTotp(ctx: AppContext, secretEnc: string, code: string): Promise<boolean> {
  const secret = ctx.crypto.decrypt(secretEnc);
  const r = await verifyTotpCode({ secret, token: code, epoch: Math.floor(ctx.clock.now().getTime() / 1000), epochTolerance: 30 });
  return r.valid;
}

async function fail(ctx: AppContext, u: Account, ip: string | undefined, reason: string): Promise<never> {
  const next = afterFailedLogin(u.failedLogins, ctx.clock.now());
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, u.id, { failedLogins: next.failedCount, lockedUntil: next.lockedUntil });
    await audit.record(tx, ctx, null, { action: 'auth.login', objectType: 'user', objectId: u.id, outcome: 'failure', countyCode: county(u), detail: { reason, locked: next.lockedUntil !== null } }, ip);
  });
  throw new AppError(next.lockedUntil ? 'AUTH_LOCKED' : reason === 'totp' ? 'TOTP_INVALID' : 'AUTH_INVALID');
}

/**
 * Checks the password (and TOTP when enrolled) and opens a session. A user whose role needs TOTP and
 * who has none gets an `enrol` session that can only set it up.
 * @throws AUTH_INVALID, AUTH_LOCKED, AUTH_DISABLED, TOTP_REQUIRED, TOTP_INVALID
 */
export async function login(ctx: AppContext, input: LoginInput, ip?: string): Promise<{ token: string; me: Me }> {
  const now = ctx.clock.now();
  const u = await findAccountByUsername(ctx.db, input.username);
  if (!u) {
    await verifyPassword(await dummyHash, input.password);
    await audit.recordAlone(ctx.db, ctx, null, { action: 'auth.login', outcome: 'failure', detail: { reason: 'unknown_user' } }, ip);
    throw new AppError('AUTH_INVALID');
  }
  if (u.lockedUntil && u.lockedUntil > now) {
    await audit.recordAlone(ctx.db, ctx, null, { action: 'auth.login', objectType: 'user', objectId: u.id, outcome: 'denied', countyCode: county(u), detail: { reason: 'locked' } }, ip);
    throw new AppError('AUTH_LOCKED');
  }
  if (!(await verifyPassword(u.passwordHash, input.password))) return fail(ctx, u, ip, 'password');
  if (u.disabled) throw new AppError('AUTH_DISABLED');
  if (u.totpEnrolledAt && u.totpSecretEnc) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    if (!(await checkTotp(ctx, u.totpSecretEnc, input.totp))) return fail(ctx, u, ip, 'totp');
  }
  const stage: 'enrol' | 'full' = !u.totpEnrolledAt && totpRequiredRoles.includes(u.role as Role) ? 'enrol' : 'full';
  const token = randomBytes(32).toString('base64url');
  const idHash = sm3Hex(token);
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, u.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    await sessions.insert(tx, { idHash, userId: u.id, stage, createdAt: now, lastSeenAt: now, ip: ip ?? null });
    await audit.record(tx, ctx, { kind: 'user', id: u.id, name: u.username, role: u.role as Role, scopeCode: u.scopeCode }, { action: 'auth.login', objectType: 'user', objectId: u.id, countyCode: county(u), detail: { stage } }, ip);
  });
  return { token, me: await describe(ctx, u, stage) };
}

/** What the UI needs to know about the signed-in user. */
async function describe(ctx: AppContext, u: Account, stage: 'enrol' | 'full'): Promise<Me> {
  const names = await regions.namesOf(ctx.db, [u.scopeCode]);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeCode: u.scopeCode,
    scopeName: names.get(u.scopeCode) ?? '',
    stage,
    totpEnrolled: u.totpEnrolledAt !== null,
    permissions: stage === 'full' ? [...rolePermissions[u.role as Role]] : [],
  };
}

/** The signed-in user's profile. @throws AUTH_REQUIRED */
export async function me(ctx: AppContext, actor: SessionActor): Promise<Me> {
  const u = await findAccountById(ctx.db, actor.id);
  if (!u) throw new AppError('AUTH_REQUIRED');
  return describe(ctx, u, actor.stage);
}

/**
 * Resolves a session cookie or a bearer token to an actor, enforcing the idle timeout.
 * Returns null when neither is present. @throws SESSION_EXPIRED, AUTH_REQUIRED
 */
export async function authenticate(ctx: AppContext, cookie: string | undefined, bearer: string | undefined, ip?: string): Promise<SessionActor | Actor | null> {
  if (bearer) return { ...(await resolveToken(ctx, bearer)), ip };
  if (!cookie) return null;
  const now = ctx.clock.now();
  const idHash = sm3Hex(cookie);
  const s = await sessions.find(ctx.db, idHash);
  if (!s) throw new AppError('AUTH_REQUIRED');
  if (isIdleExpired(s.lastSeenAt, now) || now.getTime() - s.createdAt.getTime() > securityPolicy.absoluteSessionMs) {
    await sessions.remove(ctx.db, idHash);
    throw new AppError('SESSION_EXPIRED');
  }
  const u = await findAccountById(ctx.db, s.userId);
  if (!u || u.disabled) {
    await sessions.remove(ctx.db, idHash);
    throw new AppError('AUTH_REQUIRED');
  }
  // Write the activity time at most once a minute: one UPDATE per request would double the writes.
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await sessions.touch(ctx.db, idHash, now);
  return { kind: 'user', id: u.id, name: u.username, role: u.role as Role, scopeCode: u.scopeCode, departmentId: u.departmentId, ip, stage: s.stage as 'enrol' | 'full', sessionHash: idHash };
}

/** Ends the current session. */
export async function logout(ctx: AppContext, actor: SessionActor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await sessions.remove(tx, actor.sessionHash);
    await audit.record(tx, ctx, actor, { action: 'auth.logout', objectType: 'user', objectId: actor.id, countyCode: actor.scopeCode.slice(0, 6) });
  });
}

/** Starts TOTP enrolment: stores a new secret (encrypted) and returns it with an otpauth:// URI. */
export async function startTotp(ctx: AppContext, actor: SessionActor): Promise<{ secret: string; otpauthUrl: string }> {
  const u = await findAccountById(ctx.db, actor.id);
  if (!u) throw new AppError('AUTH_REQUIRED');
  // Re-enrolling an enrolled factor is the security administrator's reset, not a self-service step.
  if (u.totpEnrolledAt) throw new AppError('FORBIDDEN');
  const secret = generateSecret();
  await updateAccount(ctx.db, u.id, { totpSecretEnc: ctx.crypto.encrypt(secret) });
  return { secret, otpauthUrl: generateURI({ issuer: 'Anwang 安网', label: u.username, secret }) };
}

/** Confirms enrolment with a first code; the session becomes a full one. @throws TOTP_INVALID */
export async function confirmTotp(ctx: AppContext, actor: SessionActor, code: string): Promise<Me> {
  const u = await findAccountById(ctx.db, actor.id);
  if (!u || !u.totpSecretEnc || u.totpEnrolledAt) throw new AppError('FORBIDDEN');
  if (!(await checkTotp(ctx, u.totpSecretEnc, code))) throw new AppError('TOTP_INVALID');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, u.id, { totpEnrolledAt: now });
    await sessions.setStage(tx, actor.sessionHash, 'full');
    await audit.record(tx, ctx, actor, { action: 'auth.totpEnrol', objectType: 'user', objectId: u.id, countyCode: county(u) });
  });
  return describe(ctx, { ...u, totpEnrolledAt: now }, 'full');
}

/** Changes one's own password; other sessions end. @throws AUTH_INVALID, PASSWORD_TOO_WEAK */
export async function changePassword(ctx: AppContext, actor: SessionActor, current: string, next: string): Promise<void> {
  const u = await findAccountById(ctx.db, actor.id);
  if (!u || !(await verifyPassword(u.passwordHash, current))) throw new AppError('AUTH_INVALID');
  assertStrongPassword(next, 'newPassword');
  const hash = await hashPassword(next);
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, u.id, { passwordHash: hash, updatedAt: ctx.clock.now() });
    await sessions.removeForUser(tx, u.id);
    await audit.record(tx, ctx, actor, { action: 'auth.changePassword', objectType: 'user', objectId: u.id, countyCode: county(u) });
  });
}

/** Ends every session of a user (after a role, scope, factor or password change), inside the caller's transaction. */
export async function endSessionsOf(tx: Executor, userId: string): Promise<void> {
  await sessions.removeForUser(tx, userId);
}
