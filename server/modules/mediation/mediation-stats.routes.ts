/** Mediation statistics routes (issue 15 item 9): the dashboard's KPIs, the 以案定补 rates, subsidies and their payment list, and the 调解能手 ranking. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { KpiQuery } from '../../../core/schemas/cases.schema.ts';
import { ExpertsQuery, MediationPeriodQuery, SubsidyRatesBody } from '../../../core/schemas/mediation-stats.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import { kpis } from '../dashboard/dashboard.service.ts';
import * as rewards from './mediation-rewards.service.ts';

const Region = MediationPeriodQuery.pick({ region: true });

/** Registers /api/kpis/mediation, /api/mediation/subsidy-rates, /api/mediation/subsidies(.xlsx) and /api/mediation/experts. */
export function mediationStatsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/kpis/mediation', {
    config: { access: { permission: 'kpi:read' } },
    schema: { tags: ['kpis'], summary: '人民调解统计 Mediation statistics for a region: registered, mediated, agreed, success rate (agreed / mediated), by level, committee, room, mediator and category, daily trend (counts under 5 hidden when one village is asked)', querystring: KpiQuery },
  }, async (req) => kpis(ctx, actorOf(req), 'mediation', req.query));
  r.get('/api/mediation/subsidy-rates', {
    config: { access: { permission: 'mediation:admin' } },
    schema: { tags: ['mediation'], summary: '以案定补标准 The county\'s per-case subsidy rates per category and outcome (fen)', querystring: Region },
  }, async (req) => rewards.subsidyRates(ctx, actorOf(req), req.query));
  r.put('/api/mediation/subsidy-rates', {
    config: { access: { permission: 'mediation:admin' } },
    schema: { tags: ['mediation'], summary: '设置以案定补标准 Replace the county\'s subsidy rates (audited with the old and new values)', body: SubsidyRatesBody },
  }, async (req) => rewards.setSubsidyRates(ctx, actorOf(req), req.body));
  r.get('/api/mediation/subsidies', {
    config: { access: { permission: 'mediation:admin' } },
    schema: { tags: ['mediation'], summary: '以案定补 Per-case subsidies per mediator for a period: cases by outcome and amount (fen)', querystring: MediationPeriodQuery },
  }, async (req) => rewards.subsidies(ctx, actorOf(req), req.query));
  r.get('/api/mediation/subsidies.xlsx', {
    config: { access: { permission: 'mediation:admin' } },
    schema: { tags: ['mediation'], summary: '导出以案定补发放表 The subsidy payment list as XLSX (names, cases, yuan, a total row; audited)', querystring: MediationPeriodQuery },
  }, async (req, reply) => {
    const { name, body } = await rewards.subsidiesXlsx(ctx, actorOf(req), req.query);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(body);
  });
  r.get('/api/mediation/experts', {
    config: { access: { permission: 'kpi:read' } },
    schema: { tags: ['mediation'], summary: '调解能手排名 Mediators ranked by agreements, then success rate, with a minimum number mediated; ties explained, awards shown', querystring: ExpertsQuery },
  }, async (req) => rewards.experts(ctx, actorOf(req), req.query));
}
