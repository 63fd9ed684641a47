/**
 * The petition clocks as data: limit, counting rules and the rule's source. Logic reads `days` and `rules`;
 * `source` is only shown (a tooltip, a document's wording) and never decides anything.
 */
import { statutoryDays, type CountingRules } from '../workflow/clock-rules.ts';

/** One statutory clock of a petition. */
export interface PetitionClockKind {
  days: number;
  rules: CountingRules;
  /** Where the period comes from, for people to read. */
  source: string;
  /** What it means, in Chinese (labels, notices). */
  label: string;
}

export const petitionClockKinds = {
  /** The 信访部门 routes (转送/交办) within 15 days of registering. */
  transfer_by: { days: 15, rules: statutoryDays('calendar'), source: '信访工作条例（2022）第二十二条', label: '转送/交办期限' },
  /** The receiving body tells the petitioner in writing within 15 days of receipt. */
  notify_by: { days: 15, rules: statutoryDays('calendar'), source: '信访工作条例（2022）第二十三条第三款', label: '书面告知期限' },
  /** Not its remit: the body objects within 5 working days. */
  objection_by: { days: 5, rules: statutoryDays('working'), source: '信访工作条例（2022）第二十三条第三款', label: '异议期限' },
  /** Concluded within 60 days of acceptance (+≤30 with approval). */
  conclude_by: { days: 60, rules: statutoryDays('calendar'), source: '信访工作条例（2022）（办理期限，见 STANDARDS §7.2）', label: '办理期限' },
  /** 复查 may be asked within 30 days of receiving (service of) the written reply. */
  review_window: { days: 30, rules: statutoryDays('calendar'), source: '信访工作条例（2022）（复查，见 STANDARDS §7.2）', label: '复查申请期限' },
  /** The reviewing body answers within 30 days. */
  review_reply: { days: 30, rules: statutoryDays('calendar'), source: '信访工作条例（2022）（复查，见 STANDARDS §7.2）', label: '复查答复期限' },
  /** 复核 may be asked within 30 days of receiving the review opinion. */
  re_review_window: { days: 30, rules: statutoryDays('calendar'), source: '信访工作条例（2022）（复核，见 STANDARDS §7.2）', label: '复核申请期限' },
  /** The re-reviewing body answers within 30 days; hearing days are not counted. */
  re_review_reply: { days: 30, rules: statutoryDays('calendar'), source: '信访工作条例（2022）（复核，见 STANDARDS §7.2）', label: '复核答复期限' },
} as const satisfies Record<string, PetitionClockKind>;

export type PetitionClockKindName = keyof typeof petitionClockKinds;

/** The longest extension of the conclusion period, in days. */
export const MAX_EXTENSION_DAYS = 30;
