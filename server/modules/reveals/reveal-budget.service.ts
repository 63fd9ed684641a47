/**
 * The one throttle on full reads of personal data (registry reveals, case reporter reveals): every reveal route
 * spends from its actor's budget first (ANWANG_RATE_REVEAL, 30 an hour by default). A reveal past the budget is
 * refused, and the first refusal in a window raises an alert: an audit row of its own kind (`reveal.alert`) and
 * an in-app notification to the security administrators whose scope covers the actor.
 */
import { AppError } from '../../../core/errors.ts';
import { spendReveal } from '../../../core/reveal-budget.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import { enqueue } from '../outbox/outbox.service.ts';
import { securityAdminsOver } from '../users/users.service.ts';
import * as repo from './reveal-budget.repository.ts';

/**
 * Spends one reveal of `what` (e.g. 'person.reveal') from the actor's budget, under a row lock so concurrent
 * reveals are counted exactly. Call before the reveal's own audit row and decryption.
 * @throws REVEAL_LIMITED when the budget is spent (the alert, if due, is committed first)
 */
export async function spendRevealBudget(ctx: AppContext, actor: Actor, what: string): Promise<void> {
  const now = ctx.clock.now();
  const { max, windowMs } = ctx.config.revealLimit;
  const allowed = await ctx.db.transaction(async (tx) => {
    const row = await repo.lockBucket(tx, `${actor.kind}:${actor.id}`, now);
    const r = spendReveal(row, now, { max, windowMs });
    await repo.saveBucket(tx, { actorId: row.actorId, ...r.next });
    if (r.alert) {
      const county = actor.scopeCode.slice(0, 6);
      await audit.record(tx, ctx, actor, { action: 'reveal.alert', objectType: 'user', objectId: actor.id, outcome: 'denied', countyCode: county, detail: { limit: max, windowMinutes: Math.round(windowMs / 60_000), last: what } });
      const admins = await securityAdminsOver(tx, actor.scopeCode);
      if (admins.length) {
        await enqueue(tx, now, county, { kind: 'alert', userIds: admins, text: `安全提醒：${actor.name} 在 ${Math.round(windowMs / 60_000)} 分钟内查看完整个人信息超过 ${max} 次，已暂停其查看，请核实。` });
      }
    }
    return r.allowed;
  });
  if (!allowed) throw new AppError('REVEAL_LIMITED');
}
