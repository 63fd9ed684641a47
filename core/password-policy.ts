/** Password rules (等保 level 3): complexity, no common password, and the session timings. */
import commonPasswordList from './data/common-passwords.json' with { type: 'json' };

const common = new Set<string>(commonPasswordList);
const leet: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', '$': 's', '5': 's', '7': 't' };

/**
 * True when the password is a common one, or one with only case, look-alike characters (P@ssw0rd) or a tail of
 * digits and symbols (Zhangwei1990!, Woaini1314.) added to a common one. The list is core/data/common-passwords.json
 * (scripts/gen-common-passwords.mjs).
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const noSymbolTail = lower.replace(/[^a-z0-9]+$/, '');
  const letterBase = lower.replace(/[^a-z]+$/, '');
  const candidates = [lower, noSymbolTail];
  // A base of a few letters ("qq", "a") says nothing; the whole password is checked anyway.
  if (letterBase.length >= 4) candidates.push(letterBase, [...letterBase].map((c) => leet[c] ?? c).join(''));
  return candidates.some((c) => common.has(c));
}

/** Password rule: 8–128 characters drawn from at least 3 of the 4 classes, and not a common password. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('too_short');
  if (password.length > 128) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('too_few_classes');
  if (isCommonPassword(password)) problems.push('too_common');
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

/** True when a session last seen at `lastSeen` has been idle too long at `now`. */
export function isIdleExpired(lastSeen: Date, now: Date): boolean {
  return now.getTime() - lastSeen.getTime() > securityPolicy.idleTimeoutMs;
}
