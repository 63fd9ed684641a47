/**
 * Reference data (categories, holidays, deadline policies, routing rules, departments, code tables) has an
 * owner: the region whose administrators may change it. Data owned above an administrator's scope is
 * read-only for them; what they add is owned by their own scope and applies only inside it.
 */
import { ROOT_SCOPE, inScope, subtreePrefix } from './region-code.ts';

/** Owner of data shared by the whole installation (the shipped defaults). */
export const SHARED_OWNER = ROOT_SCOPE;

/** The 6-digit county key meaning "every county" in per-county reference tables. */
export const EVERY_COUNTY = '000000';

/**
 * True when an administrator whose scope is `scopeCode` may change reference data owned at `ownerCode`.
 * Shared data belongs to the installation, which serves a prefecture: it takes a prefecture-level (or
 * higher) administrator. Anything else: the owner must lie inside the administrator's scope.
 */
export function mayChangeOwned(scopeCode: string, ownerCode: string): boolean {
  if (ownerCode === SHARED_OWNER) return scopeCode === ROOT_SCOPE || subtreePrefix(scopeCode).length <= 4;
  return inScope(scopeCode, ownerCode);
}

/** True when data owned at `ownerCode` applies at `code` (a region or grid code): shared data applies everywhere. */
export function appliesAt(ownerCode: string, code: string): boolean {
  return ownerCode === SHARED_OWNER || inScope(ownerCode, code);
}

/** The 12-digit owner of a per-county key ('000000' = shared). */
export function ownerOfCounty(countyCode: string): string {
  return countyCode === EVERY_COUNTY ? SHARED_OWNER : countyCode + '000000';
}
