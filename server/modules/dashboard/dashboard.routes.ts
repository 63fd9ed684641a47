/** Dashboard routes: the KPI endpoints of each domain (cases at /api/kpis, as before the dashboard module; petitions at /api/kpis/petitions). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { KpiQuery } from '../../../core/schemas/cases.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import { kpis } from './dashboard.service.ts';

/** Registers /api/kpis (cases) and /api/kpis/petitions. */
export function dashboardRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/kpis', { config: { access: { permission: 'kpi:read' } }, schema: { tags: ['kpis'], summary: '考核指标 KPIs for a region and its subtree', querystring: KpiQuery } }, async (req) => kpis(ctx, actorOf(req), 'cases', req.query));
  r.get('/api/kpis/petitions', {
    config: { access: { permission: 'kpi:read' } },
    schema: { tags: ['kpis'], summary: '信访统计 Petition statistics for a region: in-time notices and replies, satisfaction, repeats, 越级, 集体访, by region and body (counts under 5 hidden where they could point at a person)', querystring: KpiQuery },
  }, async (req) => kpis(ctx, actorOf(req), 'petitions', req.query));
}
