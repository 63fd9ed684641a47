/** Grids, their staff and household groups, and point → grid lookup. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { GridCode, Uuid } from '../../../core/schemas/common.schema.ts';
import { GridDutiesSchema, GridGeoQuery, GridListQuery, GridStaffCreateSchema, LocateQuery, LocateResult } from '../../../core/schemas/grids.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as grids from './grids.service.ts';

const Params = z.object({ code: GridCode });

/** Registers /api/grids/*, /api/household-groups/* and /api/locate. */
export function gridRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/grids', { config: { access: { permission: 'grid:read' } }, schema: { tags: ['grids'], summary: '网格列表 Grids under a region', querystring: GridListQuery } }, async (req) =>
    grids.listGrids(ctx, actorOf(req), req.query),
  );
  r.get('/api/grids/geojson', { config: { access: { permission: 'grid:read' } }, schema: { tags: ['grids'], summary: '网格边界 Grid polygons as GeoJSON', querystring: GridGeoQuery } }, async (req) =>
    grids.gridGeoJson(ctx, actorOf(req), req.query.region),
  );
  r.get('/api/grids/:code', { config: { access: { permission: 'grid:read', objects: ['grid'] } }, schema: { tags: ['grids'], summary: '网格详情 One grid with staff and household groups', params: Params } }, async (req) =>
    grids.getGrid(ctx, actorOf(req), req.params.code),
  );
  r.put('/api/grids/:code/duties', {
    config: { access: { permission: 'grid:write', objects: ['grid'] } },
    schema: { tags: ['grids'], summary: '设置网格职责 Set duty layers (多网合一)', params: Params, body: GridDutiesSchema },
  }, async (req) => grids.setDuties(ctx, actorOf(req), req.params.code, req.body.duties));
  r.post('/api/grids/:code/staff', {
    config: { access: { permission: 'grid:write', objects: ['grid'] } },
    schema: { tags: ['grids'], summary: '配备网格力量 Assign staff to a grid', params: Params, body: GridStaffCreateSchema },
  }, async (req, reply) => reply.code(201).send(await grids.addStaff(ctx, actorOf(req), req.params.code, req.body)));
  r.delete('/api/grids/:code/staff/:staffId', {
    config: { access: { permission: 'grid:write', objects: ['grid', 'gridStaff'] } },
    schema: { tags: ['grids'], summary: '移除网格力量 Remove a staff assignment', params: z.object({ code: GridCode, staffId: Uuid }) },
  }, async (req, reply) => {
    await grids.removeStaff(ctx, actorOf(req), req.params.code, req.params.staffId);
    return reply.code(204).send();
  });
  r.get('/api/household-groups/:id', {
    config: { access: { permission: 'grid:read', objects: ['householdGroup'] } },
    schema: { tags: ['grids'], summary: '联户组 One household group', params: z.object({ id: Uuid }) },
  }, async (req) => grids.getHouseholdGroup(ctx, actorOf(req), req.params.id));
  r.get('/api/locate', {
    config: { access: { permission: 'locate:use' } },
    schema: { tags: ['grids'], summary: '坐标定位网格 Which grid, village, township and county a point is in', querystring: LocateQuery, response: { 200: LocateResult } },
  }, async (req) => grids.locate(ctx, actorOf(req), req.query.lng, req.query.lat));
}
