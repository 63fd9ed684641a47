import { describe, expect, it } from 'vitest';
import { checkTable, type ExpectedTable } from './definition.ts';
import { allowedActions, caseActions, caseWorkflow, caseStatuses, caseTransitions, InvalidTransition, nextStatus, terminalStatuses, variantsOf, workflowRoles, type CaseAction, type CaseStatus, type WorkflowRole } from './case-workflow.ts';

/** The expected table written out by hand, independent of the code's table: action → [from…] → roles. */
const expected: Record<CaseAction, { from: CaseStatus[]; roles: WorkflowRole[] }> = {
  accept: { from: ['submitted'], roles: ['operator'] },
  reject: { from: ['submitted'], roles: ['operator'] },
  redirect: { from: ['submitted', 'accepted'], roles: ['operator'] },
  merge: { from: ['submitted', 'accepted'], roles: ['operator'] },
  dispatch: { from: ['accepted'], roles: ['operator', 'system'] },
  return: { from: ['dispatched', 'in_progress'], roles: ['handler', 'gridWorker'] },
  transfer: { from: ['accepted', 'dispatched'], roles: ['operator'] },
  escalate: { from: ['submitted', 'accepted', 'dispatched', 'in_progress'], roles: ['operator', 'gridWorker', 'system'] },
  assist: { from: ['accepted', 'dispatched', 'in_progress'], roles: ['operator'] },
  start: { from: ['dispatched'], roles: ['handler', 'gridWorker'] },
  reportBack: { from: ['in_progress'], roles: ['handler', 'gridWorker'] },
  verify: { from: ['reported_back'], roles: ['operator', 'leader'] },
  followUp: { from: ['verified'], roles: ['operator', 'resident'] },
  close: { from: ['followed_up'], roles: ['operator', 'system'] },
  closeUnresolved: { from: ['accepted', 'dispatched', 'in_progress', 'reported_back', 'verified', 'followed_up'], roles: ['operator', 'leader'] },
  extendRequest: { from: ['dispatched', 'in_progress'], roles: ['handler', 'gridWorker'] },
  extendDecide: { from: ['dispatched', 'in_progress', 'reported_back'], roles: ['operator', 'leader'] },
  urge: { from: ['submitted', 'accepted', 'dispatched', 'in_progress', 'reported_back'], roles: ['operator', 'leader', 'system'] },
  pause: { from: ['accepted', 'dispatched', 'in_progress'], roles: ['operator', 'handler', 'gridWorker'] },
  resume: { from: ['accepted', 'dispatched', 'in_progress'], roles: ['operator', 'handler', 'gridWorker'] },
  meToo: { from: ['submitted', 'accepted', 'dispatched', 'in_progress', 'reported_back', 'verified'], roles: ['resident'] },
};

const moves: Partial<Record<CaseAction, CaseStatus | 'same'>> = {
  accept: 'accepted', reject: 'rejected', redirect: 'redirected', merge: 'merged', dispatch: 'dispatched', return: 'accepted',
  transfer: 'accepted', escalate: 'same', start: 'in_progress', reportBack: 'reported_back', close: 'closed', closeUnresolved: 'closed',
  assist: 'same', extendRequest: 'same', extendDecide: 'same', urge: 'same', pause: 'same', resume: 'same', meToo: 'same',
};

/** The hand-written table with the targets of `moves`, in the generic checker's shape. */
function withTargets(): ExpectedTable<CaseStatus, CaseAction, WorkflowRole> {
  const table = {} as ExpectedTable<CaseStatus, CaseAction, WorkflowRole>;
  for (const a of caseActions) table[a] = { ...expected[a], to: moves[a] };
  return table;
}

describe('case workflow', () => {
  it('lists exactly the actions of the expected table', () => {
    expect(caseActions.sort()).toEqual(Object.keys(expected).sort());
  });

  it('allows or refuses every status × action × role exactly as the table says', () => {
    let checked = 0;
    for (const status of caseStatuses)
      for (const action of caseActions)
        for (const role of workflowRoles) {
          const ok = expected[action].from.includes(status) && expected[action].roles.includes(role);
          expect(allowedActions(status, role).includes(action), `${status} ${action} ${role}`).toBe(ok);
          const variants = variantsOf(action);
          for (const v of variants.length ? variants : [undefined]) {
            if (ok) {
              const to = nextStatus(status, action, role, v);
              const want = moves[action];
              if (want) expect(to).toBe(want === 'same' ? status : want);
            } else expect(() => nextStatus(status, action, role, v)).toThrow(InvalidTransition);
            checked++;
          }
        }
    expect(checked).toBeGreaterThan(caseStatuses.length * caseActions.length * workflowRoles.length);
  });

  it('branches verification and follow-up by variant, and needs one', () => {
    expect(nextStatus('reported_back', 'verify', 'operator', 'pass')).toBe('verified');
    expect(nextStatus('reported_back', 'verify', 'leader', 'fail')).toBe('in_progress');
    expect(() => nextStatus('reported_back', 'verify', 'operator')).toThrow(InvalidTransition);
    expect(nextStatus('verified', 'followUp', 'resident', 'satisfied')).toBe('followed_up');
    expect(nextStatus('verified', 'followUp', 'operator', 'basically')).toBe('followed_up');
    expect(nextStatus('verified', 'followUp', 'resident', 'unsatisfied')).toBe('dispatched'); // reopens
    expect(nextStatus('verified', 'followUp', 'resident', 'unsatisfiedFinal')).toBe('followed_up');
    expect(() => nextStatus('verified', 'followUp', 'operator', 'pass')).toThrow(InvalidTransition);
  });

  it('lets nothing leave a terminal status', () => {
    for (const s of terminalStatuses) for (const r of workflowRoles) expect(allowedActions(s, r)).toEqual([]);
  });

  it('keeps the table and the hand-written one in step on targets', () => {
    for (const a of caseActions) {
      const to = caseTransitions[a].to;
      if (typeof to === 'string') expect(moves[a]).toBe(to);
    }
  });

  it('passes the generic exhaustive table check against the hand-written table', () => {
    const table = withTargets();
    const { mismatches, checked } = checkTable(caseWorkflow, table);
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(caseStatuses.length * caseActions.length * workflowRoles.length);
  });

  it('finds a mismatch when the hand-written table disagrees', () => {
    const table = withTargets();
    table.start = { ...table.start, roles: ['handler'] };
    expect(checkTable(caseWorkflow, table).mismatches.some((m) => m.action === 'start' && m.role === 'gridWorker')).toBe(true);
  });
});
