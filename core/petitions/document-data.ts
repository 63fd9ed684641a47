/**
 * What each petition action's document says, from the petition's facts and the action's input: pure, so the
 * service renders it before its transaction (documents.render) and a test can read the data without a PDF.
 */
import type { PetitionTemplateData, PetitionTemplateId, Redirect } from '../documents/petition-templates.ts';
import { cstDate } from '../calendar.ts';

/** The facts of a petition a document needs (names already resolved, the petitioner's name in clear for the addressee). */
export interface PetitionFacts {
  code: string;
  matter: string;
  receivedAt: Date;
  acceptedAt: Date | null;
  /** 张三 or 张三等7人 (addressee). */
  petitioner: string;
  petitionerMasked: string;
  contactMasked: string;
  /** The body issuing this document (the acting office or body). */
  issuer: string;
  /** The body the petition is at now, and the body to send a review to. */
  bodyName: string | null;
  reviewBody: string;
  hearingDays: number;
}

/** Which document an action issues (null: none). */
export const documentOfAction: Partial<Record<string, PetitionTemplateId>> = {
  transfer: 'petition.transfer_letter',
  assign: 'petition.transfer_letter',
  notAccept: 'petition.non_acceptance_notice',
  accept: 'petition.acceptance_notice',
  conclude: 'petition.reply',
  concludeReview: 'petition.review_opinion',
  concludeReReview: 'petition.re_review_opinion',
};

/** Documents addressed to the petitioner, which must be served (送达); a transfer letter goes to the body. */
export const servedTemplates: readonly string[] = ['petition.acceptance_notice', 'petition.non_acceptance_notice', 'petition.reply', 'petition.review_opinion', 'petition.re_review_opinion'];

const prefixOf: Record<PetitionTemplateId, string> = {
  'petition.acceptance_notice': '信受',
  'petition.non_acceptance_notice': '信不受',
  'petition.transfer_letter': '信转',
  'petition.reply': '信复',
  'petition.review_opinion': '信复查',
  'petition.re_review_opinion': '信复核',
};

/** The matter in a few words, for 「关于……的信访事项」. */
export function shortMatter(matter: string): string {
  const s = matter.replace(/\s+/g, ' ').trim();
  return [...s].length > 40 ? [...s].slice(0, 40).join('') + '……' : s;
}

const steer: Record<string, Redirect['route']> = { litigation: 'litigation', arbitration: 'arbitration', administrative_review: 'administrative_review' };

/** The data of the document `template` for this action input, issued at `now`. */
export function documentData<T extends PetitionTemplateId>(template: T, f: PetitionFacts, input: Record<string, unknown>, now: Date): PetitionTemplateData[T] {
  const issuedOn = cstDate(now);
  const base = { docNo: `${prefixOf[template]}〔${issuedOn.slice(0, 4)}〕${f.code.slice(-7)}号`, issuer: f.issuer, issuedOn, petitionCode: f.code, matter: shortMatter(f.matter) };
  const receivedOn = cstDate(f.receivedAt);
  const findings = { facts: String(input.facts ?? ''), basis: String(input.basis ?? ''), decision: String(input.decision ?? '') };
  const requestReceivedOn = cstDate(input.requestedAt instanceof Date ? input.requestedAt : now);
  const data: Record<PetitionTemplateId, () => unknown> = {
    'petition.transfer_letter': () => ({ ...base, recipient: String(input.recipient ?? f.bodyName ?? ''), petitionerMasked: f.petitionerMasked, contactMasked: f.contactMasked, receivedOn, ...(input.reportBy ? { mode: 'assign', reportBackBy: String(input.reportBy) } : { mode: 'transfer' }) }),
    'petition.non_acceptance_notice': () => ({ ...base, petitioner: f.petitioner, receivedOn, reason: String(input.reason ?? ''), redirect: { route: steer[String(input.ground)] ?? 'other_body', body: String(input.steerTo ?? '有权处理的机关') } }),
    'petition.acceptance_notice': () => ({ ...base, petitioner: f.petitioner, receivedOn, acceptedOn: issuedOn, route: f.bodyName ? `由${f.bodyName}依法办理` : `由${f.issuer}依法办理`, procedure: String(input.procedure ?? '调查核实后依法作出处理，并出具书面答复意见') }),
    'petition.reply': () => ({ ...base, petitioner: f.petitioner, acceptedOn: cstDate(f.acceptedAt ?? now), ...findings, reviewBody: f.reviewBody }),
    'petition.review_opinion': () => ({ ...base, petitioner: f.petitioner, originalBody: String(input.originalBody ?? ''), requestReceivedOn, ...findings, reReviewBody: f.reviewBody }),
    'petition.re_review_opinion': () => ({ ...base, petitioner: f.petitioner, reviewBody: String(input.originalBody ?? ''), requestReceivedOn, ...findings, hearingHeld: f.hearingDays > 0 }),
  };
  return data[template]() as PetitionTemplateData[T];
}
