import { describe, expect, it } from 'vitest';
import { roles } from '../roles.ts';
import { inHandlingChain, isPrivateCase, mayReadCase, ownCasesOnly, privateCaseAccess } from './need-to-know.ts';

const privateIds = new Set(['dispute.family', 'publicOrder.tipoff']);
const villageA = '632221100201', villageB = '632221100202', township = '632221100000';
const tipOff = { reporterUserId: 'u-reporter', isPublic: false, channel: 'visit', categoryId: 'publicOrder.tipoff', unitCode: villageA, handlerUserId: 'u-handler', handlerDepartmentId: 'd-police', assisting: [{ id: 'd-civil' }] };
const reader = (role: (typeof roles)[number], over: Partial<{ id: string; scopeCode: string; departmentId: string | null }> = {}) => ({ id: 'u-x', role, scopeCode: villageA, departmentId: null, ...over });

describe('need-to-know for private cases', () => {
  it('has a rule for every role', () => {
    for (const r of roles) expect(privateCaseAccess[r], r).toBeDefined();
  });

  it('calls a case private by its category now or its flag at intake, but not an alarm for that alone', () => {
    expect(isPrivateCase({ isPublic: true, channel: 'web', categoryId: 'dispute.family' }, privateIds)).toBe(true);
    expect(isPrivateCase({ isPublic: false, channel: 'visit', categoryId: 'municipal.road' }, privateIds)).toBe(true);
    expect(isPrivateCase({ isPublic: false, channel: 'alarm', categoryId: 'municipal.road' }, privateIds)).toBe(false);
    expect(isPrivateCase({ isPublic: true, channel: 'web', categoryId: 'municipal.road' }, privateIds)).toBe(false);
  });

  it('lets leaders, the owning centre’s operators and the assigned handlers read a private case, and nobody else', () => {
    expect(inHandlingChain(reader('leader', { scopeCode: '632221000000' }), tipOff)).toBe(true);
    expect(inHandlingChain(reader('operator'), tipOff)).toBe(true);
    expect(inHandlingChain(reader('operator', { scopeCode: township }), tipOff)).toBe(true);
    expect(inHandlingChain(reader('operator', { scopeCode: villageB }), tipOff)).toBe(false);
    expect(inHandlingChain(reader('operator'), { ...tipOff, unitCode: township })).toBe(false); // escalated away from the village
    expect(inHandlingChain(reader('householdLeader', { id: 'u-handler' }), tipOff)).toBe(true);
    expect(inHandlingChain(reader('householdLeader'), tipOff)).toBe(false);
    expect(inHandlingChain(reader('gridWorker'), tipOff)).toBe(false);
    expect(inHandlingChain(reader('handler', { departmentId: 'd-police' }), tipOff)).toBe(true);
    expect(inHandlingChain(reader('handler', { departmentId: 'd-civil' }), tipOff)).toBe(true);
    expect(inHandlingChain(reader('handler', { departmentId: 'd-other' }), tipOff)).toBe(false);
    for (const r of ['mediator', 'petitionOfficer', 'sysadmin', 'secadmin', 'auditor', 'integration'] as const) expect(inHandlingChain(reader(r, { id: 'u-handler', scopeCode: '632221000000' }), tipOff), r).toBe(false);
  });

  it('lets every role in scope read a public case, except the roles that read only their own', () => {
    const pub = { ...tipOff, isPublic: true, categoryId: 'municipal.road' };
    for (const r of roles) expect(mayReadCase(reader(r), pub, privateIds), r).toBe(!ownCasesOnly[r]);
  });

  it('lets household leaders, mediators and petition officers read what they reported or handle; mediators disputes too', () => {
    const pub = { ...tipOff, isPublic: true, categoryId: 'municipal.road' };
    for (const r of ['householdLeader', 'mediator', 'petitionOfficer'] as const) {
      expect(mayReadCase(reader(r, { id: 'u-reporter' }), pub, privateIds), r).toBe(true);
      expect(mayReadCase(reader(r), pub, privateIds), r).toBe(false);
    }
    expect(mayReadCase(reader('householdLeader', { id: 'u-handler' }), pub, privateIds)).toBe(true);
    const neighbours = { ...pub, categoryId: 'dispute.neighbour' };
    expect(mayReadCase(reader('mediator'), neighbours, privateIds)).toBe(true);
    expect(mayReadCase(reader('petitionOfficer'), neighbours, privateIds)).toBe(false);
    // A private dispute stays with its handling chain, mediators outside it.
    expect(mayReadCase(reader('mediator'), { ...neighbours, categoryId: 'dispute.family' }, privateIds)).toBe(false);
  });
});
