import { z } from 'zod';
import { RegionCode } from './common.schema.ts';

/** POST /api/tokens */
export const TokenCreateSchema = z.object({
  /** What the integration is (e.g. "12345 hotline"). */
  name: z.string().min(1).max(100),
  /** Region subtree the token may see. */
  scopeCode: RegionCode,
});
