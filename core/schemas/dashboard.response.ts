/** What GET /api/kpis answers: the KPIs of a region and its subtree over a period. */
import { z } from 'zod';

const Rate = z.number().nullable();

/** Received and closed per day. */
export const KpiTrendRow = z.object({ day: z.string(), received: z.number(), closed: z.number() });
/** The same counts per child region, for the ranking. */
export const KpiChildRow = z.object({ code: z.string(), name: z.string(), received: z.number(), closed: z.number(), satisfactionRate: Rate });

/** The dashboard's figures. */
export const Kpis = z.object({
  region: z.string(),
  received: z.number(),
  closed: z.number(),
  closeRate: Rate,
  onTimeRate: Rate,
  satisfactionRate: Rate,
  villageResolvedShare: Rate,
  townshipResolvedShare: Rate,
  resolved: z.number(),
  resolvedInVillage: z.number(),
  resolvedInTownship: z.number(),
  medianFirstResponseMinutes: z.number().nullable(),
  overdueNow: z.number(),
  trend: z.array(KpiTrendRow),
  children: z.array(KpiChildRow),
});
export type Kpis = z.infer<typeof Kpis>;
