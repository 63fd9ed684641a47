/**
 * Keeps a subject's open visit tasks with the subject: after a move they carry its new grid and village, and each
 * goes to the responsible worker the subject has now (its care assignment, else the new grid's worker, else
 * nobody). Runs inside the caller's transaction (a move, a care assignment), so a task is never left with a worker
 * who can no longer see its subject. The task itself is kept, with its due day, clock and timeline: a move does
 * not reset a deadline, and the history shows where the task went and why.
 */
import type { Executor } from '../../db/client.ts';
import type { AppContext } from '../../lib/context.ts';
import { runSteps } from '../../workflow/engine.ts';
import { assigneesFor, type PlacedSubject } from './visit-task-generator.service.ts';
import * as repo from './visit-tasks.repository.ts';
import { visitTaskModule } from './visit-tasks.workflow.ts';

/** What a replan changed. */
export interface Replanned {
  moved: number;
  reassigned: number;
}

/** Gives the open tasks of these subjects their current place and responsible worker; returns what changed. */
export async function replanSubjects(tx: Executor, ctx: AppContext, countyCode: string, subjects: PlacedSubject[]): Promise<Replanned> {
  const out: Replanned = { moved: 0, reassigned: 0 };
  if (!subjects.length) return out;
  const now = ctx.clock.now();
  const assignee = await assigneesFor(tx, countyCode, subjects);
  for (const s of subjects) {
    for (const t of await repo.lockOpenOfSubject(tx, countyCode, s.type, s.id)) {
      let row = t;
      if (t.gridCode !== s.gridCode) {
        const set = { gridCode: s.gridCode, villageCode: s.villageCode };
        await repo.updateTask(tx, t, set, now);
        await repo.insertEvent(tx, { countyCode, taskId: t.id, type: 'move', fromStatus: t.status, toStatus: t.status, actorId: 'system', data: { from: t.gridCode, to: s.gridCode }, at: now });
        row = { ...t, ...set, updatedAt: now, version: t.version + 1 };
        out.moved++;
      }
      const to = assignee(s);
      if (to !== row.assigneeId) {
        await runSteps(tx, ctx, visitTaskModule, row, [{ action: 'reassign', input: { assigneeId: to } }]);
        out.reassigned++;
      }
    }
  }
  return out;
}
