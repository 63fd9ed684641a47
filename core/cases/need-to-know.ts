/**
 * Need-to-know for private cases (family violence, informants' tip-offs, any non-public category): beyond
 * the region scope every case read checks, a private case's content is read only by its handling chain
 * and by leaders. The rule is data (role → how that role joins the chain); the server turns the same data
 * into its SQL filter, so lists, searches, duplicates and direct reads agree.
 */
import { inScope } from '../region-code.ts';
import type { Role } from '../roles.ts';

/**
 * How a role may read a private case in its scope:
 * - 'scope': every one (leaders oversee);
 * - 'owningUnit': when the case sits at a centre inside the reader's scope (its operators, who accept,
 *   dispatch and verify it);
 * - 'assigned': when it is dispatched to the reader or the reader's department, or that department assists;
 * - 'never': not at all (the case is absent from their lists and answers as missing).
 */
export type PrivateCaseAccess = 'scope' | 'owningUnit' | 'assigned' | 'never';

/** The rule, role by role. */
export const privateCaseAccess: Record<Role, PrivateCaseAccess> = {
  leader: 'scope',
  operator: 'owningUnit',
  handler: 'assigned',
  gridWorker: 'assigned',
  householdLeader: 'assigned',
  mediator: 'never',
  petitionOfficer: 'never',
  sysadmin: 'never',
  secadmin: 'never',
  auditor: 'never',
  integration: 'never',
};

/**
 * Roles that read only their own cases, public or not (need-to-know beyond the region): household leaders,
 * mediators and petition officers see a case they reported or that is dispatched to them; mediators also the
 * dispute categories (纠纷, the matters they may be asked to mediate). Everyone else reads the public cases of
 * their scope.
 */
export const ownCasesOnly: Partial<Record<Role, { categoryPrefixes: readonly string[] }>> = {
  householdLeader: { categoryPrefixes: [] },
  mediator: { categoryPrefixes: ['dispute.'] },
  petitionOfficer: { categoryPrefixes: [] },
};

/** The fields of a case the rule reads. */
export interface CasePrivacyFacts {
  reporterUserId: string | null;
  isPublic: boolean;
  channel: string;
  categoryId: string;
  unitCode: string;
  handlerUserId: string | null;
  handlerDepartmentId: string | null;
  assisting: { id: string }[];
}

/** Who is reading. */
export interface CaseReader {
  id: string;
  role: Role;
  scopeCode: string;
  departmentId?: string | null;
}

/**
 * True for a private case: its category is private now, or was when it was reported (an alarm is kept off
 * the public feed for the caller's safety, but is not private for that alone).
 */
export function isPrivateCase(c: Pick<CasePrivacyFacts, 'isPublic' | 'channel' | 'categoryId'>, privateCategoryIds: ReadonlySet<string>): boolean {
  return privateCategoryIds.has(c.categoryId) || (!c.isPublic && c.channel !== 'alarm');
}

/** True when the reader may read this private case's content (call only for a case already in their scope). */
export function inHandlingChain(reader: CaseReader, c: CasePrivacyFacts): boolean {
  switch (privateCaseAccess[reader.role]) {
    case 'scope':
      return true;
    case 'owningUnit':
      return inScope(reader.scopeCode, c.unitCode);
    case 'assigned':
      return c.handlerUserId === reader.id || (!!reader.departmentId && (c.handlerDepartmentId === reader.departmentId || c.assisting.some((a) => a.id === reader.departmentId)));
    default:
      return false;
  }
}

/** True when a reader of the `ownCasesOnly` roles reported the case, handles it, or mediates its category. */
export function isOwnCase(reader: CaseReader, c: CasePrivacyFacts): boolean {
  const own = ownCasesOnly[reader.role];
  if (!own) return true;
  return c.reporterUserId === reader.id || c.handlerUserId === reader.id || own.categoryPrefixes.some((p) => c.categoryId.startsWith(p));
}

/**
 * True when a reader whose scope covers the case may read it: public cases always (own ones only, for the
 * `ownCasesOnly` roles), private ones by the chain.
 */
export function mayReadCase(reader: CaseReader, c: CasePrivacyFacts, privateCategoryIds: ReadonlySet<string>): boolean {
  if (!isOwnCase(reader, c)) return false;
  return !isPrivateCase(c, privateCategoryIds) || inHandlingChain(reader, c);
}
