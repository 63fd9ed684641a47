/**
 * Household risk assessments (安全风险评估): scored on the server with the same function the app shows live
 * (core/field/risk-score.ts), answers stored only encrypted, the household's current level kept in
 * household_risk_current (never households.version, so an assessment never makes a registry edit stale) and the
 * visit tasks told when it changes — one transaction.
 */
import { AppError } from '../../../core/errors.ts';
import { score } from '../../../core/field/risk-score.ts';
import type { AssessmentInput } from '../../../core/schemas/field.schema.ts';
import type { AssessmentAnswer } from '../../../core/schemas/field.response.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { requirePermission } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { deviceTime, idTaken, recorderId } from './field-records.ts';
import { onRiskLevel } from './task-hooks.ts';
import { templateFor } from './templates.service.ts';
import { alreadySuperseded, checkedAnswers, subjectInScope } from './visits.service.ts';
import * as repo from './visits.repository.ts';

/** What an assessment answers. */
export type AssessmentView = AssessmentAnswer;

/** Records an assessment of a household in scope. @throws NOT_FOUND, VALIDATION_FAILED, CONFLICT (id taken, superseded twice) */
export async function recordAssessment(ctx: AppContext, actor: Actor, input: AssessmentInput, ticket?: Ticket): Promise<AssessmentView> {
  requirePermission(actor, 'field:record');
  recorderId(actor);
  const assessedAt = deviceTime(ctx, input.assessedAt, 'body.assessedAt');
  const template = await templateFor(ctx.db, input.templateId, 'risk');
  const answers = checkedAnswers(template, input.answers);
  const household = await subjectInScope(ctx.db, actor, 'household', input.householdId);
  const result = score(template, answers);
  const now = ctx.clock.now();
  const row: repo.AssessmentRow = {
    countyCode: household.countyCode, id: input.id, householdId: household.id, templateId: template.id, gridCode: household.gridCode, villageCode: household.gridCode.slice(0, 12),
    answersEnc: ctx.crypto.encrypt(JSON.stringify(answers)), score: result.score, level: result.level, assessedAt, receivedAt: now, createdBy: actor.id, supersedesId: input.supersedes ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    const existing = await repo.assessmentById(tx, row.countyCode, row.id);
    if (existing) {
      if (existing.createdBy !== actor.id || existing.householdId !== row.householdId || existing.assessedAt.getTime() !== assessedAt.getTime()) throw idTaken();
      const again: AssessmentView = { id: existing.id, score: existing.score, level: existing.level as AssessmentView['level'] };
      if (ticket) await completeKey(tx, ticket, 201, again);
      return again;
    }
    if (row.supersedesId) {
      const old = await repo.assessmentById(tx, row.countyCode, row.supersedesId);
      if (!old || old.householdId !== row.householdId) throw new AppError('NOT_FOUND');
    }
    if (!(await repo.insertAssessment(tx, row))) throw (await repo.assessmentById(tx, row.countyCode, row.id)) ? idTaken() : alreadySuperseded();
    if (await repo.upsertRiskCurrent(tx, row, now)) await onRiskLevel(tx, ctx, household, result.level, assessedAt);
    await audit.record(tx, ctx, actor, { action: 'assessment.record', objectType: 'household', objectId: household.id, countyCode: household.countyCode, detail: { assessment: row.id, template: `${template.code} v${template.version}`, level: result.level, supersedes: row.supersedesId } }, actor.ip);
    const answer: AssessmentView = { id: row.id, ...result };
    if (ticket) await completeKey(tx, ticket, 201, answer);
    return answer;
  });
}
