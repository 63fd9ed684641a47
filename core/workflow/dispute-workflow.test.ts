import { describe, expect, it } from 'vitest';
import { checkTable, type ExpectedTable } from './definition.ts';
import { allowedDisputeActions, disputeActions, disputeWorkflow, type DisputeAction, type DisputeRole, type DisputeStatus } from './dispute-workflow.ts';

/** The table written out by hand from STANDARDS.md §7.1 and issue 15, independent of the code's table. */
const expected: ExpectedTable<DisputeStatus, DisputeAction, DisputeRole> = {
  assign: { from: ['registered', 'assigned'], roles: ['committee'], to: 'assigned' },
  choose: { from: ['registered', 'assigned'], roles: ['committee'], to: 'assigned' },
  transfer: { from: ['registered', 'assigned'], roles: ['committee'], to: 'registered' },
  accept: { from: ['assigned'], roles: ['mediator', 'committee'], to: 'mediating' },
  scheduleSession: { from: ['assigned', 'mediating'], roles: ['mediator', 'committee'], to: 'same' },
  recordSession: { from: ['mediating'], roles: ['mediator'], to: 'same' },
  extend: { from: ['mediating'], roles: ['mediator', 'committee'], to: 'same' },
  recordAgreement: { from: ['mediating'], roles: ['mediator'], to: 'agreed' },
  recordFailure: { from: ['mediating'], roles: ['mediator'], to: 'failed' },
  refer: { from: ['registered', 'assigned', 'mediating', 'failed'], roles: ['mediator', 'committee'], to: 'referred' },
  recordReferralAnswer: { from: ['referred'], roles: ['mediator', 'committee'], to: 'same' },
  refuse: { from: ['registered', 'assigned', 'mediating'], roles: ['mediator', 'committee'], to: 'refused' },
  urge: { from: ['registered', 'assigned', 'mediating', 'referred'], roles: ['committee', 'system'], to: 'same' },
  close: { from: ['agreed', 'failed', 'referred', 'refused'], roles: ['mediator', 'committee'], to: 'closed' },
};

describe('dispute workflow', () => {
  it('agrees with the hand-written table on every status × action × role', () => {
    const { mismatches, checked } = checkTable(disputeWorkflow, expected);
    expect(mismatches).toEqual([]);
    expect(checked).toBe(disputeWorkflow.statuses.length * disputeActions.length * disputeWorkflow.roles.length);
  });

  it('reaches an outcome only through mediation, and a refusal ends it from any open step', () => {
    for (const a of ['recordAgreement', 'recordFailure'] as const) expect(disputeWorkflow.transitions[a].from).toEqual(['mediating']);
    for (const s of ['registered', 'assigned', 'mediating'] as const) expect(allowedDisputeActions(s, 'committee')).toContain('refuse');
    // The system never ends a dispute: it only urges.
    for (const s of disputeWorkflow.statuses) expect(allowedDisputeActions(s, 'system').filter((a) => a !== 'urge')).toEqual([]);
  });
});
