/**
 * Which of a dispute's agreement actions (signatures, judicial confirmation, performance) its agreement's stage
 * allows now. The workflow table says which statuses and roles may act; this says where the agreement itself is,
 * from the card's own view of it, so the server offers the card only buttons the effects would accept.
 */
import type { DisputeCard } from '../schemas/disputes.response.ts';

type AgreementView = NonNullable<DisputeCard['agreement']>;

/** Actions that follow the agreement's own stage (signatures, judicial confirmation, performance). */
const agreementSteps: Record<string, (a: AgreementView) => boolean> = {
  sign: (a) => a.missingSigners.length > 0,
  applyConfirmation: (a) => !!a.effectiveAt && !a.confirmation.appliedAt && !a.confirmationRefusal,
  recordCourtAcceptance: (a) => !!a.confirmation.appliedAt && !a.confirmation.acceptedAt && !a.confirmation.outcome,
  extendCourtReview: (a) => !!a.confirmation.acceptedAt && !a.confirmation.outcome && !a.confirmation.extendedBy,
  recordCourtDecision: (a) => !!a.confirmation.acceptedAt && !a.confirmation.outcome,
  recordPerformance: (a) => !!a.effectiveAt && a.terms.length > 0,
  recordFollowUpVisit: (a) => !!a.effectiveAt && a.terms.length > 0,
};

/**
 * The actions of a card less those of an agreement stage not reached or passed (签名 once all have signed, the
 * court's steps before the parties applied): the card offers only what the effects would accept now.
 */
export function actionsAtAgreementStage(c: { allowedActions: string[]; agreement: AgreementView | null }): string[] {
  return c.allowedActions.filter((x) => !agreementSteps[x] || (!!c.agreement && agreementSteps[x](c.agreement)));
}
