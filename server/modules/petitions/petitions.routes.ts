/** Petition routes: the register and workbench, the card, one endpoint per workflow action, reveal, attachments, case links; the public side. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { petitionActions, type PetitionAction } from '../../../core/workflow/petition-workflow.ts';
import { PetitionCaseLinkSchema, PetitionCode, PetitionListQuery, PetitionRegisterSchema, PetitionRepeatQuery, PetitionToCaseSchema, PublicPetitionRatingSchema, PublicPetitionSchema, RevealPetitionersSchema, petitionActionSchemas } from '../../../core/schemas/petitions.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf, perIp, perToken } from '../../http/route-config.ts';
import { idempotent, keyScopeOf } from '../../http/idempotent.ts';
import { registerPetition, repeatsFor } from './petition-register.service.ts';
import { applyPetitionAction } from './petition-actions.service.ts';
import * as queries from './petition-queries.service.ts';
import { linkCase } from './petition-links.service.ts';
import { petitionToCase } from './petition-cases.service.ts';
import { ratePetition, submitOnline, trackPetition } from './public-petition.service.ts';

const params = z.object({ code: PetitionCode });

/** The petitioner's key a request carries (X-Petitioner-Key), if any. */
function keyHeader(req: FastifyRequest): string | undefined {
  const v = req.headers['x-petitioner-key'];
  return typeof v === 'string' && v.length <= 64 ? v : undefined;
}

/** Registers /api/petitions/* and /api/public/petitions/*. */
export function petitionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/petitions', {
    config: { access: { permission: 'petition:register' }, rateLimit: perToken(ctx.config.rateLimits.token) },
    schema: { tags: ['petitions'], summary: '登记信访事项 Register a petition (visit, letter, phone, video, online); honours Idempotency-Key', body: PetitionRegisterSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => registerPetition(ctx, actor, req.body, ticket));
  });
  r.get('/api/petitions', { config: { access: { permission: 'petition:read' } }, schema: { tags: ['petitions'], summary: '信访登记簿与待办 The register and the workbench boxes', querystring: PetitionListQuery } }, async (req) => queries.listPetitions(ctx, actorOf(req), req.query));
  r.get('/api/petitions/boxes', { config: { access: { permission: 'petition:read' } }, schema: { tags: ['petitions'], summary: '待办数量 Counts of the workbench boxes' } }, async (req) => queries.boxCounts(ctx, actorOf(req)));
  r.get('/api/petitions/repeats', { config: { access: { permission: 'petition:register' } }, schema: { tags: ['petitions'], summary: '重复信访提示 Earlier petitions of the same person or matter', querystring: PetitionRepeatQuery } }, async (req) => repeatsFor(ctx, actorOf(req), req.query));
  r.get('/api/petitions/:code', { config: { access: { permission: 'petition:read', objects: ['petition'] } }, schema: { tags: ['petitions'], summary: '信访件 The card: clocks, timeline, documents, allowed actions', params } }, async (req) => queries.getPetition(ctx, actorOf(req), req.params.code));
  r.post('/api/petitions/:code/petitioners/reveal', {
    config: { access: { permission: 'pii:view', objects: ['petition'] } },
    schema: { tags: ['petitions'], summary: '查看信访人 Reveal the petitioners (audited, with the reason)', params, body: RevealPetitionersSchema },
  }, async (req) => queries.revealPetitioners(ctx, actorOf(req), req.params.code, req.body.reason));
  r.get('/api/petitions/:code/attachments/:id', {
    config: { access: { permission: 'petition:read', objects: ['petition', 'petitionAttachment'] } },
    schema: { tags: ['petitions'], summary: '附件 A letter scan, envelope or evidence', params: params.extend({ id: z.string().uuid() }) },
  }, async (req, reply) => {
    const f = await queries.attachmentOf(ctx, actorOf(req), req.params.code, req.params.id);
    return reply.header('content-type', f.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(f.data);
  });
  r.post('/api/petitions/:code/case-links', {
    config: { access: { permission: 'petition:act', objects: ['petition'] } },
    schema: { tags: ['petitions'], summary: '关联案件 Link a case to the petition', params, body: PetitionCaseLinkSchema },
  }, async (req) => linkCase(ctx, actorOf(req), req.params.code, req.body));
  r.post('/api/petitions/:code/cases', {
    config: { access: { permission: 'petition:act', objects: ['petition'] } },
    schema: { tags: ['petitions'], summary: '转为案件 Make a case of the petition (linked both ways); honours Idempotency-Key', params, body: PetitionToCaseSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => petitionToCase(ctx, actor, req.params.code, req.body, ticket));
  });
  for (const action of petitionActions) {
    r.post(`/api/petitions/:code/actions/${action}`, {
      config: { access: { permission: 'petition:act', objects: ['petition'] } },
      schema: { tags: ['petition actions'], summary: `信访操作 ${action}; honours Idempotency-Key`, params, body: petitionActionSchemas[action] },
    }, async (req, reply) => {
      const actor = actorOf(req);
      return idempotent(ctx, req, reply, keyScopeOf(actor), 200, (ticket) => applyPetitionAction(ctx, actor, req.params.code, action as PetitionAction, req.body as Record<string, unknown>, ticket));
    });
  }

  const pub = { access: { auth: 'public' as const } };
  r.post('/api/public/petitions', {
    config: { ...pub, rateLimit: perIp(ctx.config.rateLimits.public) },
    schema: { tags: ['public'], summary: '网上信访 A resident submits a petition online; returns the code and the key of the tracking link. Send an Idempotency-Key.', body: PublicPetitionSchema },
  }, async (req, reply) =>
    idempotent(ctx, req, reply, 'public', 201, (ticket) => submitOnline(ctx, req.ip, req.body, ticket), (stored) => {
      const { petitionerKeyEnc, ...rest } = stored as { petitionerKeyEnc?: string };
      return petitionerKeyEnc ? { ...rest, petitionerKey: ctx.crypto.decrypt(petitionerKeyEnc) } : rest;
    }),
  );
  r.get('/api/public/petitions/:code', { config: pub, schema: { tags: ['public'], summary: '信访进度查询 Follow a petition by code (no personal data; X-Petitioner-Key shows whether you may rate)', params } }, async (req) => trackPetition(ctx, req.params.code, keyHeader(req)));
  r.post('/api/public/petitions/:code/rating', {
    config: { ...pub, rateLimit: perIp(ctx.config.rateLimits.public) },
    schema: { tags: ['public'], summary: '信访评价 The petitioner rates the handling once a reply was served (the key of the tracking link)', params, body: PublicPetitionRatingSchema },
  }, async (req) => ratePetition(ctx, req.ip, req.params.code, req.body));
}
