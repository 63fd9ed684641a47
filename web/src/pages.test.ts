import { describe, expect, it } from 'vitest';
import { rolePermissions, type Role } from '../../core/roles';
import type { Me } from '../../core/schemas/auth.schema';
import { pagesFor } from './pages';

const as = (role: Role) => ({ role, permissions: [...rolePermissions[role]] }) as unknown as Me;

describe('the menu', () => {
  it('offers the petition overview to those who read both the figures and the petitions they open', () => {
    for (const role of ['leader', 'operator', 'petitionOfficer'] as const) expect(pagesFor(as(role)).map((p) => p.path), role).toContain('/petition-overview');
    // A handler reads petitions but no figures; an auditor neither.
    for (const role of ['handler', 'auditor', 'gridWorker'] as const) expect(pagesFor(as(role)).map((p) => p.path), role).not.toContain('/petition-overview');
  });
  it('offers the mediation overview (调解态势) to those who read the figures and the disputes its rows open', () => {
    for (const role of ['leader', 'operator', 'petitionOfficer'] as const) expect(pagesFor(as(role)).map((p) => p.path), role).toContain('/mediation-overview');
    // A mediator reads disputes but no figures; a system administrator keeps the committees but reads neither.
    for (const role of ['mediator', 'sysadmin', 'handler', 'auditor', 'gridWorker'] as const) expect(pagesFor(as(role)).map((p) => p.path), role).not.toContain('/mediation-overview');
    // Next to the workbench in the menu.
    const paths = pagesFor(as('leader')).map((p) => p.path);
    expect(paths.indexOf('/mediation-overview')).toBe(paths.indexOf('/mediation') + 1);
  });
  it('still shows pages that need one permission or none', () => {
    expect(pagesFor(as('auditor')).map((p) => p.path)).toEqual(['/', '/users', '/audit']);
  });
});
