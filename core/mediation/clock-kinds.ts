/**
 * The mediation clocks as data: limit, counting rules and the rule's source. Logic reads `days` and `rules`;
 * `source` is only shown (a tooltip, a document's wording) and never decides anything. Days are calendar days:
 * the day the step happens is not counted, a period ending on a rest day ends on the next working day
 * (民法典 Arts. 201, 203), as for petitions (core/workflow/clock-rules.ts).
 */
import { statutoryDays, type CountingRules } from '../workflow/clock-rules.ts';

/** One clock of a dispute. */
export interface DisputeClockKind {
  days: number;
  rules: CountingRules;
  /** Where the period comes from, for people to read. */
  source: string;
  /** What it means, in Chinese (labels, notices). */
  label: string;
  /** Whose time it is: the mediators' (late is overdue), or the parties' or a court's (shown, never "overdue" for us). */
  owner: 'mediation' | 'parties' | 'court';
}

export const disputeClockKinds = {
  /** 一般在一个月内调结, from acceptance; longer only with both parties' consent (extend). */
  mediate_by: { days: 30, rules: statutoryDays('calendar'), source: '司法部《人民调解工作若干规定》（2002）第三十三条', label: '调解期限', owner: 'mediation' },
  /** A referral's receiver is asked to answer (accept or not) within this many days; local practice, set here. */
  referral_answer: { days: 15, rules: statutoryDays('calendar'), source: '诉调对接工作机制（本系统默认15日，可调整）', label: '移交答复期限', owner: 'mediation' },
  // Next session (issue 15, items 6–7); defined now so the card and the sweep know their names.
  /** The parties may jointly apply for 司法确认 within 30 days of the agreement taking effect. */
  confirmation_window: { days: 30, rules: statutoryDays('calendar'), source: '人民调解法第三十三条', label: '司法确认申请期限', owner: 'parties' },
  /** The court decides within 3 days whether to accept the application. */
  court_accept: { days: 3, rules: statutoryDays('calendar'), source: '法释〔2011〕5号', label: '法院受理期限', owner: 'court' },
  /** The court decides within 15 days (+10 with the president's approval) whether to confirm. */
  court_decide: { days: 15, rules: statutoryDays('calendar'), source: '法释〔2011〕5号', label: '司法确认审查期限', owner: 'court' },
} as const satisfies Record<string, DisputeClockKind>;

export type DisputeClockKindName = keyof typeof disputeClockKinds;

/** Kinds that make a dispute late (the others are the parties' or a court's time). */
export const mediationClockKinds: readonly DisputeClockKindName[] = (Object.keys(disputeClockKinds) as DisputeClockKindName[]).filter((k) => disputeClockKinds[k].owner === 'mediation');

/** The longest single extension the parties may agree to, in days (one more month). */
export const MAX_EXTENSION_DAYS = 30;
