/** Password rule (等保 level 3): at least 8 characters drawn from at least 3 of the 4 classes. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('too_short');
  if (password.length > 128) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('too_few_classes');
  return problems;
}

/** True when the password meets the policy. */
export function isStrongPassword(password: string): boolean {
  return passwordProblems(password).length === 0;
}

/** Security timings, in milliseconds unless named otherwise. */
export const securityPolicy = {
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
  idleTimeoutMs: 30 * 60_000,
  absoluteSessionMs: 12 * 60 * 60_000,
} as const;

/** The lockout state after one more failed attempt at `now`. */
export function afterFailedLogin(failedCount: number, now: Date): { failedCount: number; lockedUntil: Date | null } {
  const next = failedCount + 1;
  if (next >= securityPolicy.maxFailedLogins) return { failedCount: 0, lockedUntil: new Date(now.getTime() + securityPolicy.lockoutMs) };
  return { failedCount: next, lockedUntil: null };
}

/** True when a session last seen at `lastSeen` has been idle too long at `now`. */
export function isIdleExpired(lastSeen: Date, now: Date): boolean {
  return now.getTime() - lastSeen.getTime() > securityPolicy.idleTimeoutMs;
}
