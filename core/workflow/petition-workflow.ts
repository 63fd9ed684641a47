/**
 * A petition (信访事项) as data, after the 信访工作条例 (2022): the 信访部门 registers and routes it (转送/交办) within
 * 15 days; the receiving body accepts (written notice within 15 days) or objects within 5 working days; an
 * accepted 申诉求决 matter is concluded within 60 days (+≤30 with an approval) with a written reply; the petitioner
 * may ask for 复查 within 30 days of the reply's SERVICE, then 复核 within 30 days of the review opinion's service
 * (hearing days not counted); after 复核 the same facts are not accepted again. 建议意见 are answered as
 * suggestions (no 复查 path); 检举控告 are handed to the discipline bodies. Article numbers live in
 * core/petitions/clock-kinds.ts' `source`, never here.
 */
import * as wf from './definition.ts';

/** Where a petition is. */
export const petitionStatuses = [
  'registered', // 已登记: the 信访部门 has it and must route it within 15 days
  'transferred', // 已转送/交办: at the receiving body, which accepts (notice in 15 days) or objects (5 working days)
  'accepted', // 已受理/办理中: the body handles it; conclusion due 60 days after acceptance
  'replied', // 已答复: the 答复意见书 is issued; the 复查 window runs from its service
  'review', // 复查中: the next-higher body reviews; opinion due in 30 days
  'reviewed', // 已复查: the 复查意见书 is issued; the 复核 window runs from its service
  're_review', // 复核中: opinion due in 30 days, hearing days not counted
  're_reviewed', // 已复核 (终结): final; the same facts and reasons are not accepted again
  'not_accepted', // 不予受理: steered to litigation/arbitration/administrative review (诉访分离), or a final repeat; its notice is served
  'handed_over', // 已移交: 检举控告 handed to the 纪检监察 bodies (recorded, not handled here)
  'closed', // 已办结: served and no review asked within the window (or a suggestion answered and served)
] as const;
export type PetitionStatus = (typeof petitionStatuses)[number];

/** Statuses from which nothing more happens. */
export const petitionTerminal: readonly PetitionStatus[] = ['handed_over', 'closed'];

/**
 * Who acts, relative to THIS petition (server/modules/petitions/petitions.policy.ts decides which one a user plays):
 * - office: the 信访部门 that registered it (a `petitionOfficer` whose scope holds the registering region);
 * - body: the receiving body (责任单位): staff of the department it was sent to, or the township's petitionOfficer
 *   or operator when it was sent to a township; in 复查/复核 the reviewing body, in the same way;
 * - approver: a leader whose scope holds the body (approves an extension);
 * - system: the scheduler (closes after a lapsed window, urges on a breach).
 */
export type PetitionRole = 'office' | 'body' | 'approver' | 'system';
export const petitionRoles: readonly PetitionRole[] = ['office', 'body', 'approver', 'system'];

/** Variants: none; branches are input fields (the route mode, the ground of a refusal). */
export type PetitionVariant = never;

const open: PetitionStatus[] = ['transferred', 'accepted', 'review', 're_review'];
/** Statuses whose latest document waits to be served (受理告知书, 答复意见书, 复查意见书, 复核意见书, 不予受理告知书). */
const servable: PetitionStatus[] = ['accepted', 'replied', 'reviewed', 're_reviewed', 'not_accepted'];

type Transition = wf.TransitionRule<PetitionStatus, PetitionRole, PetitionVariant>;

export const petitionTransitions = {
  /** 转送: to the body with authority (a department or a township); issues a 转送函. */
  transfer: { from: ['registered'], to: 'transferred', roles: ['office'] },
  /** 交办: like transfer, with a report-back date; issues a 交办函. */
  assign: { from: ['registered'], to: 'transferred', roles: ['office'] },
  /** 移交纪检监察: a 检举控告 matter is handed over and recorded, not handled here. */
  handOver: { from: ['registered'], to: 'handed_over', roles: ['office'] },
  /** 不予受理: litigation/arbitration/administrative review (诉访分离) or a final repeat; issues a 不予受理告知书. */
  notAccept: { from: ['registered', 'transferred'], to: 'not_accepted', roles: ['office', 'body'] },
  /** 受理: the body takes it (or the office handles a matter in its own remit); issues a 受理告知书. */
  accept: { from: ['registered', 'transferred'], to: 'accepted', roles: ['office', 'body'] },
  /** 异议: not the body's remit, within 5 working days, with reasons; back to the sender. */
  object: { from: ['transferred'], to: 'registered', roles: ['body'] },
  /** 申请延期: the body asks for up to 30 more days, with the reason (nothing moves until approved). */
  requestExtension: { from: ['accepted'], to: 'same', roles: ['body'] },
  /** 批准延期: a leader approves a pending request; the conclusion date moves and the petitioner is told why (SMS). */
  approveExtension: { from: ['accepted'], to: 'same', roles: ['approver'] },
  /** 答复: the body concludes with a written 答复意见书 (a suggestion is answered the same way, without 复查). */
  conclude: { from: ['accepted'], to: 'replied', roles: ['body'] },
  /** 送达: records how and when the latest document reached the petitioner; review windows start here. */
  serve: { from: servable, to: 'same', roles: ['office', 'body'] },
  /** 复查申请: recorded within 30 days of the reply's service, to the next-higher body. */
  requestReview: { from: ['replied'], to: 'review', roles: ['office'] },
  /** 复查: the reviewing body issues the 复查意见书. */
  concludeReview: { from: ['review'], to: 'reviewed', roles: ['body'] },
  /** 复核申请: within 30 days of the review opinion's service, to the body above the reviewer. */
  requestReReview: { from: ['reviewed'], to: 're_review', roles: ['office'] },
  /** 听证开始: hearing days are not counted (the reply clock pauses). */
  startHearing: { from: ['re_review'], to: 'same', roles: ['body'] },
  /** 听证结束: the reply clock runs again, moved by the hearing's days. */
  endHearing: { from: ['re_review'], to: 'same', roles: ['body'] },
  /** 复核: the final opinion (复核意见书). */
  concludeReReview: { from: ['re_review'], to: 're_reviewed', roles: ['body'] },
  /** 督办: an urging note on a late step (the scheduler urges on every breach). */
  urge: { from: ['registered', ...open], to: 'same', roles: ['office', 'approver', 'system'] },
  /** 办结: after service with no review asked in time, a served suggestion, a served refusal, or a served 复核. */
  close: { from: ['replied', 'reviewed', 're_reviewed', 'not_accepted'], to: 'closed', roles: ['office', 'system'] },
} as const satisfies Record<string, Transition>;

export type PetitionAction = keyof typeof petitionTransitions;

/** The petition workflow as a generic definition (the engine and the exhaustive table test use it). */
export const petitionWorkflow: wf.WorkflowDefinition<PetitionStatus, PetitionAction, PetitionRole, PetitionVariant> = wf.defineWorkflow({
  name: 'petition',
  statuses: petitionStatuses,
  terminal: petitionTerminal,
  roles: petitionRoles,
  transitions: petitionTransitions as Record<PetitionAction, Transition>,
});
export const petitionActions = [...petitionWorkflow.actions];

/** Actions a role may take in this status (before the policy's place and person checks). */
export function allowedPetitionActions(status: PetitionStatus, role: PetitionRole): PetitionAction[] {
  return wf.allowedActions(petitionWorkflow, status, role);
}

/** Events of a petition's timeline that are not actions of the table. */
export const petitionSystemEvents = [
  'register', // 登记: created (staff register, or the online form)
  'rate', // 评价: the petitioner rated the handling on the tracking page
  'linkCase', // linked to a case (either direction)
  'toDispute', // 转人民调解: sent to a mediation committee (the reason holds the dispute's code)
  'deadlineWarned', // a clock reached 80%
  'deadlineBreached', // a clock reached 100%
] as const;
export type PetitionEventType = PetitionAction | (typeof petitionSystemEvents)[number];
export const petitionEventTypes = [...petitionActions, ...petitionSystemEvents] as const;

/** Event types the public tracking page shows (no reasons, no names). */
export const publicPetitionEvents: readonly PetitionEventType[] = ['register', 'transfer', 'assign', 'handOver', 'notAccept', 'accept', 'approveExtension', 'conclude', 'serve', 'requestReview', 'concludeReview', 'requestReReview', 'concludeReReview', 'close', 'rate'];

/** The five channels of 五位一体 intake. */
export const petitionChannels = ['visit', 'letter', 'online', 'phone', 'video'] as const;
export type PetitionChannel = (typeof petitionChannels)[number];

/** 申诉求决 / 建议意见 / 检举控告: only complaints run the 60-day and 复查/复核 path. */
export const petitionKinds = ['complaint', 'suggestion', 'accusation'] as const;
export type PetitionKind = (typeof petitionKinds)[number];

/** Grounds of 不予受理. */
export const notAcceptGrounds = ['litigation', 'arbitration', 'administrative_review', 'final_repeat', 'other'] as const;

/** 满意 / 基本满意 / 不满意. */
export const petitionRatings = ['satisfied', 'basically', 'unsatisfied'] as const;
export type PetitionRating = (typeof petitionRatings)[number];

/** Five or more people on one visit make a 集体访 (with up to five representatives). */
export const COLLECTIVE_VISIT_MIN = 5;
export const MAX_REPRESENTATIVES = 5;
