/**
 * A household (with its members) or a person moved to another grid (the people module calls this in the move's own
 * transaction). Their open visit tasks follow them: new grid, village and responsible worker, the same task with its
 * due day and timeline (cancelling and re-creating would lose both and restart the deadline). A care assignment
 * whose worker's scope does not reach the new grid ends, since that worker can no longer see the person; the
 * household's arrival in the new grid is a 新迁入 fact the hourly generator turns into its own one-off visit.
 */
import { regionLevels, ancestorAt } from '../../../core/region-code.ts';
import type { Executor } from '../../db/client.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import { systemActorFor } from '../../workflow/engine.ts';
import * as care from './care-assignments.repository.ts';
import { replanSubjects, type Replanned } from './task-replan.service.ts';

/** The region codes whose subtree holds this grid (an account placed at one of them covers it). */
export function coveringScopes(gridCode: string): string[] {
  return [...new Set(regionLevels.map((l) => ancestorAt(gridCode.slice(0, 12), l)))];
}

/** Subjects now in `gridCode`: their tasks follow, assignments that no longer reach them end. */
export async function onSubjectsMoved(tx: Executor, ctx: AppContext, countyCode: string, moved: { type: 'household' | 'person'; id: string }[], gridCode: string): Promise<Replanned> {
  const persons = moved.filter((m) => m.type === 'person').map((m) => m.id);
  for (const personId of await care.careOutside(tx, countyCode, persons, coveringScopes(gridCode))) {
    await care.deleteCare(tx, countyCode, personId);
    await audit.record(tx, ctx, systemActorFor({ countyCode }), { action: 'careAssignment.unassign', objectType: 'person', objectId: personId, countyCode, detail: { reason: 'moved_out_of_scope', gridCode } });
  }
  return replanSubjects(tx, ctx, countyCode, moved.map((m) => ({ ...m, gridCode, villageCode: gridCode.slice(0, 12) })));
}
