/** Dashboard routes: the KPI endpoints of each domain (cases at /api/kpis, as before the dashboard module). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { KpiQuery } from '../../../core/schemas/cases.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import { kpis } from './dashboard.service.ts';

/** Registers /api/kpis. */
export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/kpis', { config: { access: { permission: 'kpi:read' } }, schema: { tags: ['kpis'], summary: '考核指标 KPIs for a region and its subtree', querystring: KpiQuery } }, async (req) => kpis(ctx, actorOf(req), 'cases', req.query));
}
