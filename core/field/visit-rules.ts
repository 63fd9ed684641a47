/**
 * Who must be visited, how often, as data (plan §5.2): households at high or medium safety risk (issue 16: monthly,
 * quarterly), persons under special care (严重精神障碍管理治疗工作规范: at least four times a year, every two weeks
 * at a danger grade of 3–5), hardship and other care groups (五必访), and one-off visits a fact triggers (四访: a new
 * arrival, a major change, a petitioner). `requiredTasks` turns subjects and their facts into the tasks that must be
 * open; the server's generator (server/modules/field-tasks) creates what is missing and cancels what no longer
 * applies. Rule codes are shown and stored in clear, so none names a sensitive category: severe mental illness is
 * `special_care`. Intervals are calendar days (workers visit at weekends too).
 */
import { addDays, cstDate } from '../calendar.ts';

/** The rule codes (safe to show; never a diagnosis). */
export const visitRuleCodes = ['risk_high', 'risk_medium', 'special_care', 'hardship', 'care_other', 'new_arrival', 'major_change', 'petitioner'] as const;
export type VisitRuleCode = (typeof visitRuleCodes)[number];

/** Rules a one-off fact triggers (each fact once: its reference is unique per rule). */
export type TriggerRuleCode = Extract<VisitRuleCode, 'new_arrival' | 'major_change' | 'petitioner'>;

/** One rule: recurring (every `intervalDays` after the last visit) or once (due `dueDays` after its trigger). */
export interface VisitRule {
  code: VisitRuleCode;
  /** Whom it usually concerns (a new arrival may be a household or a migrant person). */
  subjectType: 'household' | 'person';
  kind: 'recurring' | 'once';
  /** Recurring: days from the last visit (or from when the rule began to apply) to the next due day. */
  intervalDays?: number;
  /** Recurring: days to the first visit when there has been none (a hardship household is visited within a week). */
  firstDueDays?: number;
  /** Once: days from the trigger to the due day. */
  dueDays?: number;
  /** The checklist the worker fills in on the visit (field templates: 四必清, 五必访, 四访三问). */
  templateCode: 'sibiqing' | 'wubifang' | 'sifangsanwen';
  /** 'issue': given by issue 16; 'L': a local assumption a county should confirm. */
  confidence: 'issue' | 'L';
  source: string;
}

/** The rules as data. */
export const visitRules: Record<VisitRuleCode, VisitRule> = {
  risk_high: { code: 'risk_high', templateCode: 'sibiqing', subjectType: 'household', kind: 'recurring', intervalDays: 30, confidence: 'issue', source: 'issue 16: high-risk households monthly' },
  risk_medium: { code: 'risk_medium', templateCode: 'sibiqing', subjectType: 'household', kind: 'recurring', intervalDays: 90, confidence: 'issue', source: 'issue 16: medium-risk households quarterly' },
  // 90 days (at least four a year); 14 at danger grade 3–5: specialCareInterval below.
  special_care: { code: 'special_care', templateCode: 'wubifang', subjectType: 'person', kind: 'recurring', intervalDays: 90, confidence: 'issue', source: '严重精神障碍管理治疗工作规范 (2018): follow-up at least 4 times a year; every 2 weeks at danger grade 3–5' },
  hardship: { code: 'hardship', templateCode: 'wubifang', subjectType: 'person', kind: 'recurring', intervalDays: 90, firstDueDays: 7, confidence: 'L', source: '四访 + 五必访 (Suiping, Shuifu seeds): hardship households; intervals are local assumptions' },
  care_other: { code: 'care_other', templateCode: 'wubifang', subjectType: 'person', kind: 'recurring', intervalDays: 90, confidence: 'L', source: '五必访 / 无人脱管: every other person under care (elderly living alone, left-behind, community correction, youth at risk …); interval a local assumption' },
  new_arrival: { code: 'new_arrival', templateCode: 'sifangsanwen', subjectType: 'household', kind: 'once', dueDays: 7, confidence: 'L', source: '四访: 新迁入家庭 (a household moved into the grid); 7 days a local assumption' },
  major_change: { code: 'major_change', templateCode: 'sifangsanwen', subjectType: 'household', kind: 'once', dueDays: 3, confidence: 'L', source: '四访: 重大变故; 3 days a local assumption' },
  petitioner: { code: 'petitioner', templateCode: 'sifangsanwen', subjectType: 'person', kind: 'once', dueDays: 7, confidence: 'L', source: '四访: 上访群众; 7 days a local assumption' },
};

/** Days between visits of a person under special care at this danger grade (0–5; unknown counts as low). */
export function specialCareInterval(grade: number | null | undefined): number {
  return grade !== null && grade !== undefined && grade >= 3 ? 14 : visitRules.special_care.intervalDays!;
}

/** An extension record of a person, as the generator reads it (the category decrypted server-side, never shown). */
export interface CareFact {
  kind: string;
  category: string | null;
  /** Danger grade 0–5 of a severe-mental-illness record. */
  grade?: number | null;
  /** When the record was made (a hardship household's first visit counts from it). */
  since: Date;
}

/** A one-off fact (a move into the grid, a major change, a petition) with its unique reference. */
export interface TriggerFact {
  rule: TriggerRuleCode;
  ref: string;
  at: Date;
}

/** A household or person and the facts the rules read. */
export interface VisitSubject {
  type: 'household' | 'person';
  id: string;
  /** Household: its current safety-risk level (null: never assessed). */
  riskLevel?: 'high' | 'medium' | 'low' | null;
  /** Person: active extension records. */
  care?: CareFact[];
  triggers?: TriggerFact[];
  /** The last visit recorded for this subject. */
  lastVisitAt?: Date | null;
}

/** A task that must be open. `start` + `days` is its clock (calendar days, start day not counted); `dueOn` its last day. */
export interface RequiredTask {
  subjectType: 'household' | 'person';
  subjectId: string;
  rule: VisitRuleCode;
  intervalDays: number | null;
  triggerRef: string | null;
  start: Date;
  days: number;
  /** China calendar day (YYYY-MM-DD) by the end of which the visit is due. */
  dueOn: string;
}

/** Extension-record kinds that put a person under care (each such person is someone's to visit). */
export const careKinds: readonly string[] = ['special_group', 'youth', 'left_behind', 'care'];

/** The recurring rules a subject falls under, with their interval and first-due days. */
function recurringOf(s: VisitSubject): { rule: VisitRuleCode; interval: number; first?: number; since?: Date | null }[] {
  if (s.type === 'household') {
    if (s.riskLevel === 'high') return [{ rule: 'risk_high', interval: visitRules.risk_high.intervalDays! }];
    if (s.riskLevel === 'medium') return [{ rule: 'risk_medium', interval: visitRules.risk_medium.intervalDays! }];
    return [];
  }
  const care = s.care ?? [];
  const out: { rule: VisitRuleCode; interval: number; first?: number; since?: Date | null }[] = [];
  const mental = care.filter((c) => c.kind === 'special_group' && c.category === '03');
  if (mental.length) out.push({ rule: 'special_care', interval: Math.min(...mental.map((c) => specialCareInterval(c.grade))) });
  const hardship = care.find((c) => c.kind === 'care' && c.category === '02');
  if (hardship) out.push({ rule: 'hardship', interval: visitRules.hardship.intervalDays!, first: visitRules.hardship.firstDueDays, since: hardship.since });
  // Everyone else under care (无人脱管): elderly living alone, left-behind, community correction, youth at risk …
  const covered = (c: CareFact) => (c.kind === 'special_group' && c.category === '03') || (c.kind === 'care' && c.category === '02');
  if (care.some((c) => careKinds.includes(c.kind) && !covered(c))) out.push({ rule: 'care_other', interval: visitRules.care_other.intervalDays! });
  return out;
}

/**
 * The tasks that must be open now for these subjects. A recurring task falls due `interval` days after the last
 * visit, or after `now` when there has been none (a hardship record: `firstDueDays` after the record); a one-off
 * task `dueDays` after its trigger. Low-risk and unassessed households need none.
 */
export function requiredTasks(subjects: VisitSubject[], now: Date): RequiredTask[] {
  const out: RequiredTask[] = [];
  const push = (s: VisitSubject, rule: VisitRuleCode, start: Date, days: number, intervalDays: number | null, triggerRef: string | null) =>
    out.push({ subjectType: s.type, subjectId: s.id, rule, intervalDays, triggerRef, start, days, dueOn: addDays(cstDate(start), days) });
  for (const s of subjects) {
    for (const r of recurringOf(s)) {
      if (s.lastVisitAt) push(s, r.rule, s.lastVisitAt, r.interval, r.interval, null);
      else if (r.first !== undefined && r.since) push(s, r.rule, r.since, r.first, r.interval, null);
      else push(s, r.rule, now, r.interval, r.interval, null);
    }
    for (const t of s.triggers ?? []) push(s, t.rule, t.at, visitRules[t.rule].dueDays!, null, t.ref);
  }
  return out;
}

/** True when the rule recurs (its task is cancelled once the rule no longer applies; a one-off stays until done). */
export const isRecurring = (rule: string): boolean => visitRules[rule as VisitRuleCode]?.kind === 'recurring';
