/**
 * Who plays which part on a petition, and who may see it. Decided and written down here (issue 14, item 2):
 * - the OFFICE (信访部门) is a `petitionOfficer` whose scope holds the region that registered it;
 * - the BODY (承办单位, and in 复查/复核 the reviewing body) is, for a department, any account of that department
 *   holding `petition:act`; for a township (or the county itself), its own `petitionOfficer` or `operator` —
 *   an account whose scope IS that region, not one above it;
 * - the APPROVER of an extension is a `leader` whose scope holds the body's region;
 * - the scheduler is `system`.
 * One account may play several parts; an action is taken in the first part the table allows it for.
 */
type SQL = ReturnType<typeof visibleWhere>;
import { allowedPetitionActions, type PetitionAction, type PetitionRole, type PetitionStatus } from '../../../core/workflow/petition-workflow.ts';
import { inScope } from '../../../core/region-code.ts';
import { petitionBodyOnly } from '../../../core/petitions/need-to-know.ts';
import type { Actor } from '../../lib/actor.ts';
import { holds, scopePrefix } from '../../lib/access.ts';
import { bodyWhere, visibleWhere, type PetitionRow, type Reader } from './petitions.repository.ts';

/** The region a body acts at: its township or county (a department sits at its county). */
export const bodyRegionOf = (p: Pick<PetitionRow, 'countyCode' | 'bodyRegionCode'>) => p.bodyRegionCode ?? `${p.countyCode}000000`;

/** True when the actor is (acts for) the body the petition is at. */
export function isBody(actor: Actor, p: PetitionRow): boolean {
  if (actor.kind !== 'user' || !holds(actor, 'petition:act')) return false;
  if (p.bodyDepartmentId) return !!actor.departmentId && actor.departmentId === p.bodyDepartmentId;
  return !!p.bodyRegionCode && (actor.role === 'petitionOfficer' || actor.role === 'operator') && actor.scopeCode === p.bodyRegionCode;
}

/** True when the actor is the 信访部门 that registered it. */
export function isOffice(actor: Actor, p: PetitionRow): boolean {
  return actor.kind === 'user' && actor.role === 'petitionOfficer' && inScope(actor.scopeCode, p.officeRegion);
}

/** The parts this actor plays on this petition, in the order they are tried. */
export function rolesOf(actor: Actor, p: PetitionRow): PetitionRole[] {
  if (actor.kind === 'system') return ['system'];
  if (actor.kind !== 'user') return [];
  const roles: PetitionRole[] = [];
  if (isBody(actor, p)) roles.push('body');
  if (isOffice(actor, p)) roles.push('office');
  if (actor.role === 'leader' && inScope(actor.scopeCode, bodyRegionOf(p))) roles.push('approver');
  return roles;
}

/** Extra conditions of the row on top of the table (one pending extension, a hearing open or not, a document to serve…). */
function rowAllows(p: PetitionRow, a: PetitionAction): boolean {
  switch (a) {
    case 'requestExtension':
      return p.extDays === null && p.kind !== 'suggestion';
    case 'approveExtension':
      return p.extDays !== null && p.extApprovedBy === null;
    case 'startHearing':
      return p.hearingStartedAt === null;
    case 'endHearing':
      return p.hearingStartedAt !== null;
    case 'serve':
      return p.unservedDocumentId !== null;
    case 'requestReview':
    case 'requestReReview':
      return p.kind === 'complaint' && p.unservedDocumentId === null && p.servedAt !== null;
    case 'concludeReReview':
      return p.hearingStartedAt === null;
    case 'close':
      return p.unservedDocumentId === null;
    case 'handOver':
      return p.kind === 'accusation';
    default:
      return true;
  }
}

/** The part in which this actor takes this action now (null: may not). */
export function roleFor(actor: Actor, p: PetitionRow, action: PetitionAction): PetitionRole | null {
  if (!rowAllows(p, action)) return null;
  return rolesOf(actor, p).find((r) => allowedPetitionActions(p.status as PetitionStatus, r).includes(action)) ?? null;
}

/** The actions this actor may take on this petition now. */
export function actionsFor(actor: Actor, p: PetitionRow): PetitionAction[] {
  if (actor.kind !== 'user' || !holds(actor, 'petition:act')) return [];
  const all = new Set<PetitionAction>();
  for (const r of rolesOf(actor, p)) for (const a of allowedPetitionActions(p.status as PetitionStatus, r)) if (rowAllows(p, a)) all.add(a);
  return [...all];
}

/** Whether the actor may make a case of this petition: as its office or its body; accusations go to the discipline bodies instead. */
export function mayMakeCase(actor: Actor, p: PetitionRow): boolean {
  if (actor.kind !== 'user' || !holds(actor, 'petition:act') || p.kind === 'accusation' || p.status === 'handed_over') return false;
  return isBody(actor, p) || isOffice(actor, p);
}

/** Whether the reader may see this petition: its office, its body, or (officers and leaders) its place in their scope. */
export function canRead(actor: Actor, p: PetitionRow): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user' || !holds(actor, 'petition:read')) return false;
  if (isBody(actor, p) || isOffice(actor, p)) return true;
  if (petitionBodyOnly.includes(actor.role)) return false;
  return [p.officeRegion, p.bodyRegionCode, p.villageCode].some((c) => !!c && inScope(actor.scopeCode, c));
}

/** The reader's parts as the repository's SQL needs them. */
function readerOf(actor: Actor): Reader {
  const prefix = scopePrefix(actor);
  const township = actor.role === 'petitionOfficer' || actor.role === 'operator';
  const wide = !petitionBodyOnly.includes(actor.role);
  return { county: prefix.length >= 6 ? prefix.slice(0, 6) : null, departmentId: actor.departmentId ?? null, bodyRegion: township ? actor.scopeCode : null, placePrefix: wide ? prefix : null };
}

/** The SQL form of canRead, for lists. */
export function visibleSql(actor: Actor): SQL {
  return visibleWhere(actor.kind === 'user' ? readerOf(actor) : { county: null, departmentId: null, bodyRegion: null, placePrefix: null });
}

/** The SQL of "sent to my body" (the receiving body's inbox). */
export function bodySql(actor: Actor): SQL {
  return bodyWhere(readerOf(actor));
}
