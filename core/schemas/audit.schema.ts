import { z } from 'zod';
import { Paging } from './common.schema.ts';

/** GET /api/audit */
export const AuditQuerySchema = Paging.extend({
  action: z.string().max(64).optional(),
  actorName: z.string().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
