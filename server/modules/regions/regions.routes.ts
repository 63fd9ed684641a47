/** The region tree, read-only over HTTP (imports go through the CLI). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionCode } from '../../../core/schemas/common.schema.ts';
import { RegionSearchQuery } from '../../../core/schemas/regions.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { actorOf } from '../../http/route-config.ts';
import * as regions from './regions.service.ts';

const Params = z.object({ code: RegionCode });

/** Registers /api/regions/*. */
export function regionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/regions/root', { config: { access: { permission: 'region:read' } }, schema: { tags: ['regions'], summary: '我的管辖区域 The region at the top of my scope' } }, async (req) =>
    regions.getRegion(ctx, actorOf(req), actorOf(req).scopeCode),
  );
  r.get('/api/regions/search', { config: { access: { permission: 'region:read' } }, schema: { tags: ['regions'], summary: '按名称查找区划 Regions in my scope by name', querystring: RegionSearchQuery } }, async (req) =>
    regions.searchRegions(ctx, actorOf(req), req.query.q, req.query.level),
  );
  r.get('/api/regions/:code', { config: { access: { permission: 'region:read', objects: ['region'] } }, schema: { tags: ['regions'], summary: '区划详情 One region', params: Params } }, async (req) =>
    regions.getRegion(ctx, actorOf(req), req.params.code),
  );
  r.get('/api/regions/:code/children', { config: { access: { permission: 'region:read', objects: ['region'] } }, schema: { tags: ['regions'], summary: '下级区划 Children of a region', params: Params } }, async (req) =>
    regions.childrenOf(ctx, actorOf(req), req.params.code),
  );
}
