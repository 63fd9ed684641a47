import { describe, expect, it } from 'vitest';
import { checkTable, type ExpectedTable } from './definition.ts';
import { petitionActions, petitionWorkflow, type PetitionAction, type PetitionRole, type PetitionStatus } from './petition-workflow.ts';

/** The table written out by hand from STANDARDS.md §7.2, independent of the code's table. */
const servable: PetitionStatus[] = ['accepted', 'replied', 'reviewed', 're_reviewed', 'not_accepted'];
const expected: ExpectedTable<PetitionStatus, PetitionAction, PetitionRole> = {
  transfer: { from: ['registered'], roles: ['office'], to: 'transferred' },
  assign: { from: ['registered'], roles: ['office'], to: 'transferred' },
  handOver: { from: ['registered'], roles: ['office'], to: 'handed_over' },
  notAccept: { from: ['registered', 'transferred'], roles: ['office', 'body'], to: 'not_accepted' },
  accept: { from: ['registered', 'transferred'], roles: ['office', 'body'], to: 'accepted' },
  object: { from: ['transferred'], roles: ['body'], to: 'registered' },
  requestExtension: { from: ['accepted'], roles: ['body'], to: 'same' },
  approveExtension: { from: ['accepted'], roles: ['approver'], to: 'same' },
  conclude: { from: ['accepted'], roles: ['body'], to: 'replied' },
  serve: { from: servable, roles: ['office', 'body'], to: 'same' },
  requestReview: { from: ['replied'], roles: ['office'], to: 'review' },
  concludeReview: { from: ['review'], roles: ['body'], to: 'reviewed' },
  requestReReview: { from: ['reviewed'], roles: ['office'], to: 're_review' },
  startHearing: { from: ['re_review'], roles: ['body'], to: 'same' },
  endHearing: { from: ['re_review'], roles: ['body'], to: 'same' },
  concludeReReview: { from: ['re_review'], roles: ['body'], to: 're_reviewed' },
  urge: { from: ['registered', 'transferred', 'accepted', 'review', 're_review'], roles: ['office', 'approver', 'system'], to: 'same' },
  close: { from: ['replied', 'reviewed', 're_reviewed', 'not_accepted'], roles: ['office', 'system'], to: 'closed' },
};

describe('petition workflow', () => {
  it('agrees with the hand-written table on every status × action × role', () => {
    const { mismatches, checked } = checkTable(petitionWorkflow, expected);
    expect(mismatches).toEqual([]);
    expect(checked).toBe(petitionWorkflow.statuses.length * petitionActions.length * petitionWorkflow.roles.length);
  });

  it('has no 复查 or 复核 step a suggestion could skip to: review only leaves from a served reply', () => {
    expect(petitionWorkflow.transitions.requestReview.from).toEqual(['replied']);
    expect(petitionWorkflow.transitions.requestReReview.from).toEqual(['reviewed']);
  });
});
