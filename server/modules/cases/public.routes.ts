/**
 * The resident's API under /api/public/ (no sign-in): public categories, photo and voice uploads, the
 * report itself, tracking by code, rating, and "me too". Nothing here returns personal data.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicRatingSchema, PublicReportSchema } from '../../../core/schemas/cases.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { publicActor } from '../../lib/actor.ts';
import { AppError } from '../../../core/errors.ts';
import { createCase } from './case-intake.service.ts';
import { applyCaseAction } from './case-actions.service.ts';
import { publicCategories, trackCase } from './case-queries.service.ts';
import { storeUpload } from './attachments.service.ts';
import { idempotent } from './cases.routes.ts';
import { limitBy, perIp } from '../../http/route-config.ts';
import { normaliseMobile } from '../../../core/contact.ts';
import { gridsAround } from '../grids/grids.service.ts';
import { LocateQuery } from '../../../core/schemas/grids.schema.ts';

const Code = z.string().regex(/^\d{6}-[0-9A-Z]{8}$/);

/** Reads the single file of a multipart upload. @throws UPLOAD_REJECTED */
export async function readUpload(req: import('fastify').FastifyRequest): Promise<Uint8Array> {
  if (!req.isMultipart()) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'not_multipart', message: 'multipart/form-data with one file' }]);
  const file = await req.file();
  if (!file) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'missing', message: 'no file' }]);
  const buf = await file.toBuffer().catch((e: { code?: string }) => {
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'too_large', message: '最大 10 MB' }]);
    throw e;
  });
  return new Uint8Array(buf);
}

/** Registers /api/public/*. */
export function publicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pub = { access: { auth: 'public' as const } };
  // Writes from anonymous residents are limited per IP (configuration: ANWANG_RATE_PUBLIC).
  const pubWrite = { ...pub, rateLimit: perIp(ctx.config.rateLimits.public) };
  r.get('/api/public/categories', { config: pub, schema: { tags: ['public'], summary: '可反映的事项类别 Public categories' } }, async () => publicCategories(ctx));
  r.get('/api/public/grids', { config: pub, schema: { tags: ['public'], summary: '附近网格 Grid outlines around a point (the report map)', querystring: LocateQuery } }, async (req) => gridsAround(ctx, req.query.lng, req.query.lat));
  r.post('/api/public/uploads', { config: pubWrite, schema: { tags: ['public'], summary: '上传照片或语音 Upload one photo or voice note (multipart)' } }, async (req, reply) =>
    reply.code(201).send(await storeUpload(ctx, await readUpload(req), { ip: req.ip })),
  );
  // One phone number can file only so many reports an hour, from however many addresses.
  const perReporter = limitBy(app, ctx.config.rateLimits.reporter, 'reporter', (req) => normaliseMobile(String((req.body as { phone?: string } | undefined)?.phone ?? '')) ?? undefined);
  r.post('/api/public/cases', {
    config: pubWrite,
    preHandler: perReporter,
    schema: { tags: ['public'], summary: '群众上报 A resident reports a problem; returns the tracking code. Send an Idempotency-Key.', body: PublicReportSchema },
  }, async (req, reply) => {
    const b = req.body;
    return idempotent(ctx, req, reply, 'public', 201, (ticket) =>
      createCase(ctx, publicActor(req.ip), { channel: 'web', categoryId: b.categoryId, description: b.description, lat: b.lat, lng: b.lng, address: b.address, reporterName: b.name, reporterPhone: b.phone, uploadIds: b.uploadIds }, ticket),
    );
  });
  r.get('/api/public/cases/:code', { config: pub, schema: { tags: ['public'], summary: '进度查询 Track a case by code', params: z.object({ code: Code }) } }, async (req) => trackCase(ctx, req.params.code));
  r.post('/api/public/cases/:code/rating', {
    config: pubWrite,
    schema: { tags: ['public'], summary: '评价 Rate the result (once the case is verified)', params: z.object({ code: Code }), body: PublicRatingSchema },
  }, async (req, reply) =>
    idempotent(ctx, req, reply, 'public', 200, async (ticket) => {
      await applyCaseAction(ctx, publicActor(req.ip), req.params.code, 'followUp', { satisfaction: req.body.satisfaction, method: 'page', note: req.body.comment }, ticket);
      return trackCase(ctx, req.params.code);
    }),
  );
  r.post('/api/public/cases/:code/me-too', { config: pubWrite, schema: { tags: ['public'], summary: '我也遇到 Add your voice to an open public case', params: z.object({ code: Code }) } }, async (req, reply) =>
    idempotent(ctx, req, reply, 'public', 200, async (ticket) => {
      await applyCaseAction(ctx, publicActor(req.ip), req.params.code, 'meToo', {}, ticket);
      return trackCase(ctx, req.params.code);
    }),
  );
}
