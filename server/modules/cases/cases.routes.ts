/** Staff case routes: intake, lists and inboxes, detail, one endpoint per workflow action, exports (KPIs: server/modules/dashboard). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseActions, type CaseAction } from '../../../core/workflow/case-workflow.ts';
import { BatchDispatchSchema, CaseCreateSchema, CaseListQuery, caseActionSchemas, RevealReporterSchema } from '../../../core/schemas/cases.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf, perToken } from '../../http/route-config.ts';
import { AppError } from '../../../core/errors.ts';
import { idempotent, keyScopeOf } from '../../http/idempotent.ts';
import { createCase } from './case-intake.service.ts';
import { applyCaseAction } from './case-actions.service.ts';
import * as queries from './case-queries.service.ts';
import { toCsv, toXlsx } from './case-export.ts';
import { assignableHandlers } from '../users/users.service.ts';
import { cstDate } from '../../../core/calendar.ts';
import { CaseToPetitionSchema } from '../../../core/schemas/petitions.schema.ts';
import { caseToPetition } from '../petitions/petition-cases.service.ts';

const Code = z.string().regex(/^\d{6}-[0-9A-Z]{8}$/).describe('case code, e.g. 632221-7KQ2M9XF');


/** Registers /api/cases/*, /api/handlers. */
export function caseRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/cases', {
    config: { access: { permission: 'case:create' }, rateLimit: perToken(ctx.config.rateLimits.token) },
    schema: { tags: ['cases'], summary: '登记案件 Take in a report (walk-in, letter, phone, video, hotline, patrol, alarm); honours Idempotency-Key', body: CaseCreateSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const b = req.body;
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => createCase(ctx, actor, { ...b, reporterName: b.reporterName, reporterPhone: b.reporterPhone }, ticket));
  });
  r.get('/api/cases', { config: { access: { permission: 'case:read' } }, schema: { tags: ['cases'], summary: '案件列表与待办 Case list and inboxes', querystring: CaseListQuery } }, async (req) =>
    queries.listCases(ctx, actorOf(req), req.query),
  );
  r.get('/api/cases/boxes', { config: { access: { permission: 'case:read' } }, schema: { tags: ['cases'], summary: '待办箱与数量 The inboxes this user may list, with counts' } }, async (req) =>
    queries.boxCounts(ctx, actorOf(req)),
  );
  r.get('/api/cases/export', {
    config: { access: { permission: 'case:export' } },
    schema: { tags: ['cases'], summary: '导出 Export the filtered list as XLSX or CSV', querystring: CaseListQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }) },
  }, async (req, reply) => {
    // In the reader's language (the lang cookie or Accept-Language; zh-CN by default), dated in China time.
    const rows = await queries.exportRows(ctx, actorOf(req), req.query, req.locale);
    const name = `anwang-cases-${cstDate(ctx.clock.now())}`;
    if (req.query.format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows, req.locale));
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await toXlsx(rows, req.locale));
  });
  r.post('/api/cases/batch-dispatch', {
    config: { access: { permission: 'case:act' } },
    schema: { tags: ['cases'], summary: '批量派遣 Dispatch several accepted cases to one handler', body: BatchDispatchSchema },
  }, async (req) => {
    const actor = actorOf(req);
    const results = [];
    // Each case is its own transaction: one refusal does not undo the others, and each answer says which.
    for (const code of req.body.codes) {
      try {
        results.push({ ok: true, ...(await applyCaseAction(ctx, actor, code, 'dispatch', { departmentId: req.body.departmentId, userId: req.body.userId })) });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        results.push({ code, ok: false, error: e.code });
      }
    }
    return { results };
  });
  r.get('/api/cases/:code', { config: { access: { permission: 'case:read', objects: ['case'] } }, schema: { tags: ['cases'], summary: '案件详情 One case with timeline, clocks and allowed actions', params: z.object({ code: Code }) } }, async (req) =>
    queries.getCase(ctx, actorOf(req), req.params.code),
  );
  r.get('/api/cases/:code/duplicates', { config: { access: { permission: 'case:read', objects: ['case'] } }, schema: { tags: ['cases'], summary: '疑似重复 Possible duplicates', params: z.object({ code: Code }) } }, async (req) =>
    queries.duplicatesOf(ctx, actorOf(req), req.params.code),
  );
  r.post('/api/cases/:code/reporter', {
    config: { access: { permission: 'pii:view', objects: ['case'] } },
    schema: { tags: ['cases'], summary: '查看反映人 Reveal the reporter (audited)', params: z.object({ code: Code }), body: RevealReporterSchema },
  }, async (req) => queries.revealReporter(ctx, actorOf(req), req.params.code, req.body.reason));
  r.post('/api/cases/:code/petition', {
    config: { access: { permission: 'petition:register', objects: ['case'] } },
    schema: { tags: ['cases'], summary: '转信访 Register a petition of the case (linked both ways; the case stays open); honours Idempotency-Key', params: z.object({ code: Code }), body: CaseToPetitionSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => caseToPetition(ctx, actor, req.params.code, req.body, ticket));
  });
  r.get('/api/cases/:code/attachments/:id', {
    config: { access: { permission: 'case:read', objects: ['case', 'attachment'] } },
    schema: { tags: ['cases'], summary: '附件 An attachment', params: z.object({ code: Code, id: z.string().uuid() }) },
  }, async (req, reply) => {
    const f = await queries.attachmentOf(ctx, actorOf(req), req.params.code, req.params.id);
    return reply.header('content-type', f.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(f.data);
  });
  for (const action of caseActions.filter((a) => a !== 'meToo')) {
    r.post(`/api/cases/:code/actions/${action}`, {
      config: { access: { permission: 'case:act', objects: ['case'] } },
      schema: { tags: ['case actions'], summary: `案件操作 ${action}; honours Idempotency-Key`, params: z.object({ code: Code }), body: caseActionSchemas[action] },
    }, async (req, reply) => {
      const actor = actorOf(req);
      return idempotent(ctx, req, reply, keyScopeOf(actor), 200, (ticket) => applyCaseAction(ctx, actor, req.params.code, action as CaseAction, req.body as Record<string, unknown>, ticket));
    });
  }
  r.get('/api/handlers', { config: { access: { permission: 'case:act' } }, schema: { tags: ['cases'], summary: '可派遣人员 People cases can be dispatched to' } }, async (req) => assignableHandlers(ctx, actorOf(req)));
}
