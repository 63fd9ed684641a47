/**
 * The resident's API under /api/public/ (no sign-in): public categories, the report itself (its photos and voice
 * notes go first to /api/public/uploads, in the uploads module), tracking by code, rating, and "me too". Nothing
 * here returns personal data.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PublicMeTooSchema, PublicRatingSchema, PublicReportSchema } from '../../../core/schemas/cases.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { publicActor } from '../../lib/actor.ts';
import { createCase } from './case-intake.service.ts';
import { meTooAsResident, rateAsReporter } from './public-case.service.ts';
import { publicCategories, resultPhotoOf, trackCase } from './case-queries.service.ts';
import { idempotent } from '../../http/idempotent.ts';
import { limitBy, perIp } from '../../http/route-config.ts';
import { normaliseMobile } from '../../../core/contact.ts';
import { gridsAround } from '../grids/grids.service.ts';
import { LocateQuery } from '../../../core/schemas/grids.schema.ts';

const Code = z.string().regex(/^\d{6}-[0-9A-Z]{8}$/);

/** The reporter's key a request carries (X-Reporter-Key), if any. */
function reporterKeyHeader(req: FastifyRequest): string | undefined {
  const v = req.headers['x-reporter-key'];
  return typeof v === 'string' && v.length <= 64 ? v : undefined;
}

/** Registers /api/public/*. */
export function publicRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pub = { access: { auth: 'public' as const } };
  // Writes from anonymous residents are limited per IP (configuration: ANWANG_RATE_PUBLIC).
  const pubWrite = { ...pub, rateLimit: perIp(ctx.config.rateLimits.public) };
  r.get('/api/public/categories', { config: pub, schema: { tags: ['public'], summary: '可反映的事项类别 Categories a resident may report under (isPublic false: a private matter, e.g. a tip-off)' } }, async () => publicCategories(ctx));
  r.get('/api/public/grids', { config: pub, schema: { tags: ['public'], summary: '附近网格 Grid outlines around a point (the report map)', querystring: LocateQuery } }, async (req) => gridsAround(ctx, req.query.lng, req.query.lat));
  // One phone number can file only so many reports an hour, from however many addresses.
  const perReporter = limitBy(app, ctx.config.rateLimits.reporter, 'reporter', (req) => normaliseMobile(String((req.body as { phone?: string } | undefined)?.phone ?? '')) ?? undefined);
  r.post('/api/public/cases', {
    config: pubWrite,
    preHandler: perReporter,
    schema: { tags: ['public'], summary: '群众上报 A resident reports a problem; returns the tracking code. Send an Idempotency-Key.', body: PublicReportSchema },
  }, async (req, reply) => {
    const b = req.body;
    return idempotent(
      ctx, req, reply, 'public', 201,
      (ticket) => createCase(ctx, publicActor(req.ip), { channel: 'web', categoryId: b.categoryId, description: b.description, lat: b.lat, lng: b.lng, address: b.address, reporterName: b.name, reporterPhone: b.phone, uploadIds: b.uploadIds }, ticket),
      // The stored answer keeps the reporter's key encrypted; a retry gets it back in clear, as the first answer did.
      (stored) => {
        const { reporterKeyEnc, ...rest } = stored as { reporterKeyEnc?: string };
        return reporterKeyEnc ? { ...rest, reporterKey: ctx.crypto.decrypt(reporterKeyEnc) } : rest;
      },
    );
  });
  // The reporter's key travels in a header (never in a URL, which ends up in logs); with it the answer carries the result.
  const asker = (req: FastifyRequest) => ({ key: reporterKeyHeader(req), locale: req.locale });
  r.get('/api/public/cases/:code', { config: pub, schema: { tags: ['public'], summary: '进度查询 Track a case by code (send X-Reporter-Key to see the checked result)', params: z.object({ code: Code }) } }, async (req) => trackCase(ctx, req.params.code, asker(req)));
  r.get('/api/public/cases/:code/result-photos/:id', {
    config: pub,
    schema: { tags: ['public'], summary: '处置后照片 An after-photo of the result, for the reporter (X-Reporter-Key)', params: z.object({ code: Code, id: z.string().uuid() }) },
  }, async (req, reply) => {
    const f = await resultPhotoOf(ctx, req.params.code, reporterKeyHeader(req), req.params.id);
    return reply.header('content-type', f.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(f.data);
  });
  r.post('/api/public/cases/:code/rating', {
    config: pubWrite,
    schema: {
      tags: ['public'],
      summary: '评价 The reporter rates the result (once the case is verified), proved by the key the tracking link carries; a wrong key answers like an unknown code',
      params: z.object({ code: Code }),
      body: PublicRatingSchema,
    },
  }, async (req, reply) =>
    idempotent(ctx, req, reply, 'public', 200, async (ticket) => {
      await rateAsReporter(ctx, req.ip, req.params.code, req.body.key, req.body, ticket);
      return trackCase(ctx, req.params.code, { key: req.body.key, locale: req.locale });
    }, () => trackCase(ctx, req.params.code, { key: req.body.key, locale: req.locale })),
  );
  // "Me too" is limited per address (pubWrite) and per case, however many devices or addresses vote.
  const perCase = limitBy(app, ctx.config.rateLimits.meToo, 'me-too', (req) => (req.params as { code?: string }).code);
  r.post('/api/public/cases/:code/me-too', {
    config: pubWrite,
    preHandler: perCase,
    schema: { tags: ['public'], summary: '我也遇到 Add your voice to an open public case: counted once per device and once per phone', params: z.object({ code: Code }), body: PublicMeTooSchema },
  }, async (req, reply) =>
    idempotent(ctx, req, reply, 'public', 200, async (ticket) => {
      const { counted } = await meTooAsResident(ctx, req.ip, req.params.code, req.body, ticket);
      return { ...(await trackCase(ctx, req.params.code, asker(req))), counted };
    }, async (stored) => ({ ...(await trackCase(ctx, req.params.code, asker(req))), counted: (stored as { counted?: boolean }).counted ?? false })),
  );
}
