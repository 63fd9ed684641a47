/**
 * How a record's card shows its documents (petitions today): each document with its download address and its
 * service records. The documents presenter is typed with it; the web infers its types from it.
 */
import { z } from 'zod';

/** One delivery of a document (送达): how, when, and the uploads proving it. */
export const DocumentServiceItem = z.object({
  id: z.string(),
  method: z.enum(['in_person', 'post', 'sms_link']),
  servedAt: z.string(),
  trackingNo: z.string().nullable(),
  proofUploadIds: z.array(z.string()),
});
export type DocumentServiceItem = z.infer<typeof DocumentServiceItem>;

/** One document of a record, newest first in a list; `url` downloads the PDF (an audited read). */
export const DocumentItem = z.object({
  id: z.string(),
  template: z.string(),
  title: z.string(),
  fileName: z.string(),
  /** SM3 of the PDF's bytes, as audited when it was made and at every download. */
  sm3: z.string(),
  createdAt: z.string(),
  url: z.string(),
  /** Newest first; empty while the document has not been served. */
  services: z.array(DocumentServiceItem),
});
export type DocumentItem = z.infer<typeof DocumentItem>;
