/** /api/people, /api/households: the population registry. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HouseholdCreateSchema, HouseholdListQuery, HouseholdMemberSchema, HouseholdMoveSchema, PersonCreateSchema, PersonListQuery, RevealSchema } from '../../../core/schemas/people.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as persons from './persons.service.ts';
import * as households from './households.service.ts';

const Id = z.object({ id: z.uuid() });

/** Registers the registry routes. */
export function peopleRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/people', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '实有人口 Persons (masked); exact search by name or ID number', querystring: PersonListQuery } }, async (req) =>
    persons.listPersons(ctx, actorOf(req), req.query),
  );
  r.post('/api/people', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '登记人员 Register a person', body: PersonCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await persons.createPerson(ctx, actorOf(req), req.body)),
  );
  r.get('/api/people/:id', { config: { access: { permission: 'person:read', objects: ['person'] } }, schema: { tags: ['people'], summary: '人员详情 One person (masked) with history', params: Id } }, async (req) =>
    persons.getPerson(ctx, actorOf(req), req.params.id),
  );
  r.post('/api/people/:id/reveal', { config: { access: { permission: 'person:reveal', objects: ['person'] } }, schema: { tags: ['people'], summary: '查看完整信息 Full values of some fields (audited, with a reason)', params: Id, body: RevealSchema } }, async (req) =>
    persons.revealPerson(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/households', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '网格内的户 Households of a grid', querystring: HouseholdListQuery } }, async (req) =>
    households.listHouseholds(ctx, actorOf(req), req.query),
  );
  r.post('/api/households', { config: { access: { permission: 'person:write' } }, schema: { tags: ['people'], summary: '新建户 Add a household', body: HouseholdCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await households.createHousehold(ctx, actorOf(req), req.body)),
  );
  r.get('/api/households/:id', { config: { access: { permission: 'person:read', objects: ['household'] } }, schema: { tags: ['people'], summary: '户卡 The household card', params: Id } }, async (req) =>
    households.householdCard(ctx, actorOf(req), req.params.id),
  );
  r.post('/api/households/:id/members', { config: { access: { permission: 'person:write', objects: ['household'] } }, schema: { tags: ['people'], summary: '加入成员 Add a member with the relation to the head', params: Id, body: HouseholdMemberSchema } }, async (req) =>
    households.addMember(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/households/:id/move', { config: { access: { permission: 'person:write', objects: ['household'] } }, schema: { tags: ['people'], summary: '迁移 Move the household and its members to another grid', params: Id, body: HouseholdMoveSchema } }, async (req) =>
    households.moveHousehold(ctx, actorOf(req), req.params.id, req.body),
  );
  r.get('/api/grids/:code/registry-history', { config: { access: { permission: 'person:read', objects: ['grid'] } }, schema: { tags: ['people'], summary: '网格人户变动 Records that entered or left the grid', params: z.object({ code: z.string().regex(/^\d{15}$/) }) } }, async (req) =>
    households.gridHistory(ctx, actorOf(req), req.params.code),
  );
}
