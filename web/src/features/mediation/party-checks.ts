/**
 * The registration form's checks of a party's ID number by its type: a 居民身份证号 by GB 11643 (as the registry and
 * the petition form check it), a 统一社会信用代码 by GB 32100's check character; other documents only by length.
 * The server checks again.
 */
import { parseCreditCode } from '../../../../core/people/credit-code';
import { idNumberProblem } from '../petitions/petitioner-checks';

/** The translation key of what is wrong with the number for its type, or null when it is empty or valid. */
export function partyIdProblem(idType: string | undefined, value: string | undefined, today: string): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (idType === 'resident_id' || !idType) return idNumberProblem(v, today);
  if (idType === 'credit_code') return parseCreditCode(v) ? null : 'mediation.check.creditCode';
  return v.length > 30 ? 'mediation.check.tooLong' : null;
}
