/**
 * The registration form's checks of a petitioner's ID number and phone, made with the same core rules the
 * registry uses (GB 11643 check character and dates; a mainland mobile or a fixed line), so a typo is caught at
 * the desk, before the petitioner has left. The server checks again.
 */
import { parseIdNumber } from '../../../../core/people/id-number';
import { normaliseMobile } from '../../../../core/contact';

/** The translation key of what is wrong with an ID number, or null when it is empty or valid. */
export function idNumberProblem(value: string | undefined, today: string): string | null {
  const v = value?.trim();
  if (!v) return null;
  const r = parseIdNumber(v, today);
  return 'problem' in r ? `petitions.check.id.${r.problem}` : null;
}

/** Fixed line: area code 0 + 2–3 digits, then 7–8 digits, an optional extension. */
const fixedLine = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/** The translation key of what is wrong with a phone number, or null when it is empty or a mobile or fixed line. */
export function phoneProblem(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  return normaliseMobile(v) || fixedLine.test(v.replace(/\s/g, '')) ? null : 'petitions.check.phone';
}
