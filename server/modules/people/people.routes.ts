/** /api/people, /api/households: the population registry. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BuildingCreateSchema, GridItemsQuery, PlaceCreateSchema, PlaceListQuery, PlaceUpdateSchema, LegalHoldSchema, PeopleStatsQuery, PersonLeaveSchema, PersonRecordSchema, HouseholdCreateSchema, HouseholdListQuery, HouseholdMemberSchema, HouseholdMoveSchema, HouseholdUpdateSchema, ExpiringQuery, PersonCreateSchema, PersonMoveSchema, PersonUpdateSchema, PersonListQuery, RevealSchema } from '../../../core/schemas/people.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import { idempotent, keyScopeOf } from '../../http/idempotent.ts';
import * as persons from './persons.service.ts';
import * as households from './households.service.ts';
import * as retention from './retention.service.ts';
import * as records from './records.service.ts';
import * as places from './places.service.ts';
import * as changes from './person-changes.service.ts';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError, errorMessage } from '../../../core/errors.ts';
import { errorReportOf, importDir, jobOf, presentJob, startImport } from './import-jobs.ts';
import { requirePermission } from '../../lib/access.ts';
import { isXlsx, personsXlsx, templateXlsx } from './person-files.ts';
import { templateCodes } from '../codes/codes.service.ts';

const Id = z.object({ id: z.uuid() });

/** Registers the registry routes. */
export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/people', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '实有人口 Persons (masked); exact search by name, ID number or mobile number', querystring: PersonListQuery } }, async (req) =>
    persons.listPersons(ctx, actorOf(req), req.query),
  );
  r.post('/api/people', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '登记人员 Register a person (optional client id; honours Idempotency-Key)', body: PersonCreateSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => persons.createPerson(ctx, actor, req.body, ticket));
  });
  r.post('/api/people/import', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '导入人员 Upload a CSV or XLSX of persons (multipart); answers a job to poll', querystring: z.object({ mode: z.enum(['upsert', 'all']).default('upsert') }) } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'person:write');
    if (!req.isMultipart()) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'not_multipart', message: 'multipart/form-data with one file' }]);
    const maxBytes = ctx.config.imports.maxBytes;
    const file = await req.file({ limits: { fileSize: maxBytes } });
    if (!file) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'missing', message: 'no file' }]);
    const xlsx = isXlsx(file.filename) || file.mimetype.includes('spreadsheetml');
    if (!xlsx && !/\.csv$/i.test(file.filename) && !file.mimetype.includes('csv')) throw new AppError('UPLOAD_REJECTED', [{ path: 'file', code: 'unsupported_type', message: '只接受 CSV 或 XLSX' }]);
    const dir = importDir(ctx);
    try {
      const path = join(dir, xlsx ? 'upload.xlsx' : 'upload.csv');
      await pipeline(file.file, createWriteStream(path, { mode: 0o600 }));
      if (file.file.truncated) throw new AppError('IMPORT_LIMIT', [{ path: 'file', code: 'too_large', message: `文件超过 ${Math.floor(maxBytes / 1024 / 1024)} MB 的上限（ANWANG_IMPORT_MAX_MB），请拆分文件` }]);
      return reply.code(202).send(presentJob(startImport(ctx, actor, dir, path, xlsx, req.query.mode)));
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  });
  r.get('/api/people/import', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '导入进度 Progress and result of my import job', querystring: z.object({ job: z.uuid() }) } }, async (req) => {
    const job = presentJob(jobOf(ctx, actorOf(req), req.query.job));
    return { ...job, error: job.error ? { ...job.error, message: errorMessage(job.error.code as never, req.locale) } : null };
  });
  r.get('/api/people/import/errors', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '导入错误报告 The refused rows of my import, as XLSX', querystring: z.object({ job: z.uuid() }) } }, async (req, reply) => {
    const bytes = errorReportOf(ctx, actorOf(req), req.query.job);
    reply.header('content-disposition', 'attachment; filename="import-errors.xlsx"').type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(bytes);
  });
  r.get('/api/people/import/template', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '导入模板 The import template (XLSX)' } }, async (_req, reply) => {
    reply.header('content-disposition', 'attachment; filename="persons-template.xlsx"').type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(await templateXlsx(await templateCodes(ctx)));
  });
  r.get('/api/people/export', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '导出人员 Masked persons as XLSX with a watermark of user and time (audited)', querystring: z.object({ grid: z.string().regex(/^\d{15}$/).optional(), region: z.string().regex(/^\d{12}$/).optional() }) } }, async (req, reply) => {
    const { rows, watermark } = await persons.exportPersons(ctx, actorOf(req), req.query);
    reply.header('content-disposition', `attachment; filename="persons-${req.query.grid ?? req.query.region ?? 'all'}.xlsx"`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(await personsXlsx(rows, watermark));
  });
  r.get('/api/people/:id', { config: { access: { permission: 'person:read', objects: ['person'] } }, schema: { tags: ['people'], summary: '人员详情 One person (masked) with history', params: Id } }, async (req) =>
    persons.getPerson(ctx, actorOf(req), req.params.id),
  );
  r.patch('/api/people/:id', { config: { access: { permission: 'person:write', objects: ['person'] } }, schema: { tags: ['people'], summary: '修改人员信息 Change name, phone, address, type or ethnic group (with the version read)', params: Id, body: PersonUpdateSchema } }, async (req) =>
    changes.updatePerson(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/people/:id/move', { config: { access: { permission: 'person:write', objects: ['person'] } }, schema: { tags: ['people'], summary: '人员迁移 A person without a household moves to another grid', params: Id, body: PersonMoveSchema } }, async (req) =>
    changes.movePerson(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/people/:id/reveal', { config: { access: { permission: 'person:reveal', objects: ['person'] } }, schema: { tags: ['people'], summary: '查看完整信息 Full values of some fields (audited, with a reason)', params: Id, body: RevealSchema } }, async (req) =>
    persons.revealPerson(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/people/:id/leave', { config: { access: { permission: 'person:write', objects: ['person'] } }, schema: { tags: ['people'], summary: '迁出或死亡 Archive a person who moved away or died (data purged after the retention period)', params: Id, body: PersonLeaveSchema } }, async (req) =>
    retention.leave(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/people/:id/legal-hold', { config: { access: { permission: 'person:reveal', objects: ['person'] } }, schema: { tags: ['people'], summary: '法律保全 Keep a record from being purged, or release it', params: Id, body: LegalHoldSchema } }, async (req) =>
    retention.setLegalHold(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/people/:id/records', { config: { access: { permission: 'person:write', objects: ['person'] } }, schema: { tags: ['people'], summary: '登记类别 Add an extension record (migrant, special group, youth at risk, care…)', params: Id, body: PersonRecordSchema } }, async (req, reply) =>
    reply.code(201).send(await records.addRecord(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.get('/api/people/stats', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '人口统计 Persons by record kind under a region or grid (counts below 5 shown as null)', querystring: PeopleStatsQuery } }, async (req) =>
    records.recordStats(ctx, actorOf(req), req.query),
  );
  r.get('/api/people/expiring', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '证件到期提醒 Residence permits and visas expired or expiring within N days (masked)', querystring: ExpiringQuery } }, async (req) =>
    records.expiringPermits(ctx, actorOf(req), req.query),
  );
  r.get('/api/buildings', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '楼栋 Buildings of a grid (for the map)', querystring: GridItemsQuery } }, async (req) => places.listBuildings(ctx, actorOf(req), req.query));
  r.post('/api/buildings', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '登记楼栋 Add a building', body: BuildingCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await places.createBuilding(ctx, actorOf(req), req.body)),
  );
  r.get('/api/places', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '场所与组织 Places and organisations of a grid, a region under the scope, or the whole scope', querystring: PlaceListQuery } }, async (req) => places.listPlaces(ctx, actorOf(req), req.query));
  r.post('/api/places', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '登记场所 Add a place or organisation', body: PlaceCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await places.createPlace(ctx, actorOf(req), req.body)),
  );
  r.get('/api/places/:id', { config: { access: { permission: 'person:read', objects: ['place'] } }, schema: { tags: ['people'], summary: '场所详情 One place', params: Id } }, async (req) => places.getPlace(ctx, actorOf(req), req.params.id));
  r.patch('/api/places/:id', { config: { access: { permission: 'person:write', objects: ['place'] } }, schema: { tags: ['people'], summary: '修改场所 Correct a place or organisation (kind, name, credit code, contact, point) with the version read', params: Id, body: PlaceUpdateSchema } }, async (req) =>
    places.updatePlace(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/households', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '户 Households of a grid, a region under the scope (township, village), or the whole scope, a page at a time', querystring: HouseholdListQuery } }, async (req) =>
    households.listHouseholds(ctx, actorOf(req), req.query),
  );
  r.post('/api/households', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '新建户 Add a household (optional client id; honours Idempotency-Key)', body: HouseholdCreateSchema } }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(ctx, req, reply, keyScopeOf(actor), 201, (ticket) => households.createHousehold(ctx, actor, req.body, ticket));
  });
  r.get('/api/households/:id', { config: { access: { permission: 'person:read', objects: ['household'] } }, schema: { tags: ['people'], summary: '户卡 The household card', params: Id } }, async (req) =>
    households.householdCard(ctx, actorOf(req), req.params.id),
  );
  r.post('/api/households/:id/members', { config: { access: { permission: 'person:write', objects: ['household'] } }, schema: { tags: ['people'], summary: '加入成员 Add a member with the relation to the head', params: Id, body: HouseholdMemberSchema } }, async (req) =>
    households.addMember(ctx, actorOf(req), req.params.id, req.body),
  );
  r.patch('/api/households/:id', { config: { access: { permission: 'person:write', objects: ['household'] } }, schema: { tags: ['people'], summary: '修改户信息 Change number, address, note, risk level or head (with the version read)', params: Id, body: HouseholdUpdateSchema } }, async (req) =>
    changes.updateHousehold(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/households/:id/members/:personId/remove', { config: { access: { permission: 'person:write', objects: ['household', 'person'] } }, schema: { tags: ['people'], summary: '移出成员 Take a member out of the household (they stay registered)', params: z.object({ id: z.uuid(), personId: z.uuid() }) } }, async (req) => {
    await changes.removeMember(ctx, actorOf(req), req.params.id, req.params.personId);
    return households.householdCard(ctx, actorOf(req), req.params.id);
  });
  r.post('/api/households/:id/move', { config: { access: { permission: 'person:write', objects: ['household'] } }, schema: { tags: ['people'], summary: '迁移 Move the household and its members to another grid', params: Id, body: HouseholdMoveSchema } }, async (req) =>
    households.moveHousehold(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/grids/:code/registry-history', { config: { access: { permission: 'person:read', objects: ['grid'] } }, schema: { tags: ['people'], summary: '网格人户变动 Records that entered or left the grid', params: z.object({ code: z.string().regex(/^\d{15}$/) }) } }, async (req) =>
    households.gridHistory(ctx, actorOf(req), req.params.code),
  );
}
