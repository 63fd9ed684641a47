/** Shapes account rows for the API: never the password hash or the TOTP secret. */
import type { UserRow as UserView } from '../../../core/schemas/users.response.ts';
import type { UserRow } from './users.repository.ts';

/** The public view of one account. */
export function presentUser(u: UserRow, now: Date, scopeName?: string): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scopeCode: u.scopeCode,
    scopeName: scopeName ?? null,
    totpEnrolled: u.totpEnrolledAt !== null,
    locked: u.lockedUntil !== null && u.lockedUntil.getTime() > now.getTime(),
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    disabled: u.disabled,
    departmentId: u.departmentId,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
