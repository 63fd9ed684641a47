/**
 * The household risk score (安全风险等级): the sum of the points of the answers, compared with the template's
 * thresholds. The server stores what this gives and the field app shows it live while the form is filled in, so
 * both always agree.
 */
import type { Answers, FieldTemplate } from './templates.ts';

/** A household's risk level. */
export type RiskLevel = 'high' | 'medium' | 'low';
export const riskLevels: readonly RiskLevel[] = ['high', 'medium', 'low'];

/** Score and level of a set of answers: yes/checked adds the item's weight, a choice adds its option's score. */
export function score(template: Pick<FieldTemplate, 'items' | 'thresholds'>, answers: Answers): { score: number; level: RiskLevel } {
  let total = 0;
  for (const item of template.items) {
    const value = answers[item.code];
    if (value === undefined) continue;
    if ((item.type === 'yesno' || item.type === 'check') && value === true) total += item.weight ?? 0;
    else if (item.type === 'choice') total += item.options?.find((o) => o.code === value)?.score ?? 0;
  }
  return { score: total, level: levelOf(total, template.thresholds) };
}

/** The level a score falls in (a template without thresholds rates everything low). */
export function levelOf(total: number, thresholds: FieldTemplate['thresholds']): RiskLevel {
  if (!thresholds) return 'low';
  if (total >= thresholds.high) return 'high';
  if (total >= thresholds.medium) return 'medium';
  return 'low';
}
