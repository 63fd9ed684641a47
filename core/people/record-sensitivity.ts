/**
 * Which extension-record categories are sensitive personal information in themselves (PIPL art. 28: health,
 * criminal record, specific identity, minors): every special group and youth-at-risk category, and disability
 * among the care groups. Such a category and its risk grade are stored encrypted, shown only through an audited
 * reveal, and counted through a keyed token.
 */

/** True when the record's category may not be stored or shown in clear. */
export function isSensitiveCategory(kind: string, category: string | null | undefined): boolean {
  if (!category) return false;
  return kind === 'special_group' || kind === 'youth' || (kind === 'care' && category === '06');
}

/** The text a category token is the keyed hash of. */
export const categoryTokenText = (kind: string, category: string) => `record:${kind}:${category}`;
