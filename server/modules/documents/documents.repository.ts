/** I/O of documents and their service records, and nothing else. */
import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { documents, documentServices } from '../../db/schema.ts';

export type DocumentRow = typeof documents.$inferSelect;
export type ServiceRow = typeof documentServices.$inferSelect;

/** Inserts a document's row (its file is already in the store). */
export async function insertDocument(tx: Executor, row: DocumentRow): Promise<void> {
  await tx.insert(documents).values(row);
}

/** A document by id whose region lies under `regionPrefix` ('' for every region); none outside it. */
export async function documentInScope(ex: Executor, id: string, regionPrefix: string): Promise<DocumentRow | undefined> {
  const [row] = await ex.select().from(documents).where(and(eq(documents.id, id), like(documents.regionCode, `${regionPrefix}%`))).limit(1);
  return row;
}

/** A document of a county by id. */
export async function documentOf(ex: Executor, countyCode: string, id: string): Promise<DocumentRow | undefined> {
  const [row] = await ex.select().from(documents).where(and(eq(documents.countyCode, countyCode), eq(documents.id, id))).limit(1);
  return row;
}

/** Inserts a service record. */
export async function insertService(tx: Executor, row: ServiceRow): Promise<void> {
  await tx.insert(documentServices).values(row);
}

/** A subject's documents, newest first. */
export function documentsOfSubject(ex: Executor, countyCode: string, subjectType: string, subjectId: string): Promise<DocumentRow[]> {
  return ex.select().from(documents)
    .where(and(eq(documents.countyCode, countyCode), eq(documents.subjectType, subjectType), eq(documents.subjectId, subjectId)))
    .orderBy(desc(documents.createdAt), desc(documents.id));
}

/** The service records of some documents of a county, newest first. */
export function servicesOf(ex: Executor, countyCode: string, documentIds: string[]): Promise<ServiceRow[]> {
  if (!documentIds.length) return Promise.resolve([]);
  return ex.select().from(documentServices)
    .where(and(eq(documentServices.countyCode, countyCode), inArray(documentServices.documentId, documentIds)))
    .orderBy(desc(documentServices.servedAt), desc(documentServices.id));
}

/** County, id, storage key and time of documents after (countyCode, id), in key order (to walk every stored file). */
export function storageKeysAfter(ex: Executor, after: { countyCode: string; id: string } | null, limit: number): Promise<{ countyCode: string; id: string; storageKey: string; createdAt: Date }[]> {
  const q = ex.select({ countyCode: documents.countyCode, id: documents.id, storageKey: documents.storageKey, createdAt: documents.createdAt }).from(documents);
  return (after ? q.where(sql`(${documents.countyCode}, ${documents.id}) > (${after.countyCode}, ${after.id})`) : q).orderBy(asc(documents.countyCode), asc(documents.id)).limit(limit);
}
