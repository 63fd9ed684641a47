/** Visit tasks, coverage and the field app's device copy (issue 16, helper T's routes). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CareAssignmentSchema, CoverageQuery, SnapshotQuery, TaskListQuery, TriggerSchema } from '../../../core/schemas/field-tasks.schema.ts';
import { TaskPage } from '../../../core/schemas/field-tasks.response.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import { listTasks } from './visit-tasks.service.ts';
import { coverage, coverageXlsx } from './coverage.service.ts';
import { snapshot } from './snapshot.service.ts';
import { householdRisk } from './household-risk.service.ts';
import { z } from 'zod';
import { idempotent, keyScopeOf } from '../../http/idempotent.ts';
import { assignCare, careWorkers, unassignCare } from './care-assignments.service.ts';
import { triggerVisit } from './visit-triggers.service.ts';

/** Registers /api/field/tasks, /api/field/coverage(.xlsx) and /api/field/snapshot. */
export function fieldTaskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/field/tasks', {
    config: { access: { permission: ['field:record', 'field:read'] } },
    schema: { tags: ['field'], summary: '走访任务 Visit tasks: mine (default; the field app), or every task of my scope (scope=all), earliest due first; status open, overdue, done or cancelled', querystring: TaskListQuery, response: { 200: TaskPage } },
  }, async (req) => listTasks(ctx, actorOf(req), req.query));
  r.get('/api/field/coverage', {
    config: { access: { permission: ['field:read', 'kpi:read'] } },
    schema: { tags: ['field'], summary: '无人脱管、无人漏管 Persons under care and households at risk with no responsible worker, an overdue visit or no visit task: counts by township, village and grid, and a masked, paged list', querystring: CoverageQuery },
  }, async (req) => coverage(ctx, actorOf(req), req.query));
  r.get('/api/field/coverage.xlsx', {
    config: { access: { permission: ['field:read', 'kpi:read'] } },
    schema: { tags: ['field'], summary: '导出走访覆盖清单 The coverage list as XLSX (masked, watermarked with who and when; audited)', querystring: CoverageQuery },
  }, async (req, reply) => {
    const body = await coverageXlsx(ctx, actorOf(req), req.query);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="coverage-${req.query.grid ?? req.query.region ?? 'all'}.xlsx"`).send(body);
  });
  r.get('/api/field/snapshot', {
    config: { access: { permission: ['field:record', 'field:read'] } },
    schema: { tags: ['field'], summary: '设备副本 The field app\'s copy of my grids (masked households and persons, my open visit tasks); with `since` (the last answer\'s asOf) only changes and tombstones; `reset` when my grids changed', querystring: SnapshotQuery },
  }, async (req) => snapshot(ctx, actorOf(req), req.query.since));
  r.get('/api/field/households/:id/risk', {
    config: { access: { permission: ['person:read', 'field:read'], objects: ['household'] } },
    schema: { tags: ['field'], summary: '家庭安全风险 A household\'s current safety-risk level and its assessments (level, score, when, by whom; never the answers)', params: z.object({ id: z.uuid() }) },
  }, async (req) => householdRisk(ctx, actorOf(req), req.params.id));
  careRoutes(app, ctx);
}

// ── Session 12, helper A: the responsible worker of a person under care, and 四访 triggers ──
const personParams = z.object({ personId: z.uuid() });

/** Registers /api/field/care-assignments/:personId (PUT, DELETE, GET …/workers) and POST /api/field/triggers. */
export function careRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/field/care-assignments/:personId/workers', {
    config: { access: { permission: 'field:assign', objects: ['person'] } },
    schema: { tags: ['field'], summary: '可指派的责任人 The accounts that may be responsible for this person (enabled grid workers and household leaders whose scope covers the person\'s grid), by name', params: personParams },
  }, async (req) => careWorkers(ctx, actorOf(req), req.params.personId));
  r.put('/api/field/care-assignments/:personId', {
    config: { access: { permission: 'field:assign', objects: ['person'] } },
    schema: { tags: ['field'], summary: '指派责任人 Name the responsible worker of a person under care; their open visit tasks go to the worker (audited)', params: personParams, body: CareAssignmentSchema },
  }, async (req) => assignCare(ctx, actorOf(req), req.params.personId, req.body.workerId));
  r.delete('/api/field/care-assignments/:personId', {
    config: { access: { permission: 'field:assign', objects: ['person'] } },
    schema: { tags: ['field'], summary: '取消指派 Take back the responsible worker: the tasks go to the grid\'s worker again, or to nobody (audited)', params: personParams },
  }, async (req) => unassignCare(ctx, actorOf(req), req.params.personId));
  r.post('/api/field/triggers', {
    config: { access: { permission: ['field:record', 'field:assign'] } },
    schema: { tags: ['field'], summary: '四访：重大变故、上访群众 Raise a one-off visit for a major change or a petitioner; answers the open task of that rule when there is one; honours Idempotency-Key', body: TriggerSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => triggerVisit(ctx, actor, req.body, ticket));
  });
}
