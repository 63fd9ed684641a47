import { z } from 'zod';
import { Instant, Paging } from './common.schema.ts';

/** GET /api/audit: every filter is optional; the page is newest first. */
export const AuditQuerySchema = Paging.extend({
  /** A declared audit action, e.g. `auth.changePassword` (the page offers them by label). */
  action: z.string().max(64).optional(),
  /** The acting account's recorded name (kept for older clients; the page filters by `actorId`). */
  actorName: z.string().max(64).optional(),
  /** The acting account's id (the page's user picker). */
  actorId: z.string().uuid().optional(),
  /** The object's type, e.g. `user`, `person`, `case`. */
  objectType: z.string().max(32).optional(),
  /** The object's id, or a case code (which stands for the case). */
  object: z.string().trim().max(64).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});

/** GET /api/audit/actors: accounts in the auditor's scope whose username or name holds `q`. */
export const AuditActorQuerySchema = z.object({ q: z.string().trim().max(64).default('') });
