/**
 * Display masks for personal data in lists, exports and logs (STANDARDS.md §3.3): the full value is shown only
 * to a role with the right, and that read is audited.
 */

/** 110105********1234: keeps the address code and the last four, hides the birth date. */
export function maskIdNumber(n: string): string {
  return n.length > 10 ? n.slice(0, 6) + '*'.repeat(n.length - 10) + n.slice(-4) : '*'.repeat(n.length);
}

/** 张* / 张** / 欧阳**: keeps the first character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** Counts below this are shown as "<5" in any aggregate (small groups identify people). */
export const SMALL_COUNT = 5;

/** A count safe to show: exact from 5 upwards, null (shown "<5") for 1–4; 0 stays 0. */
export function suppressSmall(n: number): number | null {
  return n > 0 && n < SMALL_COUNT ? null : n;
}
