/** I/O for a dispute's agreement, its terms, signatures and filed uploads; nothing else. */
import { and, asc, eq, isNull, lte, ne, or } from 'drizzle-orm';
import { disputeAgreements, disputeAgreementTerms, disputeFiles, disputeSignatures } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

export type AgreementRow = typeof disputeAgreements.$inferSelect;
export type TermRow = typeof disputeAgreementTerms.$inferSelect;
export type SignatureRow = typeof disputeSignatures.$inferSelect;
export type FileRow = typeof disputeFiles.$inferSelect;
type Key = { countyCode: string; id: string };

/** Inserts the agreement with its terms. */
export async function insertAgreement(tx: Executor, row: AgreementRow, terms: TermRow[]): Promise<void> {
  await tx.insert(disputeAgreements).values(row);
  if (terms.length) await tx.insert(disputeAgreementTerms).values(terms);
}

/** The agreement of a dispute, if any. */
export async function agreementOf(ex: Executor, d: Key): Promise<AgreementRow | undefined> {
  const [row] = await ex.select().from(disputeAgreements).where(and(eq(disputeAgreements.countyCode, d.countyCode), eq(disputeAgreements.disputeId, d.id)));
  return row;
}

/** Writes changed columns of the agreement. */
export async function updateAgreement(tx: Executor, d: Key, set: Partial<AgreementRow>): Promise<void> {
  await tx.update(disputeAgreements).set(set).where(and(eq(disputeAgreements.countyCode, d.countyCode), eq(disputeAgreements.disputeId, d.id)));
}

/** The agreed terms, in order. */
export function termsOf(ex: Executor, d: Key): Promise<TermRow[]> {
  return ex.select().from(disputeAgreementTerms).where(and(eq(disputeAgreementTerms.countyCode, d.countyCode), eq(disputeAgreementTerms.disputeId, d.id))).orderBy(asc(disputeAgreementTerms.position));
}

/** Writes a term's performance. */
export async function updateTerm(tx: Executor, d: Key, position: number, set: Partial<TermRow>): Promise<void> {
  await tx.update(disputeAgreementTerms).set(set).where(and(eq(disputeAgreementTerms.countyCode, d.countyCode), eq(disputeAgreementTerms.disputeId, d.id), eq(disputeAgreementTerms.position, position)));
}

/** Ids of a county's disputes with a term due by `day` and not performed (follow-ups due). */
export async function disputesWithTermsDue(ex: Executor, countyCode: string | null, day: string): Promise<string[]> {
  const rows = await ex.selectDistinct({ id: disputeAgreementTerms.disputeId }).from(disputeAgreementTerms)
    .where(and(...(countyCode ? [eq(disputeAgreementTerms.countyCode, countyCode)] : []), lte(disputeAgreementTerms.deadline, day), or(isNull(disputeAgreementTerms.performance), ne(disputeAgreementTerms.performance, 'performed'))));
  return rows.map((r) => r.id);
}

/** Disputes whose written agreement still waits for a signature or the seal (not yet in effect). */
export async function disputesAwaitingSignatures(ex: Executor, countyCode: string | null): Promise<string[]> {
  const rows = await ex.select({ id: disputeAgreements.disputeId }).from(disputeAgreements)
    .where(and(...(countyCode ? [eq(disputeAgreements.countyCode, countyCode)] : []), eq(disputeAgreements.form, 'written'), isNull(disputeAgreements.effectiveAt)));
  return rows.map((r) => r.id);
}

/** The signatures of an agreement, oldest first. */
export function signaturesOf(ex: Executor, d: Key): Promise<SignatureRow[]> {
  return ex.select().from(disputeSignatures).where(and(eq(disputeSignatures.countyCode, d.countyCode), eq(disputeSignatures.disputeId, d.id))).orderBy(asc(disputeSignatures.signedAt));
}

/** Records a signature. @returns false when this signer had already signed */
export async function insertSignature(tx: Executor, row: SignatureRow): Promise<boolean> {
  const done = await tx.insert(disputeSignatures).values(row).onConflictDoNothing().returning({ s: disputeSignatures.signer });
  return done.length > 0;
}

/** Files uploads in the dispute's file. */
export async function insertFiles(tx: Executor, rows: FileRow[]): Promise<void> {
  if (rows.length) await tx.insert(disputeFiles).values(rows);
}

/** The uploads filed in a dispute's file. */
export function filesOf(ex: Executor, d: Key): Promise<FileRow[]> {
  return ex.select().from(disputeFiles).where(and(eq(disputeFiles.countyCode, d.countyCode), eq(disputeFiles.disputeId, d.id))).orderBy(asc(disputeFiles.createdAt));
}
