import { describe, expect, it } from 'vitest';
import { allowedActions, checkTable, type ExpectedTable } from './definition.ts';
import { visitTaskActions, visitTaskWorkflow, type VisitTaskAction, type VisitTaskRole, type VisitTaskStatus } from './visit-task-workflow.ts';

/** Written out by hand from plan §4.4, independent of the code's table. */
const expected: ExpectedTable<VisitTaskStatus, VisitTaskAction, VisitTaskRole> = {
  complete: { from: ['open'], roles: ['worker', 'system'], to: 'done' },
  reassign: { from: ['open'], roles: ['leader', 'system'], to: 'same' },
  remind: { from: ['open'], roles: ['leader', 'system'], to: 'same' },
  cancel: { from: ['open'], roles: ['leader', 'system'], to: 'cancelled' },
};

describe('visit task workflow', () => {
  it('agrees with the hand-written table on every status × action × role', () => {
    const { mismatches, checked } = checkTable(visitTaskWorkflow, expected);
    expect(mismatches).toEqual([]);
    expect(checked).toBe(3 * visitTaskActions.length * 3);
  });

  it('lets a worker only complete, and nothing happens to a done or cancelled task', () => {
    expect(allowedActions(visitTaskWorkflow, 'open', 'worker')).toEqual(['complete']);
    for (const s of ['done', 'cancelled'] as const) for (const r of visitTaskWorkflow.roles) expect(allowedActions(visitTaskWorkflow, s, r)).toEqual([]);
  });
});
