/**
 * Cases on the transition engine: the case workflow's table (core), its policy, its effects table
 * (case-effects.ts), the one writer of a case's status, its event, and the clocks each status opens and settles.
 */
import { caseWorkflow, publicEvents, terminalStatuses, workflowRoleOf, type CaseAction, type CaseStatus, type Variant, type WorkflowRole } from '../../../core/workflow/case-workflow.ts';
import { minutesRule } from '../../../core/workflow/clock-rules.ts';
import type { Actor } from '../../lib/actor.ts';
import type { WorkflowModule } from '../../workflow/workflow-module.ts';
import type { ClockSpec } from '../../workflow/clocks.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as repo from './cases.repository.ts';
import { actionsFor } from './cases.policy.ts';
import { caseEffects } from './case-effects.ts';
import * as stats from './case-stats.repository.ts';

/** A case's clocks: 一小时介入 from submission, one per active step, and end to end from acceptance. */
export type CaseClockKind = 'first_response' | 'stage' | 'total';

const unitLabel = (c: Pick<repo.CaseRow, 'unitLevel' | 'unitCode' | 'departmentId'>) => (c.unitLevel === 'department' ? `department:${c.departmentId}` : `${c.unitLevel}:${c.unitCode}`);

/** The limits of these kinds of clock for a case, from the most specific deadline policy. */
export function caseClockSpecs(policy: catalog.DeadlinePolicy, kinds: readonly string[]): ClockSpec[] {
  const minutes = (k: string) => (k === 'first_response' ? policy.firstResponseMinutes : k === 'stage' ? policy.stageMinutes : policy.totalMinutes);
  // The first response is measured in plain hours even when the other limits count working days.
  return kinds.map((kind) => ({ kind, limit: minutes(kind), rules: minutesRule(kind === 'first_response' ? 'calendar' : policy.mode) }));
}

/** The case workflow as the engine runs it. */
export const caseModule: WorkflowModule<repo.CaseRow, CaseStatus, CaseAction, WorkflowRole, Variant> = {
  subjectType: 'case',
  definition: caseWorkflow,
  roleOf: (actor: Actor) => (actor.kind === 'system' ? 'system' : actor.kind === 'public' ? 'resident' : workflowRoleOf(actor.role)),
  // Residents act only on public cases (and rate their own through the tracking key); staff by cases.policy.ts.
  permits: (actor, c, action) => actor.kind === 'system' || (actor.kind === 'public' ? c.isPublic || action === 'followUp' : actionsFor(actor, c).includes(action)),
  effects: caseEffects,
  async writeStatus(tx, c, set, now) {
    const full: Partial<repo.CaseRow> = { ...set, updatedAt: now };
    if (terminalStatuses.includes(set.status) && !c.closedAt) full.closedAt = now;
    // Any ending (closed, rejected, redirected, merged) takes an overdue case out of the open-overdue count.
    if (terminalStatuses.includes(set.status) && c.isOverdue) {
      full.isOverdue = false;
      await stats.bumpOverdue(tx, c.countyCode, c.villageCode, -1);
    }
    await repo.updateCase(tx, c, full);
    return { ...c, ...full, version: c.version + 1 };
  },
  async appendEvent(tx, e) {
    await repo.insertEvent(tx, {
      countyCode: e.before.countyCode,
      caseId: e.before.id,
      type: e.action,
      actorId: e.actor.id,
      actorName: e.actor.name,
      actorRole: e.role,
      fromStatus: e.from,
      toStatus: e.to,
      fromUnit: unitLabel(e.before),
      toUnit: (e.effect.event?.toUnit as string | undefined) ?? unitLabel(e.after),
      reason: e.effect.reason ?? null,
      data: e.effect.data ?? null,
      isPublic: publicEvents.includes(e.action),
      at: e.now,
    });
  },
  subjectOf: (c) => ({ type: 'case', id: c.id, code: c.code }),
  auditObjectId: (c) => c.code,
  smsRecipients: (c) => [c.reporterPhoneEnc, ...c.followers.map((f) => f.phoneEnc)].filter(Boolean) as string[],
  clocks: {
    // Leaving a step stops its clock; entering an active step starts one; an ending settles the rest.
    settleOnLeave: ['stage'],
    openOnEnter: { accepted: ['stage'], dispatched: ['stage'], in_progress: ['stage'] },
    settleOnTerminal: { kinds: ['first_response', 'total'], metOn: ['closed'] },
    limits: async (tx, ctx, c, kinds) => caseClockSpecs(await catalog.deadlinePolicy(ctx, tx, c.countyCode, c.categoryId, c.tier), kinds),
    calendar: (tx, ctx, c) => catalog.workCalendar(ctx, tx, c.countyCode),
  },
};
