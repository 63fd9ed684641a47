/**
 * Roles and their permissions, as data. The three administrator roles are separated (三权分立):
 * the system administrator runs the grid and accounts, the security administrator runs access
 * (roles, scopes, lockouts, tokens), and the auditor only reads and verifies the audit log.
 */
import { inScope } from './region-code.ts';
export const permissions = [
  'region:read', // see the region tree
  'region:write', // create, rename, import regions
  'grid:read', // see grids, household groups, staff
  'grid:write', // edit grids, duties, staff; import grids
  'user:read', // list accounts
  'user:create', // create accounts
  'user:security', // change roles and scopes, unlock, reset second factor, disable
  'token:manage', // issue and revoke integration tokens
  'audit:read', // read and verify the audit log
  'locate:use', // point → grid lookup
  'case:read', // see cases placed in the scope
  'case:create', // take in a report for someone (walk-in, phone, patrol…)
  'case:act', // take workflow actions (which ones: core/workflow/case-workflow.ts)
  'case:export', // export case lists (XLSX/CSV)
  'pii:view', // see a reporter's full name and phone (audited)
  'kpi:read', // dashboards
  'catalog:manage', // categories, departments, routing rules, deadlines, holiday calendar
  'person:read', // the population registry, masked (persons, households, places)
  'person:write', // add, change and move registry records
  'person:reveal', // see a registry record's sensitive values in full (each read audited, with a reason)
  'petition:read', // see petitions the reader's office, body or scope is concerned with (issue 14)
  'petition:register', // register petitions (the 信访部门)
  'petition:act', // take petition workflow actions (which ones: core/workflow/petition-workflow.ts and the policy)
  // Issue 15 (session 9, helper M): disputes and people's mediation.
  'dispute:read', // see disputes placed in the scope (some roles only those they registered: core/mediation/need-to-know.ts)
  'dispute:register', // register a dispute (screening, walk-in, from a case or a petition)
  'dispute:act', // take dispute workflow actions (which ones: core/workflow/dispute-workflow.ts and the policy)
  'dispute:reveal', // see the parties of a dispute in full (each read audited, with a reason)
  'mediation:admin', // keep the committees, rooms and mediators of the scope
  // Issue 16 (session 11): field work.
  'field:record', // record patrols, visits and risk assessments from the field app (own records)
  'field:read', // see field records, visit tasks, patrol compliance and coverage in the scope
  'field:track', // read a patrol's location track (sensitive personal data; each read audited)
  // Session 12, helper A: who manages the grid names a person's responsible worker (a grid worker does not assign).
  'field:assign', // name the responsible worker (责任人) of a person under care in the scope
] as const;
export type Permission = (typeof permissions)[number];

export const roles = [
  'sysadmin',
  'secadmin',
  'auditor',
  'leader',
  'operator',
  'handler',
  'gridWorker',
  'householdLeader',
  'mediator',
  'petitionOfficer',
  'integration',
] as const;
export type Role = (typeof roles)[number];

/** Roles a person can be given (integration is only for API tokens). */
export const personRoles = roles.filter((r) => r !== 'integration') as Exclude<Role, 'integration'>[];

const businessRead: Permission[] = ['region:read', 'grid:read', 'locate:use', 'case:read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  // …and the mediation organisation (committees, rooms, mediators), as it runs departments and the catalog.
  sysadmin: ['region:read', 'region:write', 'grid:read', 'grid:write', 'user:read', 'user:create', 'locate:use', 'catalog:manage', 'mediation:admin'],
  secadmin: ['region:read', 'user:read', 'user:security', 'token:manage'],
  auditor: ['region:read', 'user:read', 'audit:read'],
  // Leaders approve petition extensions and urge late steps.
  // …and act for a mediation committee of their scope (assign, transfer, urge) and keep its roster (司法所).
  // …and see field work, coverage and (audited) a worker's patrol track.
  leader: [...businessRead, 'case:act', 'case:export', 'kpi:read', 'person:read', 'petition:read', 'petition:act', 'dispute:read', 'dispute:act', 'mediation:admin', 'field:read', 'field:track', 'field:assign'],
  // A township centre's operator acts for the township when a petition is sent to it.
  // The centre's operator registers disputes and hands them to a committee of its scope.
  operator: [...businessRead, 'case:create', 'case:act', 'case:export', 'pii:view', 'kpi:read', 'person:read', 'person:write', 'person:reveal', 'petition:read', 'petition:act', 'dispute:read', 'dispute:register', 'dispute:act', 'dispute:reveal', 'field:read', 'field:assign'],
  // Department handlers work on cases routed to them, not on the population registry.
  // …and on petitions transferred to their department (the receiving body).
  handler: [...businessRead, 'case:act', 'petition:read', 'petition:act'],
  // 四必清: the grid worker knows every household of the grid, and confirms identities on visits.
  // 排查: grid workers register the disputes they find and follow those (only those: need-to-know).
  // 一日一巡 and 四访三问: patrols, visits and risk assessments from the field app.
  gridWorker: [...businessRead, 'case:create', 'case:act', 'person:read', 'person:write', 'person:reveal', 'dispute:read', 'dispute:register', 'field:record', 'field:read'],
  householdLeader: [...businessRead, 'case:create', 'case:act', 'field:record'],
  // People's mediators register, mediate and record; they see the parties in full (audited) to reach them.
  mediator: [...businessRead, 'person:read', 'dispute:read', 'dispute:register', 'dispute:act', 'dispute:reveal'],
  // The 信访部门: registers, routes, records service and review requests; sees petitioners in full (audited).
  // …and send a petition suited to mediation to a committee (诉访分离), following the disputes they registered.
  petitionOfficer: [...businessRead, 'person:read', 'petition:read', 'petition:register', 'petition:act', 'pii:view', 'kpi:read', 'dispute:read', 'dispute:register'],
  integration: ['region:read', 'grid:read', 'locate:use', 'case:create'],
};

/** Roles that must use a TOTP second factor (enrolled at first sign-in). */
export const totpRequiredRoles: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

/**
 * The permission that grants a role (三权分立): administrator roles only by the security administrator
 * (`user:security`), business roles only by the system administrator (`user:create`), integration tokens by
 * `token:manage`. No one administrator can thus make an account of the other kind, nor turn one into the other.
 */
export function grantingPermission(role: Role): Permission {
  if (role === 'integration') return 'token:manage';
  return totpRequiredRoles.includes(role) ? 'user:security' : 'user:create';
}

/** Who grants: a person's role and scope, or the CLI and start-up jobs (`system`, which may grant any role). */
export interface Grantor {
  kind: string;
  role: Role;
  scopeCode: string;
}

/**
 * Why `actor` may not give an account (or token) `role` at `scopeCode`, or null when it may. The one rule for
 * every path that sets a role or scope: creating an account or token, and changing a role or scope. A change
 * from `fromRole` is a grant of the new role and a withdrawal of the old one, so the actor must be able to grant
 * both (an auditor can therefore never become an operator: no one grants both kinds). Nobody grants a scope
 * outside their own.
 */
export function grantRefusal(actor: Grantor, grant: { role: Role; scopeCode: string; fromRole?: Role }): 'role' | 'scope' | null {
  if (actor.kind !== 'system') {
    const needed = [grant.role, ...(grant.fromRole ? [grant.fromRole] : [])].map(grantingPermission);
    if (!needed.every((p) => can(actor.role, p))) return 'role';
  }
  if (!inScope(actor.scopeCode, grant.scopeCode)) return 'scope';
  return null;
}

/** True when the role carries the permission. */
export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** Chinese display names (the UI translates by role id too). */
export const roleLabels: Record<Role, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  leader: '领导',
  operator: '受理员',
  handler: '处置人',
  gridWorker: '网格员',
  householdLeader: '联户长',
  mediator: '调解员',
  petitionOfficer: '信访专干',
  integration: '系统对接',
};

/** Staff roles on a grid (1+1+1+N), distinct from account roles. */
export const gridStaffRoles = [
  'gridLeader',
  'gridWorker',
  'gridAssistant',
  'gridAdviser',
  'legalAdviser',
  'villagePolice',
  'householdLeader',
  'partyMember',
] as const;
export type GridStaffRole = (typeof gridStaffRoles)[number];

/** Duty layers one grid can carry (多网合一). */
export const gridDuties = ['safety', 'productionSafety', 'partyBuilding', 'epidemic', 'ecology', 'civilAffairs', 'fireSafety', 'foodSafety'] as const;
export type GridDuty = (typeof gridDuties)[number];

/** Household-group kinds (十户联防, 十铺, 十车, 十人). */
export const householdGroupKinds = ['household', 'shop', 'vehicle', 'person'] as const;
