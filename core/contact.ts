/** Mobile numbers and display masks (STANDARDS.md §3.2–3.3). */

/** Normalises a mainland mobile number (+86/0086, spaces, dashes removed); null when it is not one. */
export function normaliseMobile(input: string): string | null {
  const s = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(s) ? s : null;
}

/** 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4) : '*'.repeat(phone.length);
}

/** 张* / 欧阳** : keep the first character. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** The field problem for a mobile number that did not normalise, at `path`. */
export function mobileIssue(path: string): { path: string; code: string; message: string } {
  return { path, code: 'bad_mobile', message: '手机号码格式不正确' };
}
