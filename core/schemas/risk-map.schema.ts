/** The household safety risk of a region's grids (the 安全风险 layer of the grid map). */
import { z } from 'zod';
import { RegionCode } from './common.schema.ts';

/** GET /api/field/risk-by-grid: a region (default the reader's scope). */
export const RiskByGridQuery = z.object({ region: RegionCode.optional() });

/** One grid's active households by their current safety-risk level (不评估 = never assessed). */
export const GridRiskRow = z.object({ gridCode: z.string(), households: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int(), unassessed: z.number().int() });
export type GridRiskRow = z.infer<typeof GridRiskRow>;
export const RiskByGridAnswer = z.object({ region: z.string(), items: z.array(GridRiskRow) });
export type RiskByGridAnswer = z.infer<typeof RiskByGridAnswer>;
