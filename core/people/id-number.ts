/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male) and an
 * ISO 7064 MOD 11-2 check character. 15-digit numbers of GB 11643-1989 are upgraded ("19" + check character).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** Province-level prefixes of GB/T 2260 (incl. 71 台湾, 81 香港, 82 澳门, 83 for 台湾居民居住证). */
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83']);

export interface IdNumber {
  /** The 18-character number, check character upper case. */
  number: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female';
  /** The 6-digit address code of the original registration. */
  addressCode: string;
  /** Set when a 15-digit number was upgraded. */
  upgradedFrom?: string;
}

export type IdNumberProblem = 'format' | 'address_code' | 'birth_date' | 'check_digit';

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[s % 11]!;
}

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Parses and checks a number (spaces ignored, `x` accepted); `today` (YYYY-MM-DD) bounds the birth date.
 * @returns the number with what it tells, or the first problem found
 */
export function parseIdNumber(input: string, today: string): IdNumber | { problem: IdNumberProblem } {
  let n = input.replace(/\s/g, '').toUpperCase();
  let upgradedFrom: string | undefined;
  if (/^\d{15}$/.test(n)) {
    upgradedFrom = n;
    const first17 = n.slice(0, 6) + '19' + n.slice(6);
    n = first17 + checkCharacter(first17);
  }
  if (!/^\d{17}[\dX]$/.test(n)) return { problem: 'format' };
  if (!PROVINCES.has(n.slice(0, 2))) return { problem: 'address_code' };
  const y = Number(n.slice(6, 10)), m = Number(n.slice(10, 12)), d = Number(n.slice(12, 14));
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  if (y < 1870 || !realDate(y, m, d) || birthDate > today) return { problem: 'birth_date' };
  if (!upgradedFrom && checkCharacter(n.slice(0, 17)) !== n[17]) return { problem: 'check_digit' };
  return { number: n, birthDate, sex: Number(n[16]) % 2 === 1 ? 'male' : 'female', addressCode: n.slice(0, 6), ...(upgradedFrom ? { upgradedFrom } : {}) };
}

/** Whole years of age on `day` (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** The field problem for an ID number that did not parse, at `path` (e.g. body.idNumber). */
export function idNumberIssue(path: string, problem: IdNumberProblem): { path: string; code: string; message: string } {
  return { path, code: `id_${problem}`, message: '公民身份号码无效' };
}
