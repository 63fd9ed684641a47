/**
 * Dispute and mediation routes: the register and workbench, the card, one endpoint per workflow action, the
 * audited reveal of parties, a case or a petition becoming a dispute, the organisation (committees, rooms,
 * mediators with load), and the resident's online application and follow-up.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { disputeActions, type DisputeAction } from '../../../core/workflow/dispute-workflow.ts';
import { CommitteePatchSchema, CommitteeSchema, DisputeCode, DisputeFromRecordSchema, DisputeListQuery, DisputeRegisterSchema, DisputeRevealSchema, MediatorAccountQuery, MediatorListQuery, MediatorPatchSchema, MediatorSchema, PublicDisputeSchema, RoomPatchSchema, RoomSchema, disputeActionSchemas } from '../../../core/schemas/disputes.schema.ts';
import { PetitionCode } from '../../../core/schemas/petitions.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf, perIp, perToken } from '../../http/route-config.ts';
import { idempotent, keyScopeOf } from '../../http/idempotent.ts';
import { registerDispute } from './dispute-register.service.ts';
import { exportFile } from './dispute-file.service.ts';
import { contentDisposition } from '../documents/documents.routes.ts';
import { applyDisputeAction } from './dispute-actions.service.ts';
import * as queries from './dispute-queries.service.ts';
import * as org from './organisation.service.ts';
import { mediationStatsRoutes } from './mediation-stats.routes.ts';
import { applyOnline, disputeFromCase, disputeFromPetition, trackDispute } from './dispute-intake.service.ts';

const params = z.object({ code: DisputeCode });
const idParams = z.object({ id: z.string().uuid() });
const CaseCode = z.string().regex(/^\d{6}-[0-9A-Z]{8}$/);
const orgRead = ['dispute:read', 'mediation:admin'] as const;

/** Registers /api/disputes/*, /api/mediation/*, /api/mediators/*, the two "to dispute" routes and /api/public/disputes/*. */
export function mediationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  mediationStatsRoutes(app, ctx);
  r.post('/api/disputes', {
    config: { access: { permission: 'dispute:register' }, rateLimit: perToken(ctx.config.rateLimits.token) },
    schema: { tags: ['disputes'], summary: '登记矛盾纠纷 Register a dispute (screening, walk-in); honours Idempotency-Key', body: DisputeRegisterSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => registerDispute(ctx, actor, req.body, ticket));
  });
  r.get('/api/disputes', { config: { access: { permission: 'dispute:read' } }, schema: { tags: ['disputes'], summary: '纠纷台账与待办 The register and the workbench boxes (mine, new, sessionsToday, overdue, urgent)', querystring: DisputeListQuery } }, async (req) => queries.listDisputes(ctx, actorOf(req), req.query));
  r.get('/api/disputes/boxes', { config: { access: { permission: 'dispute:read' } }, schema: { tags: ['disputes'], summary: '待办数量 Counts of the workbench boxes' } }, async (req) => queries.boxCounts(ctx, actorOf(req)));
  r.get('/api/disputes/:code', { config: { access: { permission: 'dispute:read', objects: ['dispute'] } }, schema: { tags: ['disputes'], summary: '纠纷卡片 The card: parties (masked), mediators, sessions, outcome, clocks, timeline, allowed actions', params } }, async (req) => queries.getDispute(ctx, actorOf(req), req.params.code));
  r.post('/api/disputes/:code/parties/reveal', {
    config: { access: { permission: 'dispute:reveal', objects: ['dispute'] } },
    schema: { tags: ['disputes'], summary: '查看当事人 Reveal the parties to their mediators and committee (audited, with the reason)', params, body: DisputeRevealSchema },
  }, async (req) => queries.revealParties(ctx, actorOf(req), req.params.code, req.body.reason));
  r.get('/api/disputes/:code/file.pdf', {
    config: { access: { permission: 'dispute:read', objects: ['dispute'] } },
    schema: { tags: ['disputes'], summary: '调解卷宗 The whole mediation file as one PDF (cover, contents, documents, back cover); each export is audited', params },
  }, async (req, reply) => {
    const { bytes, fileName } = await exportFile(ctx, actorOf(req), req.params.code);
    return reply.header('content-type', 'application/pdf').header('content-disposition', contentDisposition(fileName)).send(bytes);
  });
  for (const action of disputeActions) {
    r.post(`/api/disputes/:code/actions/${action}`, {
      config: { access: { permission: 'dispute:act', objects: ['dispute'] } },
      schema: { tags: ['dispute actions'], summary: `调解操作 ${action}; honours Idempotency-Key`, params, body: disputeActionSchemas[action] },
    }, async (req, reply) => {
      const actor = actorOf(req);
      return idempotent(ctx, req, reply, keyScopeOf(actor), 200, (ticket) => applyDisputeAction(ctx, actor, req.params.code, action as DisputeAction, req.body as Record<string, unknown>, ticket));
    });
  }
  r.post('/api/cases/:code/dispute', {
    config: { access: { permission: 'dispute:register', objects: ['case'] } },
    schema: { tags: ['disputes'], summary: '转为矛盾纠纷 A case of a dispute category becomes a dispute (place, text, category carried over); honours Idempotency-Key', params: z.object({ code: CaseCode }), body: DisputeFromRecordSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => disputeFromCase(ctx, actor, req.params.code, req.body, ticket));
  });
  r.post('/api/petitions/:code/dispute', {
    config: { access: { permission: 'dispute:register', objects: ['petition'] } },
    schema: { tags: ['disputes'], summary: '转人民调解 A petition suited to mediation goes to a committee; honours Idempotency-Key', params: z.object({ code: PetitionCode }), body: DisputeFromRecordSchema },
  }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => disputeFromPetition(ctx, actor, req.params.code, req.body, ticket));
  });

  r.get('/api/mediation/committees', { config: { access: { permission: orgRead } }, schema: { tags: ['mediation'], summary: '人民调解委员会 Committees in the scope and above it' } }, async (req) => org.listCommittees(ctx, actorOf(req)));
  r.post('/api/mediation/committees', { config: { access: { permission: 'mediation:admin' } }, schema: { tags: ['mediation'], summary: '新建调委会 Add a committee', body: CommitteeSchema } }, async (req, reply) => reply.code(201).send(await org.createCommittee(ctx, actorOf(req), req.body)));
  r.patch('/api/mediation/committees/:id', { config: { access: { permission: 'mediation:admin', objects: ['mediationCommittee'] } }, schema: { tags: ['mediation'], summary: '修改调委会 Change a committee', params: idParams, body: CommitteePatchSchema } }, async (req) => org.updateCommittee(ctx, actorOf(req), req.params.id, req.body));
  r.get('/api/mediation/rooms', { config: { access: { permission: orgRead } }, schema: { tags: ['mediation'], summary: '调解室 Rooms of the committees in view' } }, async (req) => org.listRooms(ctx, actorOf(req)));
  r.post('/api/mediation/rooms', { config: { access: { permission: 'mediation:admin' } }, schema: { tags: ['mediation'], summary: '新建调解室 Add a room (on-site, mobile, online)', body: RoomSchema } }, async (req, reply) => reply.code(201).send(await org.createRoom(ctx, actorOf(req), req.body)));
  r.patch('/api/mediation/rooms/:id', { config: { access: { permission: 'mediation:admin', objects: ['mediationRoom'] } }, schema: { tags: ['mediation'], summary: '修改调解室 Change a room', params: idParams, body: RoomPatchSchema } }, async (req) => org.updateRoom(ctx, actorOf(req), req.params.id, req.body));
  r.get('/api/mediators', { config: { access: { permission: orgRead } }, schema: { tags: ['mediation'], summary: '调解员 The mediator pool with current load (open disputes), languages, skills, awards', querystring: MediatorListQuery } }, async (req) => org.listMediators(ctx, actorOf(req), req.query));
  r.get('/api/mediation/accounts', { config: { access: { permission: 'mediation:admin' } }, schema: { tags: ['mediation'], summary: '可关联账号 Accounts in the scope to link a mediator to, by name or username', querystring: MediatorAccountQuery } }, async (req) => org.listLinkableAccounts(ctx, actorOf(req), req.query));
  r.post('/api/mediators', { config: { access: { permission: 'mediation:admin' } }, schema: { tags: ['mediation'], summary: '新建调解员 Add a mediator', body: MediatorSchema } }, async (req, reply) => reply.code(201).send(await org.createMediator(ctx, actorOf(req), req.body)));
  r.patch('/api/mediators/:id', { config: { access: { permission: 'mediation:admin', objects: ['mediator'] } }, schema: { tags: ['mediation'], summary: '修改调解员 Change a mediator', params: idParams, body: MediatorPatchSchema } }, async (req) => org.updateMediator(ctx, actorOf(req), req.params.id, req.body));

  const pub = { access: { auth: 'public' as const } };
  r.post('/api/public/disputes', {
    config: { ...pub, rateLimit: perIp(ctx.config.rateLimits.public) },
    schema: { tags: ['public'], summary: '申请调解 A resident applies for mediation online; returns the code and the key of the follow-up link. Send an Idempotency-Key.', body: PublicDisputeSchema },
  }, async (req, reply) =>
    idempotent(ctx, req, reply, 'public', 201, (ticket) => applyOnline(ctx, req.ip, req.body, ticket), (stored) => {
      const { applicantKeyEnc, ...rest } = stored as { applicantKeyEnc?: string };
      return applicantKeyEnc ? { ...rest, applicantKey: ctx.crypto.decrypt(applicantKeyEnc) } : rest;
    }),
  );
  r.get('/api/public/disputes/:code', { config: pub, schema: { tags: ['public'], summary: '调解进度查询 Follow a dispute by code (no personal data)', params } }, async (req) => trackDispute(ctx, req.params.code));
}
