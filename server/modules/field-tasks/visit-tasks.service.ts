/**
 * Reading visit tasks: my open tasks (the field app's list, a household leader's too), or every task of the
 * caller's scope for leaders, operators and workers (a region or grid outside it answers like a missing one).
 */
import type { z } from 'zod';
import { cstDate } from '../../../core/calendar.ts';
import { subtreePrefix } from '../../../core/region-code.ts';
import { visitRules, type VisitRuleCode } from '../../../core/field/visit-rules.ts';
import type { TaskListQuery } from '../../../core/schemas/field-tasks.schema.ts';
import type { TaskItem } from '../../../core/schemas/field-tasks.response.ts';
import { holds, notFoundUnlessInScope, scopePrefix } from '../../lib/access.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { AppError } from '../../../core/errors.ts';
import * as repo from './visit-tasks.repository.ts';
import { listTemplates } from '../field/templates.service.ts';

/** A task as lists show it; `templateIds` maps a checklist code to its current template id (the field records' table). */
export function presentTask(t: repo.TaskListRow, today: string, templateIds: Map<string, string> = new Map()): TaskItem {
  const code = visitRules[t.rule as VisitRuleCode]?.templateCode ?? 'sifangsanwen';
  return {
    id: t.id, subjectType: t.subjectType as TaskItem['subjectType'], subjectId: t.subjectId, subjectLabel: t.label ?? '', rule: t.rule, dueOn: t.dueOn,
    templateId: templateIds.get(code) ?? null, templateCode: code, status: t.status, overdue: t.status === 'open' && t.dueOn < today, gridCode: t.gridCode, assigneeId: t.assigneeId,
  };
}

/** The region prefix a list reads: the caller's scope, narrowed to a grid or region inside it. @throws NOT_FOUND outside the scope */
export function listPrefix(actor: Actor, q: { grid?: string; region?: string }): string {
  const place = q.grid ?? q.region;
  if (!place) return scopePrefix(actor);
  notFoundUnlessInScope(actor, place);
  return q.grid ?? subtreePrefix(q.region!);
}

/** Tasks: mine, or the scope's. @throws FORBIDDEN (the scope's without field:read), NOT_FOUND (a place outside the scope) */
export async function listTasks(ctx: AppContext, actor: Actor, q: z.infer<typeof TaskListQuery>) {
  if (q.scope === 'all' && !holds(actor, 'field:read')) throw new AppError('FORBIDDEN');
  const today = cstDate(ctx.clock.now());
  const prefix = listPrefix(actor, q);
  const page = await repo.listTasks(ctx.db, { prefix, assigneeId: q.scope === 'mine' ? actor.id : undefined, status: q.status, today }, q.page, q.pageSize);
  const templateIds = new Map((await listTemplates(ctx)).map((t) => [t.code, t.id]));
  return { items: page.items.map((t) => presentTask(t, today, templateIds)), total: page.total, page: q.page, pageSize: q.pageSize };
}
