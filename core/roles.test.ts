import { describe, expect, it } from 'vitest';
import { grantRefusal, personRoles, type Role } from './roles.ts';

const county = '632221000000';
const villageA = '632221100201';
const otherCounty = '632222000000';
const admin = (role: Role, scopeCode = county) => ({ kind: 'user', role, scopeCode });
const adminRoles: Role[] = ['sysadmin', 'secadmin', 'auditor'];
const businessRoles = personRoles.filter((r) => !adminRoles.includes(r));

describe('grantRefusal (三权分立 for every grant)', () => {
  it('lets the security administrator grant only administrator roles, the system administrator only business roles', () => {
    for (const role of adminRoles) {
      expect(grantRefusal(admin('secadmin'), { role, scopeCode: villageA }), role).toBeNull();
      expect(grantRefusal(admin('sysadmin'), { role, scopeCode: villageA }), role).toBe('role');
    }
    for (const role of businessRoles) {
      expect(grantRefusal(admin('sysadmin'), { role, scopeCode: villageA }), role).toBeNull();
      expect(grantRefusal(admin('secadmin'), { role, scopeCode: villageA }), role).toBe('role');
    }
    for (const role of personRoles) for (const actor of ['auditor', 'operator', 'leader'] as Role[]) expect(grantRefusal(admin(actor), { role, scopeCode: villageA })).toBe('role');
  });
  it('refuses every change between an administrator role and a business role, whoever asks', () => {
    for (const actor of personRoles) {
      for (const from of adminRoles) for (const to of businessRoles) {
        expect(grantRefusal(admin(actor), { role: to, fromRole: from, scopeCode: villageA }), `${actor}: ${from}→${to}`).toBe('role');
        expect(grantRefusal(admin(actor), { role: from, fromRole: to, scopeCode: villageA }), `${actor}: ${to}→${from}`).toBe('role');
      }
    }
    expect(grantRefusal(admin('sysadmin'), { role: 'operator', fromRole: 'gridWorker', scopeCode: villageA })).toBeNull();
    expect(grantRefusal(admin('secadmin'), { role: 'secadmin', fromRole: 'auditor', scopeCode: villageA })).toBeNull();
  });
  it('refuses a scope outside the grantor’s own, and lets only token managers issue tokens', () => {
    expect(grantRefusal(admin('sysadmin', villageA), { role: 'operator', scopeCode: county })).toBe('scope');
    expect(grantRefusal(admin('secadmin'), { role: 'auditor', scopeCode: otherCounty })).toBe('scope');
    expect(grantRefusal(admin('secadmin'), { role: 'integration', scopeCode: villageA })).toBeNull();
    expect(grantRefusal(admin('sysadmin'), { role: 'integration', scopeCode: villageA })).toBe('role');
  });
  it('lets the CLI grant any role, still within its scope', () => {
    expect(grantRefusal({ kind: 'system', role: 'sysadmin', scopeCode: county }, { role: 'auditor', scopeCode: villageA })).toBeNull();
    expect(grantRefusal({ kind: 'system', role: 'sysadmin', scopeCode: county }, { role: 'auditor', scopeCode: otherCounty })).toBe('scope');
  });
});
