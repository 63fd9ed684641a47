/**
 * What the mediation statistics routes answer (issue 15 item 9): GET /api/kpis/mediation, the 以案定补 subsidy
 * rates and subsidies, and the 调解能手 ranking. Counting rules (core/mediation/stats.ts): "mediated" = a
 * mediation that ended after the mediator accepted it (an agreement, a failure, a refusal or a referral from
 * 调解中); success rate = agreed / mediated, as the places count it.
 */
import { z } from 'zod';

const Count = z.number().int().nullable().describe('A count; null where it is hidden (1–4 in a view that could point at a person)');
const Rate = z.number().nullable().describe('A share 0–1 to three places; null when nothing was mediated or the count is hidden');

/** The counters every breakdown row carries. */
export const MediationCounts = z.object({
  registered: Count.describe('Disputes registered (登记) in the period'),
  accepted: Count.describe('Disputes a mediator accepted (受理) in the period'),
  mediated: Count.describe('Mediations that ended after acceptance in the period (agreement, failure, refusal or referral from 调解中): the denominator of the success rate'),
  agreed: Count.describe('Agreements reached (调解成功), written or oral'),
  failed: Count.describe('Mediations that failed (调解不成)'),
  referred: Count.describe('Referrals (移交: 诉调对接 to a court, arbitration, a department), including those after a failure'),
  refused: Count.describe('Ended by a party\'s clear refusal (当事人拒绝调解)'),
  closed: Count.describe('Disputes closed (结案)'),
});

/** One row of a breakdown: its key, its name and its counts. */
export const MediationBreakdownRow = MediationCounts.extend({
  key: z.string().describe('The row\'s key: a committee or room id, a mediator id, a level or a category id; "" for disputes with no room'),
  name: z.string().describe('What the row is called (committee, room, mediator name, level or category label in Chinese)'),
  successRate: Rate.describe('agreed / mediated for this row'),
});

export const MediationLevelRow = MediationBreakdownRow.extend({
  key: z.enum(['village', 'township', 'county', 'industry']).describe('Committee level: 村 / 乡镇 / 县 / 行业性专业性'),
});

export const MediationCommitteeRow = MediationBreakdownRow.extend({
  level: z.enum(['village', 'township', 'county', 'industry']).describe('The committee\'s level'),
});

export const MediationRoomRow = MediationBreakdownRow.extend({
  committee: z.string().nullable().describe('The room\'s committee (null for disputes with no room)'),
  mode: z.enum(['onsite', 'mobile', 'online']).nullable().describe('家门口 on-site, 流动 mobile, 网上 online; null for no room'),
});

/** A mediator's own counts: a dispute with two mediators counts for each of them here, once in the totals. */
export const MediationMediatorRow = z.object({
  key: z.string().describe('The mediator id'),
  name: z.string().describe('The mediator\'s name (staff, shown)'),
  committee: z.string().describe('The mediator\'s committee'),
  accepted: z.number().int().describe('Disputes accepted while this mediator was on them'),
  mediated: z.number().int().describe('Mediations ended after acceptance while this mediator was on them'),
  agreed: z.number().int().describe('Agreements among them'),
  failed: z.number().int().describe('Failures among them'),
  referred: z.number().int().describe('Mediations this mediator ended by a referral (a referral after a failure is not counted again)'),
  refused: z.number().int().describe('Mediations this mediator saw ended by a party\'s refusal'),
  successRate: Rate.describe('agreed / mediated'),
});

/** GET /api/kpis/mediation */
export const MediationKpis = z.object({
  region: z.string().describe('The region asked (12 digits)'),
  from: z.string().describe('First day, YYYY-MM-DD China time'),
  to: z.string().describe('Last day, YYYY-MM-DD China time'),
  suppressedBelow: z.number().int().describe('Counts below this are hidden where they could point at a person (a village asked)'),
  totals: MediationCounts.extend({
    inProgress: Count.describe('Disputes registered by the last day and not yet ended (no agreement, failure, refusal or referral) — all time, not only the period'),
  }).describe('Each dispute once, whatever the number of its mediators'),
  successRate: Rate.describe('agreed / mediated (调解成功率, as the places count it)'),
  byLevel: z.array(MediationLevelRow).describe('Per committee level, all four levels always present'),
  byCommittee: z.array(MediationCommitteeRow).describe('Per committee that had any count, most registered first'),
  byRoom: z.array(MediationRoomRow).describe('Per room (key "" = no room), most mediated first'),
  byMediator: z.array(MediationMediatorRow).describe('Per mediator, most agreements first; a dispute with two mediators counts for each'),
  byCategory: z.array(MediationBreakdownRow).describe('Per dispute category, every category present'),
  trend: z.array(z.object({
    day: z.string().describe('YYYY-MM-DD China time'),
    registered: Count.describe('Registered that day'),
    mediated: Count.describe('Mediations ended that day'),
    agreed: Count.describe('Agreements that day'),
  })).describe('Days with any count, in order'),
});
export type MediationKpis = z.infer<typeof MediationKpis>;

/** The outcomes a subsidy rate is set for. */
export const subsidyOutcomes = ['agreed', 'failed', 'referred', 'refused'] as const;

/** One rate: a category (or "*" = any category without its own rate) and an outcome, in fen (1 yuan = 100 fen). */
export const SubsidyRate = z.object({
  category: z.string().describe('A dispute category id, or "*" for the default rate of the outcome'),
  outcome: z.enum(subsidyOutcomes).describe('agreed 调解成功, failed 调解不成, referred 移交, refused 当事人拒绝'),
  fen: z.number().int().min(0).max(10_000_000).describe('The amount per case in fen (integer; 10000 = 100 元)'),
});

/** GET (and PUT answer) /api/mediation/subsidy-rates */
export const SubsidyRates = z.object({
  countyCode: z.string().describe('The county the rates apply in'),
  rates: z.array(SubsidyRate).describe('Every rate set; an outcome with no rate for a category and no default pays 0'),
  updatedAt: z.string().nullable().describe('When they were last set (ISO), null if never'),
});

/** One mediator's subsidy for a period. */
export const SubsidyRow = z.object({
  mediatorId: z.string().describe('The mediator id'),
  name: z.string().describe('The mediator\'s name, as on the payment list'),
  committee: z.string().describe('The mediator\'s committee'),
  cases: z.object({
    agreed: z.number().int(), failed: z.number().int(), referred: z.number().int(), refused: z.number().int(),
  }).describe('Cases that ended in the period by outcome, while this mediator was on them'),
  amountFen: z.number().int().describe('The subsidy in fen: each case at its category\'s rate for its outcome (or the default); a case with two mediators pays each of them in full'),
});

/** GET /api/mediation/subsidies */
export const Subsidies = z.object({
  countyCode: z.string().describe('The county whose rates apply'),
  region: z.string().describe('The region asked (12 digits): cases of disputes whose place lies under it'),
  from: z.string().describe('First day, YYYY-MM-DD China time'),
  to: z.string().describe('Last day, YYYY-MM-DD China time'),
  rows: z.array(SubsidyRow).describe('Mediators with any case in the period, highest amount first'),
  totalFen: z.number().int().describe('The sum of the rows'),
});

/** One mediator in the 调解能手 ranking. */
export const ExpertRow = z.object({
  rank: z.number().int().nullable().describe('1 = first; equal agreements and success rate share a rank (1, 1, 3); null when below the minimum mediated'),
  mediatorId: z.string(),
  name: z.string(),
  committee: z.string(),
  mediated: z.number().int().describe('Mediations ended after acceptance in the period'),
  agreed: z.number().int().describe('Agreements among them'),
  successRate: z.number().nullable().describe('agreed / mediated'),
  awards: z.array(z.string()).describe('Awards on the mediator\'s record (调解能手, 模范人民调解员 …)'),
  tie: z.string().nullable().describe('Why this row stands where it does next to an equal one (e.g. "与 张三 并列：协议数与成功率相同"), null when no tie'),
});

/** GET /api/mediation/experts */
export const Experts = z.object({
  region: z.string().describe('The region asked (12 digits)'),
  from: z.string(),
  to: z.string(),
  minMediated: z.number().int().describe('Mediators with fewer mediations than this are listed after the ranked ones, unranked'),
  order: z.string().describe('How the ranking is made, in words'),
  rows: z.array(ExpertRow),
});
