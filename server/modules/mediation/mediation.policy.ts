/**
 * Who plays which part on a dispute, and who may see it. Decided and written down here (issue 15):
 * - the COMMITTEE is the head (主任) of the dispute's committee — an account linked to a mediator record with
 *   `is_head` — or an operator or leader holding `dispute:act` whose scope holds the committee's region (the
 *   governance centre hands disputes to its committees);
 * - the MEDIATOR is an account linked to one of the dispute's mediators;
 * - the scheduler is `system`.
 * Reading: whoever plays a part; the roles of core/mediation/need-to-know.ts only what they registered; the others
 * (mediators, operators, leaders) what their scope holds by committee or place.
 */
import { allowedDisputeActions, type DisputeAction, type DisputeRole, type DisputeStatus } from '../../../core/workflow/dispute-workflow.ts';
import { inScope } from '../../../core/region-code.ts';
import { disputeOwnOnly } from '../../../core/mediation/need-to-know.ts';
import type { Actor } from '../../lib/actor.ts';
import { holds, scopePrefix } from '../../lib/access.ts';
import { visibleWhere, type DisputeRow } from './mediation.repository.ts';

/** An account as mediation sees it: its mediator records and the committees it heads. */
export interface Who {
  actor: Actor;
  mediatorIds: ReadonlySet<string>;
  headOf: ReadonlySet<string>;
}

/** A dispute with the ids of its mediators. */
export interface Subject {
  d: DisputeRow;
  mediatorIds: readonly string[];
}

/** True when the account acts for the dispute's committee. */
export function isCommittee(who: Who, s: Subject): boolean {
  const a = who.actor;
  if (a.kind !== 'user' || !holds(a, 'dispute:act')) return false;
  if (who.headOf.has(s.d.committeeId)) return true;
  return (a.role === 'operator' || a.role === 'leader') && inScope(a.scopeCode, s.d.committeeRegion);
}

/** True when the account is one of the dispute's mediators. */
export function isMediator(who: Who, s: Subject): boolean {
  return who.actor.kind === 'user' && holds(who.actor, 'dispute:act') && s.mediatorIds.some((id) => who.mediatorIds.has(id));
}

/** The parts this account plays, in the order they are tried. */
export function rolesOf(who: Who, s: Subject): DisputeRole[] {
  if (who.actor.kind === 'system') return ['system'];
  const roles: DisputeRole[] = [];
  if (isMediator(who, s)) roles.push('mediator');
  if (isCommittee(who, s)) roles.push('committee');
  return roles;
}

/** Conditions of the row on top of the table. */
function rowAllows(s: Subject, a: DisputeAction): boolean {
  switch (a) {
    case 'accept':
      return s.mediatorIds.length > 0;
    case 'recordReferralAnswer':
      return s.d.referralAnsweredAt === null;
    case 'close':
      // A referral is closed once its receiver answered.
      return s.d.status !== 'referred' || s.d.referralAnsweredAt !== null;
    default:
      return true;
  }
}

/** The part in which this account takes this action now (null: may not). */
export function roleFor(who: Who, s: Subject, action: DisputeAction): DisputeRole | null {
  if (!rowAllows(s, action)) return null;
  return rolesOf(who, s).find((r) => allowedDisputeActions(s.d.status as DisputeStatus, r).includes(action)) ?? null;
}

/** The actions this account may take on this dispute now. */
export function actionsFor(who: Who, s: Subject): DisputeAction[] {
  if (who.actor.kind !== 'user') return [];
  const all = new Set<DisputeAction>();
  for (const r of rolesOf(who, s)) for (const a of allowedDisputeActions(s.d.status as DisputeStatus, r)) if (rowAllows(s, a)) all.add(a);
  return [...all];
}

/** Whether the account may read this dispute. */
export function canRead(who: Who, s: Subject): boolean {
  const a = who.actor;
  if (a.kind === 'system') return true;
  if (a.kind !== 'user' || !holds(a, 'dispute:read')) return false;
  if (s.d.registeredBy === a.id || isMediator(who, s) || isCommittee(who, s)) return true;
  if (disputeOwnOnly.includes(a.role)) return false;
  return inScope(a.scopeCode, s.d.committeeRegion) || (!!s.d.villageCode && inScope(a.scopeCode, s.d.villageCode));
}

/** The SQL form of canRead, for lists; `mediating` are the ids of the disputes the account mediates. */
export function visibleSql(who: Who, mediating: string[]) {
  const a = who.actor;
  const prefix = scopePrefix(a);
  const uuid = /^[0-9a-f-]{36}$/.test(a.id) ? a.id : '00000000-0000-0000-0000-000000000000';
  return visibleWhere({ county: prefix.length >= 6 ? prefix.slice(0, 6) : null, id: uuid, placePrefix: disputeOwnOnly.includes(a.role) ? null : prefix, mediating });
}
