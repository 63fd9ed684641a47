/**
 * 司法确认 (人民调解法 Art. 33, 法释〔2011〕5号; STANDARDS.md §7.2a): the parties may jointly apply to the basic
 * court within 30 days of the agreement taking effect; the court accepts or not within 3 days (case number 调确字)
 * and decides within 15 days (+10 with its president's approval). Matters of identity, adoption and marriage
 * status are not accepted: an agreement on one of them is refused before any application is recorded.
 */

/** Matters no court confirms, with the words a refusal names. */
export const nonConfirmableMatters = {
  identity: '确认身份关系',
  adoption: '收养关系',
  marriage_status: '婚姻关系（结婚、离婚及婚姻效力）',
} as const;
export type StatusMatter = keyof typeof nonConfirmableMatters;
export const statusMatters = Object.keys(nonConfirmableMatters) as StatusMatter[];

/** Why this agreement cannot be confirmed, or null when it can. */
export function confirmationRefusal(matter: string | null): string | null {
  if (!matter || !(matter in nonConfirmableMatters)) return null;
  return `涉及${nonConfirmableMatters[matter as StatusMatter]}的调解协议，人民法院不予受理司法确认申请`;
}

/** The court's answers: confirmed, the agreement invalid (不予确认), or the application not accepted. */
export const confirmationOutcomes = ['confirmed', 'invalid', 'not_accepted'] as const;

/** Days the court may add to its review with the president's approval. */
export const COURT_EXTENSION_DAYS = 10;
