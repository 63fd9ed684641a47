/** What the audit routes answer; the web infers its types from these. */
import { z } from 'zod';

/** Who acted, as the page names them: an account (name and role), a resident, the system, the demo seed, the CLI, a token, or an unknown sign-in. */
export const AuditActor = z.object({
  kind: z.enum(['user', 'resident', 'system', 'demo', 'cli', 'token', 'unknown']),
  name: z.string().nullable(),
  role: z.string().nullable(),
});

/** One row of the audit log with the names its ids stand for. */
export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  action: z.string(),
  actor: AuditActor,
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** The object in words when the log can name it: an account's name, a case's code. */
  objectName: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']).or(z.string()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A page of the audit log, newest first (paged by "is there a next one": no total over a large log). */
export const AuditEntryPage = z.object({ items: z.array(AuditEntry), page: z.number(), pageSize: z.number() });

/** An account the audit page's user picker offers. */
export const AuditActorOption = z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.string() });
export type AuditActorOption = z.infer<typeof AuditActorOption>;
