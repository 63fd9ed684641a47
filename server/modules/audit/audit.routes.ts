/** The auditor's view of the audit log and its chain check. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditQuerySchema } from '../../../core/schemas/audit.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as audit from './audit.service.ts';

/** Registers /api/audit/*. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', { config: { access: { permission: 'audit:read' } }, schema: { tags: ['audit'], summary: '审计日志 Audit log, newest first', querystring: AuditQuerySchema } }, async (req) => {
    const rows = await audit.searchLog(ctx.db, actorOf(req), req.query);
    return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), page: req.query.page, pageSize: req.query.pageSize };
  });
  r.post('/api/audit/verify', { config: { access: { permission: 'audit:read' } }, schema: { tags: ['audit'], summary: '校验日志链 Verify the hash chain' } }, async (req) => {
    const result = await audit.verifyChain(ctx);
    await audit.recordAlone(ctx.db, ctx, actorOf(req), { action: 'audit.verify', outcome: result.ok ? 'success' : 'failure', detail: { checked: result.checked, firstBroken: result.firstBroken ?? null } });
    return result;
  });
}
