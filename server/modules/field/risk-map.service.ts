/** The 安全风险 layer of the grid map: how many of each grid's households are at high, medium or low risk. */
import { subtreePrefix } from '../../../core/region-code.ts';
import type { RiskByGridAnswer } from '../../../core/schemas/risk-map.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { notFoundUnlessInScope, requirePermission } from '../../lib/access.ts';
import * as repo from './risk-map.repository.ts';

/** Households per grid by current risk level in the region (default the actor's scope). @throws FORBIDDEN, NOT_FOUND */
export async function riskByGrid(ctx: AppContext, actor: Actor, q: { region?: string }): Promise<RiskByGridAnswer> {
  requirePermission(actor, 'field:read');
  const region = q.region ?? actor.scopeCode;
  notFoundUnlessInScope(actor, region);
  return { region, items: await repo.riskByGrid(ctx.db, subtreePrefix(region)) };
}
