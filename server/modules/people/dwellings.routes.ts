/** /api/buildings/:id, /api/dwellings, /api/rentals: dwellings of buildings and rental housing. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BuildingUpdateSchema, DwellingCreateSchema, GridItemsQuery, RentalRegisterSchema, TenancyEndSchema, TenantAddSchema } from '../../../core/schemas/people.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as dwellings from './dwellings.service.ts';
import * as places from './places.service.ts';
import { watermarkedXlsx } from './person-files.ts';

type LedgerRow = Awaited<ReturnType<typeof dwellings.exportRentals>>['rows'][number];
const ledgerHeaders: [keyof LedgerRow, string][] = [['building', '楼栋'], ['label', '房屋'], ['use', '出租用途'], ['landlord', '房东'], ['landlordPhone', '房东电话'], ['registeredOn', '登记日期'], ['tenants', '现住租户']];

const Id = z.object({ id: z.uuid() });

/** Registers the dwelling and rental-housing routes. */
export function dwellingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/buildings/:id', { config: { access: { permission: 'person:read', objects: ['building'] } }, schema: { tags: ['people'], summary: '楼栋详情 A building with its dwellings, rental registrations and tenants (masked)', params: Id } }, async (req) =>
    dwellings.getBuilding(ctx, actorOf(req), req.params.id),
  );
  r.patch('/api/buildings/:id', { config: { access: { permission: 'person:write', objects: ['building'] } }, schema: { tags: ['people'], summary: '修改楼栋 Correct a building (name, address, floors, point in its grid) with the version read', params: Id, body: BuildingUpdateSchema } }, async (req) =>
    places.updateBuilding(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/buildings/:id/dwellings', { config: { access: { permission: 'person:write', objects: ['building'] } }, schema: { tags: ['people'], summary: '登记房屋 Add a dwelling (flat, room) to a building', params: Id, body: DwellingCreateSchema } }, async (req, reply) =>
    reply.code(201).send(await dwellings.addDwelling(ctx, actorOf(req), req.params.id, req.body)),
  );
  r.post('/api/dwellings/:id/rental', { config: { access: { permission: 'person:write', objects: ['dwelling'] } }, schema: { tags: ['people'], summary: '出租房屋登记 Register a dwelling as let out: landlord, use, day of registration', params: Id, body: RentalRegisterSchema } }, async (req) =>
    dwellings.registerRental(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/dwellings/:id/tenants', { config: { access: { permission: 'person:write', objects: ['dwelling'] } }, schema: { tags: ['people'], summary: '租户入住 A registered person (by exact ID number) moves in', params: Id, body: TenantAddSchema } }, async (req) =>
    dwellings.addTenant(ctx, actorOf(req), req.params.id, req.body),
  );
  r.post('/api/dwellings/:id/tenants/:personId/end', { config: { access: { permission: 'person:write', objects: ['dwelling', 'person'] } }, schema: { tags: ['people'], summary: '租户退租 A tenant moves out (the tenancy is kept with its dates)', params: z.object({ id: z.uuid(), personId: z.uuid() }), body: TenancyEndSchema } }, async (req) =>
    dwellings.endTenancy(ctx, actorOf(req), req.params.id, req.params.personId, req.body),
  );
  r.get('/api/rentals', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '出租房屋台账 Rental housing of a grid, with landlord (masked) and current tenants', querystring: GridItemsQuery } }, async (req) =>
    dwellings.listRentals(ctx, actorOf(req), req.query),
  );
  r.get('/api/rentals/export', { config: { access: { permission: 'person:read' } }, schema: { tags: ['people'], summary: '导出出租房屋台账 The rental ledger of a grid as XLSX (masked, watermarked, audited)', querystring: GridItemsQuery } }, async (req, reply) => {
    const { rows, watermark } = await dwellings.exportRentals(ctx, actorOf(req), req.query);
    reply.header('content-disposition', `attachment; filename="rentals-${req.query.grid}.xlsx"`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return reply.send(await watermarkedXlsx('出租房屋 rentals', ledgerHeaders, rows, watermark, { 6: 30 }));
  });
}
