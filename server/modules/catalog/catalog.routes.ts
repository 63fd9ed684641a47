/** Administration of categories, departments, routing rules, deadline policies and the holiday calendar. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CalendarDaySetSchema, CategoryCreateSchema, CategoryUpdateSchema, DeadlinePolicySchema, DepartmentCreateSchema, DepartmentUpdateSchema, RoutingRulesSchema } from '../../../core/schemas/catalog.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as catalog from './catalog.service.ts';

/** Registers /api/categories, /api/departments, /api/routing-rules, /api/deadline-policies, /api/calendar. */
export function catalogRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = { access: { permission: 'catalog:manage' as const } };
  r.get('/api/categories', { config: { access: {} }, schema: { tags: ['catalog'], summary: '事项类别 All categories' } }, async () => catalog.listCategories(ctx, false));
  r.post('/api/categories', { config: manage, schema: { tags: ['catalog'], summary: '新增类别 Add a category', body: CategoryCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await catalog.createCategory(ctx, actorOf(req), req.body)),
  );
  r.patch('/api/categories/:id', {
    config: { access: { permission: 'catalog:manage', objects: ['category'] } },
    schema: { tags: ['catalog'], summary: '修改类别 Change a category', params: z.object({ id: z.string().max(64) }), body: CategoryUpdateSchema },
  }, async (req) => catalog.updateCategory(ctx, actorOf(req), req.params.id, req.body));
  // Reference data any signed-in user may read (operators pick departments, administrators edit them).
  r.get('/api/departments', { config: { access: {} }, schema: { tags: ['catalog'], summary: '职能部门 Departments in my counties' } }, async (req) => catalog.listDepartments(ctx, actorOf(req)));
  r.post('/api/departments', { config: manage, schema: { tags: ['catalog'], summary: '新增部门 Add a department and the categories it owns', body: DepartmentCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await catalog.createDepartment(ctx, actorOf(req), req.body)),
  );
  r.patch('/api/departments/:id', {
    config: { access: { permission: 'catalog:manage', objects: ['department'] } },
    schema: { tags: ['catalog'], summary: '修改部门 Rename a department, change what it owns, or stop it', params: z.object({ id: z.string().uuid() }), body: DepartmentUpdateSchema },
  }, async (req) => catalog.updateDepartment(ctx, actorOf(req), req.params.id, req.body));
  r.get('/api/routing-rules', { config: { access: {} }, schema: { tags: ['catalog'], summary: '分流规则 Routing rules of a county', querystring: z.object({ county: z.string().regex(/^\d{6}$/) }) } }, async (req) =>
    catalog.routingRules(ctx.db, req.query.county),
  );
  r.put('/api/routing-rules', { config: manage, schema: { tags: ['catalog'], summary: '设置分流规则 Set a county routing rules', body: z.object({ countyCode: z.string().regex(/^\d{6}$/), rules: RoutingRulesSchema }) } }, async (req) =>
    catalog.setRoutingRules(ctx, actorOf(req), req.body.countyCode, req.body.rules),
  );
  r.get('/api/deadline-policies', { config: { access: {} }, schema: { tags: ['catalog'], summary: '时限 Deadline policies' } }, async (req) => catalog.listPolicies(ctx, actorOf(req)));
  r.put('/api/deadline-policies', { config: manage, schema: { tags: ['catalog'], summary: '设置时限 Set one deadline policy', body: DeadlinePolicySchema } }, async (req) => catalog.setPolicy(ctx, actorOf(req), req.body));
  r.get('/api/calendar', { config: { access: {} }, schema: { tags: ['catalog'], summary: '节假日 Holiday calendar (shared days and my counties’)' } }, async (req) => catalog.listCalendar(ctx, actorOf(req)));
  r.put('/api/calendar/day', {
    config: manage,
    schema: { tags: ['catalog'], summary: '设置一天 Mark one day a holiday, a 调休 workday or normal, for one county or 000000 for every county', body: CalendarDaySetSchema },
  }, async (req) => catalog.setCalendarDay(ctx, actorOf(req), req.body));
  r.post('/api/calendar/import', {
    config: manage,
    schema: { tags: ['catalog'], summary: '导入节假日 Import holidays and 调休 days (CSV date,kind,name) for one county, or 000000 for every county', body: z.object({ csv: z.string().max(200_000), countyCode: z.string().regex(/^\d{6}$/).default('000000') }) },
  }, async (req) => catalog.importCalendar(ctx, actorOf(req), req.body.csv, req.body.countyCode));
}
