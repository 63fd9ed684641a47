import { describe, expect, it } from 'vitest';
import { claimAttempt, isLocked, releaseAttempt, type LockState } from './lockout.ts';

const policy = { maxFailedLogins: 5, lockoutMs: 15 * 60_000 };
const t0 = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('claimAttempt', () => {
  it('lets exactly five attempts through, the fifth locking for 15 minutes', () => {
    let s: LockState = { failedLogins: 0, lockedUntil: null };
    const allowed: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      const r = claimAttempt(s, t0, policy);
      allowed.push(r.allowed);
      s = r.next;
    }
    expect(allowed).toEqual([true, true, true, true, true, false, false, false]);
    expect(s.lockedUntil).toEqual(at(15 * 60_000));
    expect(isLocked(s, at(15 * 60_000 - 1))).toBe(true);
    expect(isLocked(s, at(15 * 60_000))).toBe(false);
  });
  it('starts a fresh count once the lock has run out', () => {
    const r = claimAttempt({ failedLogins: 5, lockedUntil: at(-1) }, t0, policy);
    expect(r).toEqual({ allowed: true, next: { failedLogins: 1, lockedUntil: null } });
  });
});

describe('releaseAttempt', () => {
  it('gives back a claim, and a lock held only by it', () => {
    const claimed = claimAttempt({ failedLogins: 4, lockedUntil: null }, t0, policy).next;
    expect(claimed.lockedUntil).not.toBeNull();
    expect(releaseAttempt(claimed, policy)).toEqual({ failedLogins: 4, lockedUntil: null });
    expect(releaseAttempt({ failedLogins: 0, lockedUntil: null }, policy)).toEqual({ failedLogins: 0, lockedUntil: null });
  });
  it('keeps a lock that other claims still hold', () => {
    expect(releaseAttempt({ failedLogins: 6, lockedUntil: at(60_000) }, policy)).toEqual({ failedLogins: 5, lockedUntil: at(60_000) });
  });
});
