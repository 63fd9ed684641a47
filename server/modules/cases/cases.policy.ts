/**
 * Who may take which action on a case, beyond the workflow table: operators and leaders act on cases whose
 * owning centre lies in their scope; handlers only on cases dispatched to them or their department; the
 * verifier is never the person who reported back.
 */
import { allowedActions, workflowRoleOf, type CaseAction, type CaseStatus } from '../../../core/workflow/case-workflow.ts';
import type { Actor } from '../../lib/actor.ts';
import { holds, inActorScope } from '../../lib/access.ts';
import type { CaseRow } from './cases.repository.ts';

const handlerActions: CaseAction[] = ['start', 'reportBack', 'return', 'extendRequest', 'escalate', 'pause', 'resume'];

/** The actions this actor may take on this case now. */
export function actionsFor(actor: Actor, c: CaseRow): CaseAction[] {
  if (actor.kind === 'token' || !holds(actor, 'case:act')) return [];
  const role = workflowRoleOf(actor.role);
  if (!role) return [];
  const isHandler = c.handlerUserId === actor.id || (!!actor.departmentId && c.handlerDepartmentId === actor.departmentId);
  const ownsUnit = inActorScope(actor, c.unitCode);
  return allowedActions(c.status as CaseStatus, role).filter((a) => {
    // Clocks can only be paused when running and resumed when paused; one extension request at a time.
    if ((a === 'pause' && c.pausedAt) || (a === 'resume' && !c.pausedAt) || (a === 'extendRequest' && c.pendingExtension)) return false;
    if (role === 'handler' || role === 'gridWorker') return isHandler && handlerActions.includes(a);
    if (!ownsUnit) return false;
    if (a === 'verify' && c.reportedBackBy === actor.id) return false;
    if (a === 'extendDecide' && !c.pendingExtension) return false;
    return true;
  });
}
