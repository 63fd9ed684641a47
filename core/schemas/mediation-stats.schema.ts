/** What the mediation statistics routes accept (issue 15 item 9): a period, the 以案定补 rates as set, the ranking's minimum. */
import { z } from 'zod';
import { RegionCode } from './common.schema.ts';
import { SubsidyRate } from './mediation-stats.response.ts';

/** A period (instants; the days are taken in China time, both included; default the last 30 days) and a region (a county or below). */
export const MediationPeriodQuery = z.object({
  from: z.coerce.date().optional().describe('Start instant (ISO 8601); its China-time day is the first day'),
  to: z.coerce.date().optional().describe('End instant (ISO 8601); its China-time day is the last day'),
  region: RegionCode.optional().describe('The region (a county or below; default the account\'s scope): disputes of places under it count, at its county\'s rates'),
});

/** The ranking's period and its minimum number of mediations. */
export const ExpertsQuery = MediationPeriodQuery.extend({
  minMediated: z.coerce.number().int().min(1).max(1000).optional().describe('Fewest mediations to be ranked (default 5)'),
});

/** PUT /api/mediation/subsidy-rates: the whole set of rates replaces the county's. */
export const SubsidyRatesBody = z.object({
  county: z.string().regex(/^\d{6}$/).optional().describe('The county (6 digits); default the county of the account\'s scope'),
  rates: z.array(SubsidyRate).max(200).describe('Every rate; one per category and outcome'),
});
