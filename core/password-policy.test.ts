import { describe, expect, it } from 'vitest';
import { afterFailedLogin, isIdleExpired, isStrongPassword, passwordProblems } from './password-policy.ts';

describe('password policy', () => {
  it('needs 8 characters from 3 of 4 classes', () => {
    expect(isStrongPassword('Abcdef1!')).toBe(true);
    expect(isStrongPassword('abcdef12')).toBe(false); // two classes
    expect(isStrongPassword('Ab1!')).toBe(false); // too short
    expect(isStrongPassword('网格员Abc123')).toBe(true); // non-ASCII counts as a symbol
    expect(passwordProblems('abc')).toEqual(['too_short', 'too_few_classes']);
  });
  it('locks on the fifth failure and resets the counter', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    let state = { failedCount: 0, lockedUntil: null as Date | null };
    for (let i = 0; i < 4; i++) state = afterFailedLogin(state.failedCount, now);
    expect(state).toEqual({ failedCount: 4, lockedUntil: null });
    state = afterFailedLogin(state.failedCount, now);
    expect(state.lockedUntil?.toISOString()).toBe('2026-01-01T00:15:00.000Z');
  });
  it('expires a session idle for more than 30 minutes', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(isIdleExpired(t, new Date('2026-01-01T00:30:00Z'))).toBe(false);
    expect(isIdleExpired(t, new Date('2026-01-01T00:30:01Z'))).toBe(true);
  });
});
