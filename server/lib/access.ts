/**
 * The access kernel: the three questions every service asks before it reads or writes a record — does the actor
 * hold a permission, does a code lie in the actor's scope, and, for a record outside it, answer exactly like a
 * missing one (DESIGN §3 rule 7). Modules call these instead of `can()` / `inScope()` / `subtreePrefix()` so the
 * rule lives in one place; route-level permissions stay declared in `config.access` (server/http/route-config.ts).
 */
import { AppError } from '../../core/errors.ts';
import { inScope, subtreePrefix } from '../../core/region-code.ts';
import { can, type Permission } from '../../core/roles.ts';
import type { Actor } from './actor.ts';

/** True when the actor holds the permission; system actors (CLI, start-up jobs) hold every one. */
export function holds(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || can(actor.role, permission);
}

/** Refuses an actor without the permission. @throws FORBIDDEN */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!holds(actor, permission)) throw new AppError('FORBIDDEN');
}

/** Refuses an actor holding none of the permissions (the service then applies the finer rule). @throws FORBIDDEN */
export function requireAnyPermission(actor: Actor, permissions: readonly Permission[]): void {
  if (!permissions.some((p) => holds(actor, p))) throw new AppError('FORBIDDEN');
}

/** The region-code prefix of everything the actor may see ('' for the whole tree); repositories filter on it. */
export function scopePrefix(actor: Actor): string {
  return subtreePrefix(actor.scopeCode);
}

/** The county part of the scope prefix ('' for the whole tree, '63' for a province): counties keyed under it match it. */
export function countyPrefix(actor: Actor): string {
  return scopePrefix(actor).slice(0, 6);
}

/** The 6-digit county an actor-wide record is filed under (the county prefix padded: '000000' above county level). */
export function scopeCounty(actor: Actor): string {
  return countyPrefix(actor).padEnd(6, '0');
}

/** True when a region, grid or any code beginning with a region code lies in the actor's scope. */
export function inActorScope(actor: Actor, code: string): boolean {
  return inScope(actor.scopeCode, code);
}

/** Refuses a code outside the actor's scope as if its object did not exist. @throws NOT_FOUND */
export function notFoundUnlessInScope(actor: Actor, code: string): void {
  if (!inActorScope(actor, code)) throw new AppError('NOT_FOUND');
}

/** The row a scoped look-up found; none (missing, or outside the scope the query applied) is NOT_FOUND. @throws NOT_FOUND */
export function foundOrMissing<T>(row: T | null | undefined): T {
  if (row === null || row === undefined) throw new AppError('NOT_FOUND');
  return row;
}
