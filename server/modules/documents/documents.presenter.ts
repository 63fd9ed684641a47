/** Shapes a record's documents for its card (core/schemas/documents.response.ts). */
import type { DocumentItem } from '../../../core/schemas/documents.response.ts';
import type { listOf } from './documents.service.ts';

/** The documents `listOf` returned, with their download addresses and dates as ISO text. */
export function presentDocuments(list: Awaited<ReturnType<typeof listOf>>): DocumentItem[] {
  return list.map((d) => ({
    id: d.id,
    template: d.template,
    title: d.title,
    fileName: d.fileName,
    sm3: d.sm3,
    createdAt: d.createdAt.toISOString(),
    url: `/api/documents/${d.id}/file`,
    services: d.services.map((s) => ({ id: s.id, method: s.method as DocumentItem['services'][number]['method'], servedAt: s.servedAt.toISOString(), trackingNo: s.trackingNo, proofUploadIds: s.proofUploadIds })),
  }));
}
