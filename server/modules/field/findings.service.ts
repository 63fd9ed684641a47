/**
 * A finding on patrol (六必查 found a problem): the finding and the case it becomes are written in ONE
 * transaction (channel 巡查), so a case that cannot be written leaves no finding, and a finding sent again
 * answers the case it made the first time instead of making another.
 */
import { AppError } from '../../../core/errors.ts';
import type { FindingInput } from '../../../core/schemas/field.schema.ts';
import type { FindingAnswer } from '../../../core/schemas/field.response.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { requirePermission, scopePrefix } from '../../lib/access.ts';
import { prepareOnBehalf, writeReportIn } from '../cases/case-intake.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { deviceTime, idTaken, recorderId } from './field-records.ts';
import * as repo from './patrols.repository.ts';
import * as scope from './scope.repository.ts';
import { statKeyOf } from './patrols.service.ts';

/** What a finding answers: its id and the case's tracking code. */
export type FindingView = FindingAnswer;

/** Records a finding of the actor's own patrol and takes it in as a case. @throws NOT_FOUND (patrol), VALIDATION_FAILED (category, place), CONFLICT */
export async function recordFinding(ctx: AppContext, actor: Actor, patrolId: string, input: FindingInput, ticket?: Ticket): Promise<FindingView> {
  requirePermission(actor, 'field:record');
  recorderId(actor);
  const recordedAt = deviceTime(ctx, input.recordedAt, 'body.recordedAt');
  const owned = await scope.patrolUnder(ctx.db, patrolId, scopePrefix(actor));
  if (!owned || owned.userId !== actor.id) throw new AppError('NOT_FOUND');
  // Checked and built before the transaction (category, place in scope); the case's id and code are fixed here.
  const prepared = await prepareOnBehalf(ctx, actor, { channel: 'patrol', categoryId: input.categoryId, description: input.description, lat: input.lat, lng: input.lng, uploadIds: [] });
  return ctx.db.transaction(async (tx) => {
    const p = await repo.patrolById(tx, owned.countyCode, owned.id, true);
    if (!p) throw new AppError('NOT_FOUND');
    const existing = await repo.findingById(tx, p.countyCode, input.id);
    if (existing) {
      if (existing.createdBy !== actor.id || existing.patrolId !== p.id) throw idTaken();
      const again = { id: existing.id, caseCode: existing.caseCode };
      if (ticket) await completeKey(tx, ticket, 201, again);
      return again;
    }
    // The finding and its case share the county (the key between them names it): a place across a county border is the other county's matter.
    if (prepared.row.countyCode !== p.countyCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.lat', code: 'outside_scope', message: '该位置不在本次巡查所在的县' }]);
    const made = await writeReportIn(tx, ctx, prepared);
    if (!(await repo.insertFinding(tx, { countyCode: p.countyCode, id: input.id, patrolId: p.id, caseId: made.id, caseCode: made.code, templateItem: input.templateItem ?? null, recordedAt, createdBy: actor.id, receivedAt: ctx.clock.now() }))) throw idTaken();
    await repo.addToPatrol(tx, p, { findings: 1 });
    await repo.bumpStats(tx, statKeyOf(p), { findings: 1 });
    const answer: FindingView = { id: input.id, caseCode: made.code };
    if (ticket) await completeKey(tx, ticket, 201, answer);
    return answer;
  });
}
