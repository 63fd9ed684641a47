import { z } from 'zod';
import { Instant, Paging } from './common.schema.ts';

/** GET /api/audit */
export const AuditQuerySchema = Paging.extend({
  action: z.string().max(64).optional(),
  actorName: z.string().max(64).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});
