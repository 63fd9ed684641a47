/** Which part of the registry a list reads: one grid, a township or village under the reader's scope, or the whole scope. */
import { AppError } from '../../../core/errors.ts';
import { isRegionCode, subtreePrefix } from '../../../core/region-code.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { inActorScope, scopePrefix } from '../../lib/access.ts';
import { gridFor } from '../grids/grids.service.ts';

/** The code prefix a registry list filters on. @throws VALIDATION_FAILED (a grid or region outside the scope) */
export async function listPrefix(ctx: AppContext, actor: Actor, q: { grid?: string; region?: string }): Promise<string> {
  if (q.grid) return (await gridFor(ctx.db, actor, q.grid, 'query.grid')).code;
  if (q.region) {
    // Outside the scope reads like a region that does not exist (the same words as for a grid).
    if (!isRegionCode(q.region) || !inActorScope(actor, q.region)) throw new AppError('VALIDATION_FAILED', [{ path: 'query.region', code: 'unknown_region', message: `区划 ${q.region} 不存在或不在您的范围内` }]);
    return subtreePrefix(q.region);
  }
  return scopePrefix(actor);
}
