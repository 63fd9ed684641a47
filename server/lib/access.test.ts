import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { countyPrefix, foundOrMissing, holds, inActorScope, notFoundUnlessInScope, requireAnyPermission, requirePermission, scopeCounty, scopePrefix } from './access.ts';
import { systemActor, type Actor } from './actor.ts';

const township: Actor = { kind: 'user', id: 'u1', name: '乡镇值班员', role: 'operator', scopeCode: '632221100000' };
const handler: Actor = { ...township, role: 'handler' };
const codeOf = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof AppError ? e.code : 'other';
  }
};

describe('access kernel', () => {
  it('refuses a missing permission as FORBIDDEN; system actors hold every permission', () => {
    expect(holds(township, 'kpi:read')).toBe(true);
    expect(codeOf(() => requirePermission(handler, 'kpi:read'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireAnyPermission(handler, ['kpi:read', 'case:act']))).toBe(null);
    expect(codeOf(() => requireAnyPermission(handler, ['kpi:read', 'pii:view']))).toBe('FORBIDDEN');
    expect(codeOf(() => requirePermission(systemActor('632221000000'), 'audit:read'))).toBe(null);
  });

  it('answers a code outside the scope exactly like a missing record (NOT_FOUND), inside passes', () => {
    expect(codeOf(() => notFoundUnlessInScope(township, '632221100201'))).toBe(null);
    expect(codeOf(() => notFoundUnlessInScope(township, '632221101201'))).toBe('NOT_FOUND');
    expect(inActorScope(township, '632221100201001')).toBe(true);
    expect(codeOf(() => foundOrMissing(undefined))).toBe('NOT_FOUND');
    expect(foundOrMissing(0)).toBe(0);
  });

  it('gives the prefixes repositories filter on', () => {
    expect(scopePrefix(township)).toBe('632221100');
    expect(countyPrefix(township)).toBe('632221');
    expect(countyPrefix({ ...township, scopeCode: '632200000000' })).toBe('6322');
    expect(scopeCounty({ ...township, scopeCode: '632200000000' })).toBe('632200');
    expect(scopePrefix(systemActor('000000000000'))).toBe('');
  });
});
