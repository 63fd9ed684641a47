import { z } from 'zod';
import { RegionCode } from './common.schema.ts';

/** POST /api/tokens */
export const TokenCreateSchema = z.object({
  /** What the integration is (e.g. "12345 hotline"). */
  name: z.string().min(1).max(100),
  /** Region subtree the token may see. */
  scopeCode: RegionCode,
  /** Days until the token stops working (default ANWANG_TOKEN_DAYS, 365). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
