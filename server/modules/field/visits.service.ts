/**
 * Visits (走访) to a household or a person, by a checklist template. Append-only: a correction is a new record
 * naming the one it supersedes, and a record is superseded at most once. Answers that could reveal a sensitive
 * category, free text and the note are stored encrypted; the rest stays readable for statistics.
 */
import { AppError } from '../../../core/errors.ts';
import { checkAnswers, splitSensitive, type Answers, type FieldTemplate } from '../../../core/field/templates.ts';
import type { VisitInput } from '../../../core/schemas/field.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { requirePermission, scopePrefix } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { deviceTime, idTaken, recorderId } from './field-records.ts';
import { onVisitRecorded } from './task-hooks.ts';
import { templateFor } from './templates.service.ts';
import * as repo from './visits.repository.ts';
import * as scope from './scope.repository.ts';

/** The answers checked against their template (`partial`: items left out are fine). @throws VALIDATION_FAILED naming each item */
export function checkedAnswers(template: FieldTemplate, answers: Answers, partial = false): Answers {
  const issues = checkAnswers(template, answers).filter((i) => !(partial && i.code === 'required'));
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => ({ path: `body.answers.${i.path}`, code: i.code, message: i.code === 'required' ? '此项必填' : '答案与清单不符' })));
  return answers;
}

/** The household or person visited, in the actor's scope (outside reads as missing). @throws NOT_FOUND */
export async function subjectInScope(ex: Executor, actor: Actor, type: 'household' | 'person', id: string): Promise<{ countyCode: string; id: string; gridCode: string }> {
  const row = type === 'household' ? await scope.householdUnder(ex, id, scopePrefix(actor)) : await scope.personUnder(ex, id, scopePrefix(actor));
  if (!row) throw new AppError('NOT_FOUND');
  return { countyCode: row.countyCode, id: row.id, gridCode: row.gridCode };
}

/** The 409 when a record was already corrected by another. */
export const alreadySuperseded = () => new AppError('CONFLICT', [{ path: 'body.supersedes', code: 'already_superseded', message: '该记录已被更正过，请在最新的记录上更正' }]);

/** Records a visit. @throws NOT_FOUND (subject, superseded record), VALIDATION_FAILED (template, answers, time), CONFLICT (id taken, superseded twice) */
export async function recordVisit(ctx: AppContext, actor: Actor, input: VisitInput, ticket?: Ticket): Promise<{ id: string }> {
  requirePermission(actor, 'field:record');
  recorderId(actor);
  const visitedAt = deviceTime(ctx, input.visitedAt, 'body.visitedAt');
  const template = await templateFor(ctx.db, input.templateId, 'visit');
  const answers = checkedAnswers(template, input.answers);
  const subject = await subjectInScope(ctx.db, actor, input.subjectType, input.subjectId);
  const { open, sensitive } = splitSensitive(template, answers);
  const row: repo.VisitRow = {
    countyCode: subject.countyCode, id: input.id, templateId: template.id, subjectType: input.subjectType, subjectId: subject.id, gridCode: subject.gridCode, villageCode: subject.gridCode.slice(0, 12),
    taskId: input.taskId ?? null, answers: open, answersEnc: Object.keys(sensitive).length ? ctx.crypto.encrypt(JSON.stringify(sensitive)) : null, noteEnc: input.note ? ctx.crypto.encrypt(input.note) : null,
    visitedAt, receivedAt: ctx.clock.now(), createdBy: actor.id, supersedesId: input.supersedes ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    const existing = await repo.visitById(tx, row.countyCode, row.id);
    if (existing) {
      // Sent again after its key was forgotten: the same worker's same visit answers as before.
      if (existing.createdBy !== actor.id || existing.subjectId !== row.subjectId || existing.visitedAt.getTime() !== visitedAt.getTime()) throw idTaken();
      if (ticket) await completeKey(tx, ticket, 201, { id: row.id });
      return { id: row.id };
    }
    if (row.supersedesId) {
      const old = await repo.visitById(tx, row.countyCode, row.supersedesId);
      if (!old || old.subjectType !== row.subjectType || old.subjectId !== row.subjectId) throw new AppError('NOT_FOUND');
    }
    // Nothing was stored although the id is free: the superseded record was corrected already.
    if (!(await repo.insertVisit(tx, row))) throw (await repo.visitById(tx, row.countyCode, row.id)) ? idTaken() : alreadySuperseded();
    await onVisitRecorded(tx, ctx, actor, { countyCode: row.countyCode, id: row.id, subjectType: input.subjectType, subjectId: row.subjectId, gridCode: row.gridCode, villageCode: row.villageCode, taskId: row.taskId, templateCode: template.code, visitedAt, supersedesId: row.supersedesId });
    await audit.record(tx, ctx, actor, { action: 'visit.record', objectType: input.subjectType, objectId: row.subjectId, countyCode: row.countyCode, detail: { visit: row.id, template: template.code, visitedAt: input.visitedAt, supersedes: row.supersedesId } }, actor.ip);
    if (ticket) await completeKey(tx, ticket, 201, { id: row.id });
    return { id: row.id };
  });
}
