/**
 * The written agreement's signatures as data (人民调解法 Art. 29, STANDARDS.md §7.2a): it takes effect when every
 * party has signed, sealed or fingerprinted it, the mediator has signed it and the committee's seal is affixed —
 * at the LAST of those. An oral agreement takes effect when reached (Art. 30).
 */

/** How a signature is given: on a screen, a seal (印章), a fingerprint (按指印), or a signed paper scanned. */
export const signatureMethods = ['screen', 'seal', 'fingerprint', 'scan'] as const;
export type SignatureMethod = (typeof signatureMethods)[number];

/** Who signs besides the parties (a party signs under its id). */
export const officialSigners = ['mediator', 'committee'] as const;

/** The methods each kind of signer may use: the committee only seals; the mediator signs in person or on paper. */
export const methodsOf: Record<'party' | 'mediator' | 'committee', readonly SignatureMethod[]> = {
  party: ['screen', 'seal', 'fingerprint', 'scan'],
  mediator: ['screen', 'scan'],
  committee: ['seal', 'scan'],
};

/** Everyone who must sign an agreement with these parties: each party, the mediator, the committee's seal. */
export function requiredSigners(partyIds: readonly string[]): string[] {
  return [...partyIds, ...officialSigners];
}

/** Who has yet to sign. */
export function missingSigners(partyIds: readonly string[], signed: readonly string[]): string[] {
  return requiredSigners(partyIds).filter((s) => !signed.includes(s));
}

/** When the agreement took effect: the last signature once all are there, else null. */
export function effectiveAt(partyIds: readonly string[], signatures: readonly { signer: string; signedAt: Date }[]): Date | null {
  if (missingSigners(partyIds, signatures.map((s) => s.signer)).length) return null;
  return new Date(Math.max(...signatures.filter((s) => requiredSigners(partyIds).includes(s.signer)).map((s) => s.signedAt.getTime())));
}

/** The performance of a term (履行情况): performed, partly, not. */
export const performanceResults = ['performed', 'partly', 'not'] as const;

/** What a follow-up visit on an unperformed term did: urged performance, or told the parties of litigation and enforcement. */
export const followUpOutcomes = ['urged', 'told_remedies'] as const;
