/**
 * Lockout after repeated failed sign-ins, as pure rules over one account's counter. The service applies them
 * under a row lock, so concurrent attempts are counted one by one.
 *
 * An attempt is counted *before* the password is checked (a claim): the fifth claim sets the lock at once, so
 * however many guesses arrive together, at most `maxFailedLogins` of them are ever checked before the lock
 * holds. A claim whose password proves right is settled (success) or given back (the code is still missing).
 */
export interface LockState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface LockPolicy {
  maxFailedLogins: number;
  lockoutMs: number;
}

/** True while a lock holds at `now`. */
export function isLocked(s: LockState, now: Date): boolean {
  return s.lockedUntil !== null && s.lockedUntil.getTime() > now.getTime();
}

/**
 * Counts one more attempt. Refused while locked; the claim that reaches the limit locks the account (it is
 * itself still checked). An expired lock starts a fresh count.
 */
export function claimAttempt(s: LockState, now: Date, p: LockPolicy): { allowed: boolean; next: LockState } {
  if (isLocked(s, now)) return { allowed: false, next: s };
  const count = (s.lockedUntil ? 0 : s.failedLogins) + 1;
  return { allowed: true, next: { failedLogins: count, lockedUntil: count >= p.maxFailedLogins ? new Date(now.getTime() + p.lockoutMs) : null } };
}

/**
 * Gives a claim back: the password was right but the attempt was not a sign-in yet (the TOTP code was not sent).
 * Lock and count stay consistent: a lock held only because of this claim goes with it.
 */
export function releaseAttempt(s: LockState, p: LockPolicy): LockState {
  const count = Math.max(0, s.failedLogins - 1);
  return { failedLogins: count, lockedUntil: count >= p.maxFailedLogins ? s.lockedUntil : null };
}

/** The state after a successful sign-in. */
export const cleared: LockState = { failedLogins: 0, lockedUntil: null };
