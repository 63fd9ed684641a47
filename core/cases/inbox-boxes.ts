/**
 * The inboxes (boxes) of the case list, and which roles may list which: only what the role can act on. A box the
 * role may not list is refused by the server, and the web shows the boxes the server names (GET /api/cases/boxes).
 */
import type { Role } from '../roles.ts';

export const caseBoxes = ['toAccept', 'toDispatch', 'toVerify', 'toFollowUp', 'mine', 'overdue', 'all'] as const;
export type CaseBox = (typeof caseBoxes)[number];

/**
 * Role → its boxes, in the order the tabs show them:
 * - operators accept (any unaccepted report placed at a centre in their scope), dispatch, verify and follow up
 *   (at their own centre), and watch what is overdue in their scope;
 * - leaders oversee: overdue and everything;
 * - handlers, grid workers and household leaders work on what is dispatched to them (mine; overdue = theirs);
 * - mediators and petition officers take no case action: the list of what they may read.
 */
export const boxesOfRole: Record<Role, readonly CaseBox[]> = {
  operator: ['toAccept', 'toDispatch', 'toVerify', 'toFollowUp', 'overdue', 'all'],
  leader: ['overdue', 'all'],
  handler: ['mine', 'overdue', 'all'],
  gridWorker: ['mine', 'overdue', 'all'],
  householdLeader: ['mine', 'overdue', 'all'],
  mediator: ['all'],
  petitionOfficer: ['all'],
  sysadmin: [],
  secadmin: [],
  auditor: [],
  integration: [],
};

/** True when the role's overdue box holds only the cases it handles (it acts on no others). */
export function overdueIsOwn(role: Role): boolean {
  return boxesOfRole[role].includes('mine');
}
