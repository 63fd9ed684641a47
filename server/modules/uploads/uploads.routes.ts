/**
 * The two upload routes: staff (any signed-in account with a session; files are limited per account, and what a
 * file may be attached to is decided when a record claims it) and residents (public, limited per address).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../core/errors.ts';
import type { AppContext } from '../../lib/context.ts';
import { perIp, sessionActorOf } from '../../http/route-config.ts';
import { storeUpload } from './uploads.service.ts';

/** Reads the single file of a multipart upload. @throws UPLOAD_REJECTED */
export async function readUpload(req: FastifyRequest): Promise<Uint8Array> {
  if (!req.isMultipart()) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'not_multipart', message: 'multipart/form-data with one file' }]);
  const file = await req.file();
  if (!file) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'missing', message: 'no file' }]);
  const buf = await file.toBuffer().catch((e: { code?: string }) => {
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'too_large', message: '最大 10 MB' }]);
    throw e;
  });
  return new Uint8Array(buf);
}

/** Registers POST /api/uploads (staff) and POST /api/public/uploads (residents). */
export function uploadRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/api/uploads', { config: { access: { session: true } }, schema: { tags: ['uploads'], summary: '上传照片或语音 Upload one photo or voice note (multipart); any signed-in staff account, limited per account' } }, async (req, reply) =>
    reply.code(201).send(await storeUpload(ctx, await readUpload(req), { userId: sessionActorOf(req).id })),
  );
  // Writes from anonymous residents are limited per IP (configuration: ANWANG_RATE_PUBLIC).
  app.post('/api/public/uploads', { config: { access: { auth: 'public' }, rateLimit: perIp(ctx.config.rateLimits.public) }, schema: { tags: ['public'], summary: '上传照片或语音 Upload one photo or voice note (multipart)' } }, async (req, reply) =>
    reply.code(201).send(await storeUpload(ctx, await readUpload(req), { ip: req.ip })),
  );
}
