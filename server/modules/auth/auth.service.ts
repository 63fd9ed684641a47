/**
 * Sign-in (password + TOTP), sessions with an idle timeout, lockout after repeated failures, TOTP
 * enrolment, password change, and resolving a request's cookie or bearer token to an Actor.
 */
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify as verifyTotpCode } from 'otplib';
import { AppError } from '../../../core/errors.ts';
import { isIdleExpired, securityPolicy } from '../../../core/password-policy.ts';
import { claimAttempt, cleared, releaseAttempt, type LockState } from '../../../core/lockout.ts';
import { rolePermissions, totpRequiredRoles, type Role } from '../../../core/roles.ts';
import type { LoginInput, Me } from '../../../core/schemas/auth.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { sm3Hex } from '../../lib/crypto.ts';
import * as audit from '../audit/audit.service.ts';
import * as regions from '../regions/regions.service.ts';
import { assertStrongPassword, claimTotpStep, findAccountById, findAccountByUsername, lockSignInState, updateAccount, type Account } from '../users/users.service.ts';
import type { Executor } from '../../db/client.ts';
import { dummyHash, hashPassword, verifyPassword } from '../users/passwords.ts';
import * as sessions from './sessions.repository.ts';
import { resolveToken } from '../tokens/tokens.service.ts';

/** 'enrol': may only set up TOTP; 'password': may only change the password an administrator set; 'full'. */
export type SessionStage = 'enrol' | 'password' | 'full';

export interface SessionActor extends Actor {
  stage: SessionStage;
  sessionHash: string;
}

const county = (u: Account) => u.scopeCode.slice(0, 6);
/** RFC 6238's time step, otplib's default. */
const TOTP_PERIOD_S = 30;

/**
 * Checks a TOTP code and spends its time step: each step is accepted once per user, for sign-in, enrolment and
 * any other check alike (a code seen over a shoulder or replayed from a log is worthless). False when the code is
 * wrong or its step (or a later one) was used already.
 */
async function spendTotp(ctx: AppContext, u: Account, secretEnc: string, code: string): Promise<boolean> {
  const secret = ctx.crypto.decrypt(secretEnc);
  const epoch = Math.floor(ctx.clock.now().getTime() / 1000);
  const r = await verifyTotpCode({ secret, token: code, epoch, epochTolerance: 30, afterTimeStep: u.totpLastStep ?? undefined });
  if (!r.valid) return false;
  // The check above read a possibly stale last step; this conditional UPDATE decides between concurrent uses.
  return claimTotpStep(ctx.db, u.id, Math.floor(epoch / TOTP_PERIOD_S) + r.delta);
}

/**
 * Counts one attempt at an account's password (sign-in or password change) before it is checked, under a row
 * lock (core/lockout.ts): null when the account is locked, else the state after the claim. However many
 * attempts arrive at once, at most five are ever checked before the lock holds.
 */
async function claim(ctx: AppContext, userId: string): Promise<LockState | null> {
  return ctx.db.transaction(async (tx) => {
    const state = await lockSignInState(tx, userId);
    if (!state) return null;
    const r = claimAttempt(state, ctx.clock.now(), securityPolicy);
    if (!r.allowed) return null;
    await updateAccount(tx, userId, r.next);
    return r.next;
  });
}

/** Gives a claim back (the password was right; the code was not sent yet), under the same row lock. */
async function release(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const state = await lockSignInState(tx, userId);
    if (state) await updateAccount(tx, userId, releaseAttempt(state, securityPolicy));
  });
}

/**
 * The answer to a locked account, or an unknown one: the same work (one argon2 verification) and the same answer
 * as a wrong password, so a caller who does not know the password cannot tell a locked account from a wrong
 * guess. Even the right password gets this answer while the lock holds: telling it apart would make the lock an
 * oracle that confirms a guessed password.
 */
async function refuseLikeWrongPassword(password: string): Promise<never> {
  await verifyPassword(await dummyHash, password);
  throw new AppError('AUTH_INVALID');
}

/** Records a failed attempt (already counted by its claim) and answers it. */
async function failed(ctx: AppContext, u: Account, action: 'auth.login' | 'auth.changePassword', actor: Actor | null, claimed: LockState, reason: 'password' | 'totp', ip: string | undefined): Promise<never> {
  const locked = claimed.lockedUntil !== null;
  await ctx.db.transaction(async (tx) => {
    await audit.record(tx, ctx, actor, { action, objectType: 'user', objectId: u.id, outcome: 'failure', countyCode: county(u), detail: { reason, locked } }, ip);
    // Wrong current passwords from a signed-in session until the lock: the session is likely stolen.
    if (locked && actor) await sessions.removeForUser(tx, u.id);
  });
  throw new AppError(reason === 'totp' ? 'TOTP_INVALID' : 'AUTH_INVALID');
}

/** The stage a new session of this account starts in. */
function stageOf(u: Account): SessionStage {
  if (u.mustChangePassword) return 'password';
  return !u.totpEnrolledAt && totpRequiredRoles.includes(u.role as Role) ? 'enrol' : 'full';
}

/**
 * Checks the password (and TOTP when enrolled) and opens a session. Every attempt is counted atomically before
 * the password is checked (see claim). A user whose role needs TOTP and who has none gets an `enrol` session
 * that can only set it up; one whose password an administrator set gets a `password` session that can only
 * change it. Signing in beyond the session cap ends the user's oldest sessions.
 * @throws AUTH_INVALID (also for a locked account), AUTH_DISABLED, TOTP_REQUIRED, TOTP_INVALID
 */
export async function login(ctx: AppContext, input: LoginInput, ip?: string): Promise<{ token: string; me: Me }> {
  const u = await findAccountByUsername(ctx.db, input.username);
  if (!u) {
    await audit.recordAlone(ctx.db, ctx, null, { action: 'auth.login', outcome: 'failure', detail: { reason: 'unknown_user' } }, ip);
    return refuseLikeWrongPassword(input.password);
  }
  const claimed = await claim(ctx, u.id);
  if (!claimed) {
    await audit.recordAlone(ctx.db, ctx, null, { action: 'auth.login', objectType: 'user', objectId: u.id, outcome: 'denied', countyCode: county(u), detail: { reason: 'locked' } }, ip);
    return refuseLikeWrongPassword(input.password);
  }
  if (!(await verifyPassword(u.passwordHash, input.password))) return failed(ctx, u, 'auth.login', null, claimed, 'password', ip);
  if (u.disabled) {
    await release(ctx, u.id);
    throw new AppError('AUTH_DISABLED');
  }
  if (u.totpEnrolledAt && u.totpSecretEnc) {
    if (!input.totp) {
      await release(ctx, u.id);
      throw new AppError('TOTP_REQUIRED');
    }
    if (!(await spendTotp(ctx, u, u.totpSecretEnc, input.totp))) return failed(ctx, u, 'auth.login', null, claimed, 'totp', ip);
  }
  const now = ctx.clock.now();
  const stage = stageOf(u);
  const token = randomBytes(32).toString('base64url');
  const idHash = sm3Hex(token);
  await ctx.db.transaction(async (tx) => {
    // The account row is written first: its row lock queues concurrent sign-ins of one user, so the cap holds.
    await updateAccount(tx, u.id, { ...cleared, lastLoginAt: now });
    await sessions.insert(tx, { idHash, userId: u.id, stage, createdAt: now, lastSeenAt: now, ip: ip ?? null });
    const ended = await sessions.trimForUser(tx, u.id, idHash, ctx.config.maxSessionsPerUser - 1);
    await audit.record(tx, ctx, { kind: 'user', id: u.id, name: u.username, role: u.role as Role, scopeCode: u.scopeCode }, { action: 'auth.login', objectType: 'user', objectId: u.id, countyCode: county(u), detail: { stage, ...(ended ? { endedSessions: ended } : {}) } }, ip);
  });
  return { token, me: await describe(ctx, u, stage) };
}

/** What the UI needs to know about the signed-in user. */
async function describe(ctx: AppContext, u: Account, stage: SessionStage): Promise<Me> {
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
  return { kind: 'user', id: u.id, name: u.username, role: u.role as Role, scopeCode: u.scopeCode, departmentId: u.departmentId, ip, stage: s.stage as SessionStage, sessionHash: idHash };
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
  if (!(await spendTotp(ctx, u, u.totpSecretEnc, code))) throw new AppError('TOTP_INVALID');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, u.id, { totpEnrolledAt: now });
    await sessions.setStage(tx, actor.sessionHash, 'full');
    await audit.record(tx, ctx, actor, { action: 'auth.totpEnrol', objectType: 'user', objectId: u.id, countyCode: county(u) });
  });
  return describe(ctx, { ...u, totpEnrolledAt: now }, 'full');
}

/**
 * Changes one's own password; every session ends. The current password is checked like a sign-in: counted
 * atomically against the same lockout before it is checked, and every outcome audited (never the password), so
 * a stolen session cannot use this as an oracle for the password. It also ends the `password` stage.
 * @throws AUTH_INVALID (also while locked), PASSWORD_TOO_WEAK
 */
export async function changePassword(ctx: AppContext, actor: SessionActor, current: string, next: string): Promise<void> {
  const u = await findAccountById(ctx.db, actor.id);
  if (!u) throw new AppError('AUTH_REQUIRED');
  const claimed = await claim(ctx, u.id);
  if (!claimed) {
    await audit.recordAlone(ctx.db, ctx, actor, { action: 'auth.changePassword', objectType: 'user', objectId: u.id, outcome: 'denied', countyCode: county(u), detail: { reason: 'locked' } });
    return refuseLikeWrongPassword(current);
  }
  if (!(await verifyPassword(u.passwordHash, current))) return failed(ctx, u, 'auth.changePassword', actor, claimed, 'password', actor.ip);
  try {
    assertStrongPassword(next, 'newPassword');
    if (next === current) throw new AppError('PASSWORD_TOO_WEAK', [{ path: 'newPassword', code: 'same_as_current', message: 'same_as_current' }]);
  } catch (e) {
    // The current password was right: not a failed attempt.
    await release(ctx, u.id);
    await audit.recordAlone(ctx.db, ctx, actor, { action: 'auth.changePassword', objectType: 'user', objectId: u.id, outcome: 'failure', countyCode: county(u), detail: { reason: 'policy' } });
    throw e;
  }
  const hash = await hashPassword(next);
  await ctx.db.transaction(async (tx) => {
    await updateAccount(tx, u.id, { ...cleared, passwordHash: hash, mustChangePassword: false, updatedAt: ctx.clock.now() });
    await sessions.removeForUser(tx, u.id);
    await audit.record(tx, ctx, actor, { action: 'auth.changePassword', objectType: 'user', objectId: u.id, countyCode: county(u), detail: { forced: u.mustChangePassword } });
  });
}

/** Ends every session of a user (after a role, scope, factor or password change), inside the caller's transaction. */
export async function endSessionsOf(tx: Executor, userId: string): Promise<void> {
  await sessions.removeForUser(tx, userId);
}

/** The username the demo seed always makes: its presence means this database holds the demo accounts. */
export const DEMO_PROBE_USERNAME = 'township.operator';

/** True when the demo seed's accounts exist (the sign-in page then shows the demo password, start-up prints the logins). */
export async function demoAccountsExist(ctx: AppContext): Promise<boolean> {
  return (await findAccountByUsername(ctx.db, DEMO_PROBE_USERNAME)) !== undefined;
}
