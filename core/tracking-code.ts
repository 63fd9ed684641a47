/**
 * The tracking codes residents follow on /track/<code>: a case's is the county and eight characters, a
 * petition's the county, X and seven, a dispute's the county, M and seven. A case code therefore never begins
 * with a letter another kind owns (before this rule one case code in sixteen began with X or M and its tracking
 * page asked the petition or mediation service, which did not know it).
 */

/** Crockford base32: no I, L, O, U to misread. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The first letter after the dash that marks a kind other than a case. */
export const kindPrefixes = { petition: 'X', dispute: 'M' } as const;

/** What a tracking code names, by its shape; a case code from before the rule may look like another kind's. */
export function codeKind(code: string): 'case' | 'petition' | 'dispute' | null {
  if (/^\d{6}-X[0-9A-Z]{7}$/.test(code)) return 'petition';
  if (/^\d{6}-M[0-9A-Z]{7}$/.test(code)) return 'dispute';
  if (/^\d{6}-[0-9A-Z]{8}$/.test(code)) return 'case';
  return null;
}

/** Code characters from random bytes, one per byte (five bits each). */
export function codeChars(bytes: Uint8Array): string {
  return [...bytes].map((x) => CODE_ALPHABET[x & 31]).join('');
}

/** Eight code characters from random bytes (at least 8), the first never a letter another kind owns. */
export function caseCodeChars(bytes: Uint8Array): string {
  const reserved: string[] = Object.values(kindPrefixes);
  const first = [...CODE_ALPHABET].filter((c) => !reserved.includes(c));
  return first[bytes[0]! % first.length]! + codeChars(bytes.subarray(1, 8));
}
