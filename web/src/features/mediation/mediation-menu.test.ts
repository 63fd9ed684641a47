import { describe, expect, it } from 'vitest';
import { rolePermissions, type Role } from '../../../../core/roles';
import type { Me } from '../../../../core/schemas/auth.schema';
import { pagesFor } from '../../pages';

const paths = (role: Role) => pagesFor({ role, permissions: [...rolePermissions[role]] } as unknown as Me).map((p) => p.path);

describe('the mediation menu entries', () => {
  it('offer the workbench to whoever reads disputes and the committee page to mediation:admin holders', () => {
    for (const role of ['mediator', 'leader', 'operator', 'gridWorker', 'petitionOfficer'] as const) expect(paths(role), role).toContain('/mediation');
    for (const role of ['leader', 'sysadmin'] as const) expect(paths(role), role).toContain('/mediation-org');
    for (const role of ['mediator', 'operator', 'handler', 'auditor'] as const) expect(paths(role), role).not.toContain('/mediation-org');
    for (const role of ['handler', 'auditor', 'sysadmin', 'householdLeader'] as const) expect(paths(role), role).not.toContain('/mediation');
  });
});
