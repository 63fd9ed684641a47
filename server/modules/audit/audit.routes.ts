/** The auditor's view of the audit log and its chain check. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditActorQuerySchema, AuditQuerySchema } from '../../../core/schemas/audit.schema.ts';
import { AuditActorOption, AuditEntryPage } from '../../../core/schemas/audit.response.ts';
import { z } from 'zod';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as audit from './audit.service.ts';

/** Registers /api/audit/*. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', { config: { access: { permission: 'audit:read' } }, schema: { tags: ['audit'], summary: '审计日志 Audit log, newest first, by user, action, object and time', querystring: AuditQuerySchema, response: { 200: AuditEntryPage } } }, async (req) => {
    const items = await audit.searchLog(ctx.db, actorOf(req), req.query);
    return { items, page: req.query.page, pageSize: req.query.pageSize };
  });
  r.get('/api/audit/actors', { config: { access: { permission: 'audit:read' } }, schema: { tags: ['audit'], summary: '审计用户选择 Accounts to filter the audit log by', querystring: AuditActorQuerySchema, response: { 200: z.object({ items: z.array(AuditActorOption) }) } } }, async (req) => ({
    items: await audit.actorOptions(ctx.db, actorOf(req), req.query.q),
  }));
  r.post('/api/audit/verify', { config: { access: { permission: 'audit:read' } }, schema: { tags: ['audit'], summary: '校验日志链 Verify the hash chain' } }, async (req) => {
    const result = await audit.verifyChain(ctx);
    await audit.recordAlone(ctx.db, ctx, actorOf(req), { action: 'audit.verify', outcome: result.ok ? 'success' : 'failure', detail: { checked: result.checked, firstBroken: result.firstBroken ?? null } });
    return result;
  });
}
