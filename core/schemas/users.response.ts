/** What the user, token and audit administration routes answer. */
import { z } from 'zod';

/** An account as the administration page lists it. */
export const UserRow = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scopeCode: z.string(),
  scopeName: z.string().nullable(),
  totpEnrolled: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
  departmentId: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserRow = z.infer<typeof UserRow>;
/** A page of accounts. */
export const UserPage = z.object({ items: z.array(UserRow), total: z.number() });

/** An integration token (its secret is shown once, at issue). */
export const TokenRow = z.object({ id: z.string(), name: z.string(), scopeCode: z.string(), scopeName: z.string().nullable(), createdAt: z.string(), lastUsedAt: z.string().nullable(), expiresAt: z.string(), revoked: z.boolean() });
export type TokenRow = z.infer<typeof TokenRow>;
/** The answer to issuing a token: the secret, once. */
export const TokenIssued = z.object({ token: z.string() });

/** One audit row. */
export const AuditRow = z.object({ id: z.number(), at: z.string(), actorName: z.string().nullable(), action: z.string(), objectType: z.string().nullable(), objectId: z.string().nullable(), outcome: z.string(), ip: z.string().nullable() });
export type AuditRow = z.infer<typeof AuditRow>;
/** A page of the audit log, newest first. */
export const AuditPage = z.object({ items: z.array(AuditRow) });
/** The chain check: where it broke, or what is wrong with the anchors kept outside the database. */
export const AuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.object({ id: z.number(), reason: z.string() }).optional(),
  anchors: z.object({ problem: z.enum(['missing', 'not_authentic']).optional(), line: z.number().optional() }).optional(),
});
export type AuditVerify = z.infer<typeof AuditVerify>;
