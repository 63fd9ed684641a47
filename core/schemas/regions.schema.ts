import { z } from 'zod';
import { regionLevels } from '../region-code.ts';

/** GET /api/regions/search: regions in my scope whose name holds the words. */
export const RegionSearchQuery = z.object({
  /** Part of a region's name (e.g. 城关). */
  q: z.string().trim().min(1).max(30),
  /** Only regions at this level (e.g. village for a case's place, county for settings). */
  level: z.enum(regionLevels).optional(),
});
