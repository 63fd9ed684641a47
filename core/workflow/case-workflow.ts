/**
 * The closed loop of a case as data: 受理 → 分流/派遣 → 处置 → 反馈 → 核查 → 回访 → 办结, with honest endings.
 * A transition table on the generic workflow definition (./definition.ts); the transition engine
 * (server/workflow/engine.ts) asks `nextStatus` and nothing else.
 */
import * as wf from './definition.ts';

export { InvalidTransition } from './definition.ts';

/** Where a case is in the loop. */
export const caseStatuses = [
  'submitted', // 已上报: reported, not yet taken in
  'accepted', // 已受理: taken in by a centre, which will dispatch it
  'dispatched', // 已派遣: sent to a handler (department, grid worker), not yet started
  'in_progress', // 处置中
  'reported_back', // 已反馈: the handler says it is done
  'verified', // 已核查: someone other than the handler checked it
  'followed_up', // 已回访: the reporter rated it
  'closed', // 已办结 (outcome resolved or unresolved)
  'rejected', // 不予受理: invalid, with a reason
  'redirected', // 非本单位: not ours, sent to the unit named
  'merged', // 重复: merged into another case
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Statuses from which nothing more happens. */
export const terminalStatuses: readonly CaseStatus[] = ['closed', 'rejected', 'redirected', 'merged'];

/** Who acts: account roles plus the reporter on the public page and the scheduler. */
export type WorkflowRole = 'operator' | 'handler' | 'gridWorker' | 'leader' | 'resident' | 'system';
export const workflowRoles: readonly WorkflowRole[] = ['operator', 'handler', 'gridWorker', 'leader', 'resident', 'system'];

/** Branches of one action (verify passes or fails; a rating satisfies or reopens). */
export const caseVariants = ['pass', 'fail', 'satisfied', 'basically', 'unsatisfied', 'unsatisfiedFinal'] as const;
export type Variant = (typeof caseVariants)[number];

const active: CaseStatus[] = ['accepted', 'dispatched', 'in_progress', 'reported_back'];

type Transition = wf.TransitionRule<CaseStatus, WorkflowRole, Variant>;

export const caseTransitions = {
  /** 受理: a centre takes the report in; routing then places it at the right level. */
  accept: { from: ['submitted'], to: 'accepted', roles: ['operator'] },
  /** 不予受理: invalid report (reason required). */
  reject: { from: ['submitted'], to: 'rejected', roles: ['operator'] },
  /** 非本单位: not ours; names the unit it was sent to. */
  redirect: { from: ['submitted', 'accepted'], to: 'redirected', roles: ['operator'] },
  /** 合并: a duplicate of another open case. */
  merge: { from: ['submitted', 'accepted'], to: 'merged', roles: ['operator'] },
  /** 派遣: to a department or a person at the current unit. */
  dispatch: { from: ['accepted'], to: 'dispatched', roles: ['operator', 'system'] },
  /** 退回: the handler sends it back to the centre (wrongly routed), with a reason. */
  return: { from: ['dispatched', 'in_progress'], to: 'accepted', roles: ['handler', 'gridWorker'] },
  /** 转办: to another unit of the same level. */
  transfer: { from: ['accepted', 'dispatched'], to: 'accepted', roles: ['operator'] },
  /** 上报: the centre one level up (village → township → county) takes the case over, in whatever step it is;
   *  the scheduler escalates breached deadlines, a missed first response included. */
  escalate: { from: ['submitted', 'accepted', 'dispatched', 'in_progress'], to: 'same', roles: ['operator', 'gridWorker', 'system'] },
  /** 协办: add an assisting unit. */
  assist: { from: ['accepted', 'dispatched', 'in_progress'], to: 'same', roles: ['operator'] },
  /** 开始处置 */
  start: { from: ['dispatched'], to: 'in_progress', roles: ['handler', 'gridWorker'] },
  /** 反馈: the result, with text and photos. */
  reportBack: { from: ['in_progress'], to: 'reported_back', roles: ['handler', 'gridWorker'] },
  /** 核查: pass, or fail back to the handler. */
  verify: { from: ['reported_back'], to: { pass: 'verified', fail: 'in_progress' }, roles: ['operator', 'leader'] },
  /** 回访: satisfied or basically closes the loop; unsatisfied reopens once, with higher urgency. */
  followUp: {
    from: ['verified'],
    to: { satisfied: 'followed_up', basically: 'followed_up', unsatisfied: 'dispatched', unsatisfiedFinal: 'followed_up' },
    roles: ['operator', 'resident'],
  },
  /** 办结; the system closes at once when the reporter is satisfied or basically satisfied. */
  close: { from: ['followed_up'], to: 'closed', roles: ['operator', 'system'] },
  /** 未解决办结: an honest ending when it cannot be solved (reason required). */
  closeUnresolved: { from: [...active, 'verified', 'followed_up'], to: 'closed', roles: ['operator', 'leader'] },
  /** 申请延期 */
  extendRequest: { from: ['dispatched', 'in_progress'], to: 'same', roles: ['handler', 'gridWorker'] },
  /** 审批延期: approve or deny a pending request. */
  extendDecide: { from: ['dispatched', 'in_progress', 'reported_back'], to: 'same', roles: ['operator', 'leader'] },
  /** 督办 (the scheduler urges on every breached clock, a missed first response included) */
  urge: { from: ['submitted', ...active], to: 'same', roles: ['operator', 'leader', 'system'] },
  /** 等待群众: stop the clocks while waiting on the reporter. */
  pause: { from: ['accepted', 'dispatched', 'in_progress'], to: 'same', roles: ['operator', 'handler', 'gridWorker'] },
  /** 恢复计时 */
  resume: { from: ['accepted', 'dispatched', 'in_progress'], to: 'same', roles: ['operator', 'handler', 'gridWorker'] },
  /** 我也遇到: another resident adds their voice to an open public case. */
  meToo: { from: ['submitted', ...active, 'verified'], to: 'same', roles: ['resident'] },
} as const satisfies Record<string, Transition>;

export type CaseAction = keyof typeof caseTransitions;

/** The case workflow as a generic definition (the engine and the exhaustive table test use it). */
export const caseWorkflow: wf.WorkflowDefinition<CaseStatus, CaseAction, WorkflowRole, Variant> = wf.defineWorkflow({
  name: 'case',
  statuses: caseStatuses,
  terminal: terminalStatuses,
  roles: workflowRoles,
  variants: caseVariants,
  transitions: caseTransitions as Record<CaseAction, Transition>,
});
export const caseActions = [...caseWorkflow.actions];

/** The variants an action needs; empty for actions without branches. */
export function variantsOf(action: CaseAction): Variant[] {
  return wf.variantsOf(caseWorkflow, action);
}

/** Actions a role may take on a case in this status (before place and person checks). */
export function allowedActions(status: CaseStatus, role: WorkflowRole): CaseAction[] {
  return wf.allowedActions(caseWorkflow, status, role);
}

/** The status after `action`. @throws InvalidTransition when the action is not allowed from here for this role, or a needed variant is missing */
export function nextStatus(status: CaseStatus, action: CaseAction, role: WorkflowRole, variant?: Variant): CaseStatus {
  return wf.nextStatus(caseWorkflow, status, action, role, variant);
}

/** Maps an account role to the workflow role it acts as (null: takes no part in the loop). */
export function workflowRoleOf(accountRole: string): WorkflowRole | null {
  if (accountRole === 'operator' || accountRole === 'handler' || accountRole === 'gridWorker' || accountRole === 'leader') return accountRole;
  if (accountRole === 'householdLeader') return 'gridWorker'; // reports and handles small matters like a grid worker
  return null;
}

/** Events of a case's timeline that are not actions of the table. */
export const caseSystemEvents = [
  'submit', // 上报: the case was created (intake)
  'mergedIn', // another case was merged into this one
  'deadlineWarned', // a clock reached 80% (yellow)
  'deadlineBreached', // a clock reached 100% (red)
  'fromPetition', // 由信访件转入: made from a petition (the reason holds its code)
  'toPetition', // 转信访: sent to the petition register (the reason holds the petition's code); the case stays open
  'toDispute', // 转人民调解: became a dispute (the reason holds the dispute's code); the case stays open
] as const;

/** Every type a case event may have: the workflow's actions plus the system events. */
export const caseEventTypes = [...caseActions, ...caseSystemEvents] as const;
export type CaseEventType = CaseAction | (typeof caseSystemEvents)[number];

/** Event types whose timeline steps the public tracking page shows. */
export const publicEvents: readonly CaseEventType[] = ['submit', 'accept', 'reject', 'redirect', 'merge', 'dispatch', 'transfer', 'escalate', 'start', 'reportBack', 'verify', 'followUp', 'close', 'closeUnresolved'];
