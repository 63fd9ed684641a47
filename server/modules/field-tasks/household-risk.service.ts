/**
 * The household card's 安全风险: the current level and the assessment history (level, score, when, by whom; never
 * the answers, which stay encrypted). Kept apart from the household's own 关注程度 and version.
 */
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { foundOrMissing, scopePrefix } from '../../lib/access.ts';
import * as repo from './household-risk.repository.ts';

/** A household's risk level and assessments. @throws NOT_FOUND (missing or outside the scope) */
export async function householdRisk(ctx: AppContext, actor: Actor, householdId: string) {
  const h = foundOrMissing(await repo.householdUnder(ctx.db, householdId, scopePrefix(actor)));
  const [current, history] = await Promise.all([repo.currentOf(ctx.db, h.countyCode, h.id), repo.assessmentsOf(ctx.db, h.countyCode, h.id)]);
  return { current, history };
}
