/**
 * A dispute (矛盾纠纷) and its people's mediation (人民调解) as data, after 人民调解法 and the 司法部 2002 rules
 * (STANDARDS.md §7.1, §7.2a): registered by screening, a case, a petition, a walk-in or an online application;
 * the committee appoints the mediator(s) or the parties choose them (Art. 19); once accepted it should end within
 * a month (extended only with both parties' consent); it ends in an agreement (written, or oral with its content
 * recorded: Art. 28), a failure with the legal routes told (Art. 26), a referral (诉调对接, arbitration, a
 * department) with the receiver's answer, or a party's clear refusal (mediation is voluntary: Art. 17); then it is
 * closed. An agreement's signatures, its taking effect and judicial confirmation come next (issue 15, items 5–7).
 */
import * as wf from './definition.ts';

/** Where a dispute is. */
export const disputeStatuses = [
  'registered', // 已登记: with its committee, waiting for a mediator
  'assigned', // 已指派: a mediator appointed by the committee or chosen by the parties; not yet accepted
  'mediating', // 调解中: accepted; the one-month target runs
  'agreed', // 调解成功: an agreement was reached (written or oral)
  'failed', // 调解不成: ended, the parties told their legal routes
  'referred', // 已移交: to a court (诉调对接), an arbitration body or a department; the answer is recorded
  'refused', // 当事人拒绝调解: a party clearly refused (voluntary), recorded
  'closed', // 已结案
] as const;
export type DisputeStatus = (typeof disputeStatuses)[number];

/** Statuses from which nothing more happens. */
export const disputeTerminal: readonly DisputeStatus[] = ['closed'];

/**
 * Who acts, relative to THIS dispute (server/modules/mediation/mediation.policy.ts decides which one a user plays):
 * - committee: the head (主任) of the dispute's committee, or the governance centre's operator or leader whose
 *   scope holds the committee's region (the centre hands disputes to committees);
 * - mediator: an account linked to one of the dispute's mediators;
 * - system: the scheduler (urges on a breach).
 */
export type DisputeRole = 'committee' | 'mediator' | 'system';
export const disputeRoles: readonly DisputeRole[] = ['committee', 'mediator', 'system'];

/** Variants: none; branches are input fields (who refused, where it was referred). */
export type DisputeVariant = never;

const open: DisputeStatus[] = ['registered', 'assigned', 'mediating'];
const ended: DisputeStatus[] = ['agreed', 'failed', 'referred', 'refused'];

type Transition = wf.TransitionRule<DisputeStatus, DisputeRole, DisputeVariant>;

export const disputeTransitions = {
  /** 指派: the committee appoints one or more mediators (again while not yet accepted: a change of mediator). */
  assign: { from: ['registered', 'assigned'], to: 'assigned', roles: ['committee'] },
  /** 当事人选定: the parties chose their mediator(s); the committee records it. */
  choose: { from: ['registered', 'assigned'], to: 'assigned', roles: ['committee'] },
  /** 移送: to another committee (a township's, an industry committee) before mediation starts. */
  transfer: { from: ['registered', 'assigned'], to: 'registered', roles: ['committee'] },
  /** 受理: the mediator takes it on; the one-month target starts. */
  accept: { from: ['assigned'], to: 'mediating', roles: ['mediator', 'committee'] },
  /** 安排调解: a session at a time, in a room or a place, or online. */
  scheduleSession: { from: ['assigned', 'mediating'], to: 'same', roles: ['mediator', 'committee'] },
  /** 调解记录: a session held, with attendees, the record and who signed it. */
  recordSession: { from: ['mediating'], to: 'same', roles: ['mediator'] },
  /** 延长调解期限: only with every party's recorded consent, by the days they agreed. */
  extend: { from: ['mediating'], to: 'same', roles: ['mediator', 'committee'] },
  /** 达成协议: written (调解协议书) or oral (its content recorded). */
  recordAgreement: { from: ['mediating'], to: 'agreed', roles: ['mediator'] },
  /** 调解不成: ended, with the legal routes told to the parties and when (Art. 26). */
  recordFailure: { from: ['mediating'], to: 'failed', roles: ['mediator'] },
  /** 移交: to a court (诉调对接), arbitration or a department; their answer comes later. */
  refer: { from: ['registered', 'assigned', 'mediating', 'failed'], to: 'referred', roles: ['mediator', 'committee'] },
  /** 接收方答复: the court's, arbitration body's or department's answer to a referral. */
  recordReferralAnswer: { from: ['referred'], to: 'same', roles: ['mediator', 'committee'] },
  /** 拒绝调解: a party clearly refused; mediation ends (voluntary, Art. 17). */
  refuse: { from: open, to: 'refused', roles: ['mediator', 'committee'] },
  /** 督办: an urging note (the scheduler urges on every breach). */
  urge: { from: [...open, 'referred'], to: 'same', roles: ['committee', 'system'] },
  /** 结案: after an outcome (a referral once answered). */
  close: { from: ended, to: 'closed', roles: ['mediator', 'committee'] },
} as const satisfies Record<string, Transition>;

export type DisputeAction = keyof typeof disputeTransitions;

/** The dispute workflow as a generic definition (the engine and the exhaustive table test use it). */
export const disputeWorkflow: wf.WorkflowDefinition<DisputeStatus, DisputeAction, DisputeRole, DisputeVariant> = wf.defineWorkflow({
  name: 'dispute',
  statuses: disputeStatuses,
  terminal: disputeTerminal,
  roles: disputeRoles,
  transitions: disputeTransitions as Record<DisputeAction, Transition>,
});
export const disputeActions = [...disputeWorkflow.actions];

/** Actions a role may take in this status (before the policy's place and person checks). */
export function allowedDisputeActions(status: DisputeStatus, role: DisputeRole): DisputeAction[] {
  return wf.allowedActions(disputeWorkflow, status, role);
}

/** Events of a dispute's timeline that are not actions of the table. */
export const disputeSystemEvents = [
  'register', // 登记: created (staff, from a case or a petition, or the online application)
  'deadlineWarned', // a clock reached 80%
  'deadlineBreached', // a clock reached 100%
] as const;
export type DisputeEventType = DisputeAction | (typeof disputeSystemEvents)[number];
export const disputeEventTypes = [...disputeActions, ...disputeSystemEvents] as const;

/** Event types the public follow-up page shows (stage and dates only: no names, no reasons, no record). */
export const publicDisputeEvents: readonly DisputeEventType[] = ['register', 'assign', 'choose', 'transfer', 'accept', 'scheduleSession', 'recordSession', 'extend', 'recordAgreement', 'recordFailure', 'refer', 'refuse', 'close'];

/** Where a dispute came from. */
export const disputeSources = ['screening', 'case', 'petition', 'walk_in', 'online'] as const;
export type DisputeSource = (typeof disputeSources)[number];

/** How big: 一般 / 疑难复杂 / 重大 (many people, or a risk to public order). */
export const disputeScales = ['ordinary', 'complex', 'major'] as const;

/** Where a referral goes: 诉调对接 to a court, an arbitration body (劳动人事, 农村土地承包), or a department. */
export const referralTargets = ['court', 'arbitration', 'department'] as const;

/** A written 调解协议书 or an oral agreement whose content the mediator records (Art. 28). */
export const agreementForms = ['written', 'oral'] as const;

/** Committee levels (人民调解委员会): village, township, county, industry (行业性、专业性). */
export const committeeLevels = ['village', 'township', 'county', 'industry'] as const;
export type CommitteeLevel = (typeof committeeLevels)[number];

/** Room modes: 家门口 on-site, 流动 mobile, 网上 online. */
export const roomModes = ['onsite', 'mobile', 'online'] as const;
