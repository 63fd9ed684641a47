/**
 * The field records' routes (the field app 网格通 and the staff pages): templates, patrols with their track and
 * findings, visits, assessments, attachments, patrol compliance. Every create honours the Idempotency-Key, which
 * is the record's client id: a retry after a lost answer replays it.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttachmentQuery, AssessmentSchema, PatrolComplianceQuery, PatrolListQuery, VisitListQuery, FindingSchema, PatrolEndSchema, PatrolStartSchema, TrackChunkSchema, VisitSchema } from '../../../core/schemas/field.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf, type RouteAccess } from '../../http/route-config.ts';
import { idempotent, keyScopeOf } from '../../http/idempotent.ts';
import { recordAssessment } from './assessments.service.ts';
import { putAttachment, type OwnerType } from './attachments.service.ts';
import { readUpload } from '../uploads/uploads.routes.ts';
import { recordFinding } from './findings.service.ts';
import { patrolCompliance } from './compliance.service.ts';
import { householdAssessments, listPatrols, listVisits } from './lists.service.ts';
import { kpis } from '../dashboard/dashboard.service.ts';
import { KpiQuery } from '../../../core/schemas/cases.schema.ts';
import { addTrackChunk, endPatrol, readPatrol, readTrack, startPatrol } from './patrols.service.ts';
import { listTemplates } from './templates.service.ts';
import { riskByGrid } from './risk-map.service.ts';
import { RiskByGridQuery } from '../../../core/schemas/risk-map.schema.ts';
import { recordVisit } from './visits.service.ts';

const patrolParams = z.object({ patrolId: z.string().uuid() });
const record: RouteAccess = { permission: 'field:record' };
const onPatrol: RouteAccess = { permission: 'field:record', objects: ['patrol'] };

/** Registers /api/field/* (records, templates, tracks, compliance). */
export function fieldRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/field/templates', { config: { access: { permission: ['field:record', 'field:read'] } }, schema: { tags: ['field'], summary: '走访清单与风险评估表 The active checklists and questionnaires (三必到 四必清 五必访 四访三问 六必查, household risk)' } }, async () => listTemplates(ctx));
  r.post('/api/field/patrols', { config: { access: record }, schema: { tags: ['field'], summary: '开始巡查 Start a patrol (id = the client UUID = Idempotency-Key)', body: PatrolStartSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => startPatrol(ctx, actor, req.body, ticket));
  });
  r.post('/api/field/patrols/:patrolId/end', { config: { access: onPatrol }, schema: { tags: ['field'], summary: '结束巡查 End a patrol (ending twice answers its state)', params: patrolParams, body: PatrolEndSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 200, (ticket) => endPatrol(ctx, actor, req.params.patrolId, req.body, ticket));
  });
  r.post('/api/field/patrols/:patrolId/track', { config: { access: onPatrol }, schema: { tags: ['field'], summary: '上传巡查轨迹 One chunk of the track (1–120 points, stored encrypted)', params: patrolParams, body: TrackChunkSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => addTrackChunk(ctx, actor, req.params.patrolId, req.body, ticket));
  });
  r.get('/api/field/patrols/:patrolId', { config: { access: { permission: ['field:read', 'field:record'], objects: ['patrol'] } }, schema: { tags: ['field'], summary: '巡查详情 One patrol with its 六必查 checklist (its worker, or a reader in scope)', params: patrolParams } }, async (req) => readPatrol(ctx, actorOf(req), req.params.patrolId));
  r.get('/api/field/patrols/:patrolId/track', { config: { access: { permission: ['field:record', 'field:track'], objects: ['patrol'] } }, schema: { tags: ['field'], summary: '查看巡查轨迹 The whole track, to its worker or a leader in scope (each read audited)', params: patrolParams } }, async (req) => readTrack(ctx, actorOf(req), req.params.patrolId));
  r.post('/api/field/patrols/:patrolId/findings', { config: { access: onPatrol }, schema: { tags: ['field'], summary: '巡查发现问题 A finding; it becomes a case in the same transaction (answers the case code)', params: patrolParams, body: FindingSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => recordFinding(ctx, actor, req.params.patrolId, req.body, ticket));
  });
  r.post('/api/field/visits', { config: { access: record }, schema: { tags: ['field'], summary: '登记走访 Record a visit (corrections supersede, never edit)', body: VisitSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => recordVisit(ctx, actor, req.body, ticket));
  });
  r.post('/api/field/assessments', { config: { access: record }, schema: { tags: ['field'], summary: '家庭安全风险评估 Assess a household (scored on the server)', body: AssessmentSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => recordAssessment(ctx, actor, req.body, ticket));
  });
  r.put('/api/field/attachments/:id', {
    config: { access: { permission: 'field:record', objects: ['clientId'] } },
    schema: { tags: ['field'], summary: '上传走访、巡查或评估的照片与录音 One photo or voice note of a record of mine (multipart `file`); 201 stored, 200 already stored', params: z.object({ id: z.string().uuid() }), querystring: AttachmentQuery },
  }, async (req, reply) => {
    const [type, ownerId] = req.query.owner.split(':') as [OwnerType, string];
    const { created, attachment } = await putAttachment(ctx, actorOf(req), req.params.id, { type, id: ownerId.toLowerCase() }, () => readUpload(req));
    return reply.code(created ? 201 : 200).send(attachment);
  });
  r.get('/api/field/patrol-compliance', {
    config: { access: { permission: 'field:read' } },
    schema: { tags: ['field'], summary: '一日一巡 Patrol compliance per worker, grid and township: days with an ended patrol ÷ days in the range, minutes, distance, findings', querystring: PatrolComplianceQuery },
  }, async (req) => patrolCompliance(ctx, actorOf(req), req.query));
  r.get('/api/field/risk-by-grid', {
    config: { access: { permission: 'field:read' } },
    schema: { tags: ['field'], summary: '安全风险分布 Active households per grid by their current safety-risk level (high, medium, low, not assessed)', querystring: RiskByGridQuery },
  }, async (req) => riskByGrid(ctx, actorOf(req), req.query));
  r.get('/api/kpis/field', {
    config: { access: { permission: 'kpi:read' } },
    schema: { tags: ['kpis'], summary: '网格巡查走访统计 Field work for a region: patrols, minutes, distance, findings, 一日一巡 (grid-days patrolled ÷ grids × days) per child region, households by current risk level', querystring: KpiQuery },
  }, async (req) => kpis(ctx, actorOf(req), 'field', req.query));
  r.get('/api/field/patrols', { config: { access: { permission: ['field:read', 'field:record'] } }, schema: { tags: ['field'], summary: '巡查记录 Patrols in a region, newest first (a grid worker sees their own); counts only, the track has its own audited route', querystring: PatrolListQuery } }, async (req) => listPatrols(ctx, actorOf(req), req.query));
  r.get('/api/field/visits', { config: { access: { permission: 'field:read' } }, schema: { tags: ['field'], summary: '走访记录 Visits in a region or of one household or person, newest first (answers kept in clear only; corrections name what they supersede)', querystring: VisitListQuery } }, async (req) => listVisits(ctx, actorOf(req), req.query));
  r.get('/api/households/:id/assessments', { config: { access: { permission: 'field:read', objects: ['household'] } }, schema: { tags: ['field'], summary: '安全风险评估记录 A household\'s current risk level and its assessments (level and score, never the answers)', params: z.object({ id: z.string().uuid() }) } }, async (req) => householdAssessments(ctx, actorOf(req), req.params.id));
}
