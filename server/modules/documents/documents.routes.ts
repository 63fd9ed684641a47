/** The one document route: download a stored document's PDF (an audited read). */
import type { FastifyInstance } from 'fastify';
import { documentReadPermissions } from '../../../core/documents/templates.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import { downloadDocument } from './documents.service.ts';

/** `attachment` with an ASCII fallback and the real (Chinese) name in RFC 5987 `filename*`. */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '').replace(/^_+/, '') || 'document.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Registers GET /api/documents/:id/file. */
export function documentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/documents/:id/file', {
    config: { access: { permission: documentReadPermissions, objects: ['document'] } },
    schema: { tags: ['documents'], summary: '下载文书 Download a document (PDF); each download is audited with the SM3 of its bytes' },
  }, async (req, reply) => {
    const { bytes, fileName } = await downloadDocument(ctx, actorOf(req), (req.params as { id: string }).id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(fileName)).send(bytes);
  });
}
