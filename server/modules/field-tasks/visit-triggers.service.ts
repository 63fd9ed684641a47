/**
 * 四访 triggers a worker or the centre raises by hand (POST /api/field/triggers): a major change in a household
 * (重大变故) or a person who petitioned (上访群众) opens a one-off visit task, due per core/field/visit-rules.ts, for
 * the subject's responsible worker. While a task of the same rule is open for the subject, a second trigger answers
 * that task (no duplicate) and only adds its note to the timeline. The note may tell a family's misfortune: it is
 * kept encrypted in the event (`noteEnc`), never in clear.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { cstDate } from '../../../core/calendar.ts';
import { AppError } from '../../../core/errors.ts';
import { requiredTasks, type TriggerFact } from '../../../core/field/visit-rules.ts';
import type { TriggerSchema } from '../../../core/schemas/field-tasks.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { holds, requireAnyPermission, requirePermission, scopePrefix } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import * as care from './care-assignments.repository.ts';
import { createMissing, type PlacedSubject } from './visit-task-generator.service.ts';
import * as repo from './visit-tasks.repository.ts';
import { presentTask } from './visit-tasks.service.ts';

/** Opens the one-off task of a trigger fact for a placed subject unless one of its rule is open; returns the task made, if any. */
export async function openTriggered(tx: Executor, ctx: AppContext, countyCode: string, subject: PlacedSubject, fact: TriggerFact): Promise<repo.TaskRow | undefined> {
  const s = { ...subject, triggers: [fact] };
  const required = requiredTasks([s], ctx.clock.now()).filter((r) => r.triggerRef === fact.ref);
  const [made] = await createMissing(tx, ctx, countyCode, required, new Map([[`${s.type}:${s.id}`, s]]), new Set(), ctx.clock.now());
  return made;
}

/** Raises a trigger: the open task of its rule (made now, or already there). @throws FORBIDDEN, NOT_FOUND (subject outside the scope), INVALID_TRANSITION (archived or dissolved) */
export async function triggerVisit(ctx: AppContext, actor: Actor, input: z.infer<typeof TriggerSchema>, ticket?: Ticket) {
  requireAnyPermission(actor, ['field:assign', 'field:record']);
  // Marking someone a petitioner is the centre's call; a major change may be raised by whoever reads the registry
  // and records visits (a grid worker), not by a household leader who cannot read the persons it would name.
  if (input.rule === 'petitioner' || !holds(actor, 'field:assign')) requirePermission(actor, input.rule === 'petitioner' ? 'field:assign' : 'person:read');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const s = await care.subjectUnder(tx, input.subjectType, input.subjectId, scopePrefix(actor), true);
    if (!s) throw new AppError('NOT_FOUND');
    if (!s.active) throw new AppError('INVALID_TRANSITION');
    const placed: PlacedSubject = { type: input.subjectType, id: s.id, gridCode: s.gridCode, villageCode: s.villageCode };
    const openOfRule = async () => (await repo.lockOpenOfSubject(tx, s.countyCode, input.subjectType, s.id)).find((t) => t.rule === input.rule);
    const existing = await openOfRule();
    const made = existing ? undefined : await openTriggered(tx, ctx, s.countyCode, placed, { rule: input.rule, ref: `manual:${randomUUID()}`, at: now });
    // A race with another trigger of the same rule ends on the open-task index: answer the task that won.
    const task = existing ?? made ?? (await openOfRule());
    const created = !!made;
    if (!task) throw new AppError('CONFLICT');
    await repo.insertEvent(tx, { countyCode: s.countyCode, taskId: task.id, type: 'trigger', fromStatus: task.status, toStatus: task.status, actorId: actor.id, data: { rule: input.rule, created, ...(input.note ? { noteEnc: ctx.crypto.encrypt(input.note) } : {}) }, at: now });
    await audit.record(tx, ctx, actor, { action: 'visit.trigger', objectType: input.subjectType, objectId: s.id, countyCode: s.countyCode, detail: { rule: input.rule, task: task.id, created } }, actor.ip);
    const answer = { task: presentTask({ ...task, label: null }, cstDate(now)), created };
    if (ticket) await completeKey(tx, ticket, 201, answer);
    return answer;
  });
}
