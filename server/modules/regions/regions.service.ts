/** The region tree: scoped reads and the all-or-nothing CSV import. */
import { AppError } from '../../../core/errors.ts';
import type { RegionMatch } from '../../../core/schemas/regions.response.ts';
import { subtreePrefix } from '../../../core/region-code.ts';
import type { Actor } from '../../lib/actor.ts';
import { foundOrMissing, inActorScope, requirePermission as need, scopePrefix } from '../../lib/access.ts';
import { announce } from '../../lib/change-feed.ts';
import type { AppContext } from '../../lib/context.ts';
import type { Executor } from '../../db/client.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './regions.repository.ts';
import { planRegionImport } from './regions.import.ts';

/** One region under the actor's scope. @throws NOT_FOUND (also when out of scope) */
export async function getRegion(ctx: AppContext, actor: Actor, code: string) {
  need(actor, 'region:read');
  const row = foundOrMissing(await repo.findInScope(ctx.db, code, scopePrefix(actor)));
  const gridCount = await repo.gridCountUnder(ctx.db, subtreePrefix(row.code));
  return { code: row.code, name: row.name, level: row.level, parentCode: row.parentCode, path: row.path, gridCount };
}

/** Children of a node under the actor's scope. @throws NOT_FOUND */
export async function childrenOf(ctx: AppContext, actor: Actor, code: string) {
  await getRegion(ctx, actor, code);
  return repo.childrenWithCounts(ctx.db, code);
}

/** Regions in the actor's scope found by part of their name, each labelled with its ancestors below the scope's top. */
export async function searchRegions(ctx: AppContext, actor: Actor, words: string, level?: string): Promise<RegionMatch[]> {
  need(actor, 'region:read');
  const rows = await repo.searchInScope(ctx.db, words, scopePrefix(actor), level, 30);
  const top = (await repo.findInScope(ctx.db, actor.scopeCode, scopePrefix(actor)))?.path.split('/').length ?? 1;
  const ancestors = [...new Set(rows.flatMap((r) => r.path.split('/').slice(top)))];
  const names = await namesOf(ctx.db, ancestors);
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, label: r.path.split('/').slice(top).map((c) => names.get(c) ?? c).join(' / ') || r.name }));
}

/** Region names for a set of codes (no scope: callers have already scoped the object). */
export async function namesOf(ex: Executor, codes: string[]): Promise<Map<string, string>> {
  return new Map((await repo.findMany(ex, codes)).map((r) => [r.code, r.name]));
}

/** True when the database has no regions yet (decides whether to seed the demo). */
export async function isEmpty(ctx: AppContext): Promise<boolean> {
  return (await repo.countAll(ctx.db)) === 0;
}

/** Imports a region CSV all-or-nothing. @throws FORBIDDEN, IMPORT_INVALID (with row-by-row details) */
export async function importRegions(ctx: AppContext, actor: Actor, csvText: string): Promise<{ imported: number }> {
  need(actor, 'region:write');
  const existing = new Map((await repo.allBrief(ctx.db)).map((r) => [r.code, r]));
  const { rows, issues } = planRegionImport(csvText, existing);
  // An actor may only import inside its own scope (a system actor at the root may import anything).
  const outside = actor.kind === 'system' ? [] : rows.filter((r) => !inActorScope(actor, r.code));
  if (issues.length || outside.length) {
    throw new AppError('IMPORT_INVALID', [...issues, ...outside.map((r) => ({ path: r.code, code: 'out_of_scope', message: `${r.code} 超出管辖范围` }))]);
  }
  if (rows.length === 0) throw new AppError('IMPORT_INVALID', [{ path: 'row 2', code: 'empty', message: '文件没有数据行' }]);
  await ctx.db.transaction(async (tx) => {
    await repo.upsertMany(tx, rows, ctx.clock.now());
    await audit.record(tx, ctx, actor, { action: 'region.import', objectType: 'region', detail: { rows: rows.length } });
    await announce(ctx, tx, 'reference'); // the other servers drop what they cached of the old tree on commit
  });
  return { imported: rows.length };
}

/** Level of every region by code (import validation of grids needs to know which codes are villages). */
export async function levelsByCode(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await repo.allBrief(ctx.db)).map((r) => [r.code, r.level]));
}
