import { describe, expect, it } from 'vitest';
import type { DisputeCard } from '../schemas/disputes.response.ts';
import { actionsAtAgreementStage } from './agreement-steps.ts';

describe('the buttons of an agreement', () => {
  const court = { court: null, appliedAt: null, caseNo: null, acceptedAt: null, extendedBy: null, outcome: null, decidedAt: null, note: null };
  const term = { position: 0, content: '拆除越界院墙', manner: '拆除重砌', place: null, deadline: '2026-12-20', performance: null, performanceNote: null, performanceAt: null };
  const agreement = (x: Partial<NonNullable<DisputeCard['agreement']>>): NonNullable<DisputeCard['agreement']> => ({ form: 'written', docNo: null, documentId: null, points: null, responsibility: null, effectiveAt: null, signatures: [], missingSigners: ['mediator'], terms: [term], confirmationRefusal: null, confirmation: court, ...x });
  const all = ['close', 'sign', 'applyConfirmation', 'recordCourtAcceptance', 'extendCourtReview', 'recordCourtDecision', 'recordPerformance', 'recordFollowUpVisit', 'fileDocuments'];
  it('offer signing until the last signature, then confirmation, and the court\'s steps only once the parties applied', () => {
    expect(actionsAtAgreementStage({ allowedActions: all, agreement: agreement({}) })).toEqual(['close', 'sign', 'fileDocuments']);
    const effective = agreement({ missingSigners: [], effectiveAt: '2026-12-02T00:15:00Z' });
    expect(actionsAtAgreementStage({ allowedActions: all, agreement: effective })).toEqual(['close', 'applyConfirmation', 'recordPerformance', 'recordFollowUpVisit', 'fileDocuments']);
    const applied = { ...effective, confirmation: { ...court, court: '门源县人民法院', appliedAt: '2026-12-03T00:00:00Z' } };
    expect(actionsAtAgreementStage({ allowedActions: all, agreement: applied })).toContain('recordCourtAcceptance');
    expect(actionsAtAgreementStage({ allowedActions: all, agreement: applied })).not.toContain('recordCourtDecision');
    // Without an agreement only the server's other actions show; an action the web does not know is kept.
    expect(actionsAtAgreementStage({ allowedActions: ['refer', 'sign', 'newThing'], agreement: null })).toEqual(['refer', 'newThing']);
  });
});
