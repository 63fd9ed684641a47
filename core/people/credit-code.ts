/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0–9 and the capitals without I, O, Z, S, V; the last is a
 * check character over the first 17 (weights 3^i mod 31). Businesses and social organisations carry one.
 */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one is outside the character set. */
export function creditCheckCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARS.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return CHARS[(31 - (sum % 31)) % 31]!;
}

/** The normalised code when valid (upper case, spaces removed), else null. */
export function parseCreditCode(input: string): string | null {
  const c = input.replace(/\s/g, '').toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return null;
  return creditCheckCharacter(c.slice(0, 17)) === c[17] ? c : null;
}
