import { z } from 'zod';
import { personRoles } from '../roles.ts';
import { Paging, RegionCode } from './common.schema.ts';

/** POST /api/users */
export const UserCreateSchema = z.object({
  /** Login name: letters, digits, dot, dash, underscore. */
  username: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/, '3–64位字母、数字或 . _ -'),
  /** Name shown in the UI. */
  displayName: z.string().min(1).max(50),
  /** Initial password (policy: 8+ characters, 3 of 4 classes). */
  password: z.string().min(1).max(128),
  /** One role id. */
  role: z.enum(personRoles as [string, ...string[]]),
  /** The region node whose subtree the user sees. */
  scopeCode: RegionCode,
  /** For department handlers: the department (in the scope's county) whose cases they handle. */
  departmentId: z.string().uuid().optional(),
});
export type UserCreateInput = z.infer<typeof UserCreateSchema>;

/** PATCH /api/users/:id (role, scope and disabling need the security administrator). */
export const UserUpdateSchema = z.object({
  displayName: z.string().min(1).max(50).optional(),
  role: z.enum(personRoles as [string, ...string[]]).optional(),
  scopeCode: RegionCode.optional(),
  disabled: z.boolean().optional(),
});
export type UserUpdateInput = z.infer<typeof UserUpdateSchema>;

/** POST /api/users/:id/password (the user must change it at the next sign-in) */
export const UserPasswordResetSchema = z.object({ password: z.string().min(1).max(128) });

/** GET /api/users */
export const UserListQuery = Paging.extend({
  /** Part of a username or display name. */
  q: z.string().max(50).optional(),
});
