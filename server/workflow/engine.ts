/**
 * The one transition engine for every workflow. A transition runs inside the caller's transaction, on a row
 * the caller has locked: policy → effect → nextStatus → write status → event → clocks → outbox → audit row →
 * follow-on steps. Follow-ons are values the effect returned; the engine runs them here, as the system, in the
 * same transaction, so a failing follow-on rolls the whole transition back.
 */
import { AppError } from '../../core/errors.ts';
import { InvalidTransition, isTerminal, nextStatus } from '../../core/workflow/definition.ts';
import type { Executor } from '../db/client.ts';
import type { Actor } from '../lib/actor.ts';
import type { AppContext } from '../lib/context.ts';
import * as audit from '../modules/audit/audit.service.ts';
import * as outbox from '../modules/outbox/outbox.service.ts';
import * as clocks from './clocks.service.ts';
import { auditActionOf, type Effect, type FollowOn, type SubjectRow, type WorkflowModule } from './workflow-module.ts';

/** What a transition did. */
export interface Moved<Row> {
  status: string;
  event: string;
  /** The row as it is after this step and its follow-ons. */
  row: Row;
}

/** The scheduler's actor for one subject (scope: the subject's county). */
export function systemActorFor(s: { countyCode: string }): Actor {
  return { kind: 'system', id: 'system', name: 'system', role: 'sysadmin', scopeCode: s.countyCode + '000000' };
}

/**
 * Applies `action` to `row` (already locked in `tx`), then the follow-ons it returns.
 * @throws INVALID_TRANSITION when the policy or the table refuses; whatever the effect throws
 */
export async function transition<Row extends SubjectRow, S extends string, A extends string, R extends string, V extends string>(
  tx: Executor, ctx: AppContext, mod: WorkflowModule<Row, S, A, R, V>, actor: Actor, row: Row, action: A, input: Record<string, unknown>,
): Promise<Moved<Row>> {
  const { after, followOn, to } = await step(tx, ctx, mod, actor, row, action, input);
  const last = await runSteps(tx, ctx, mod, after, followOn);
  return { status: to, event: action, row: last };
}

/** Runs steps one after the other as the system on `row`, each on the row the previous left; returns the last row. */
export async function runSteps<Row extends SubjectRow, S extends string, A extends string, R extends string, V extends string>(
  tx: Executor, ctx: AppContext, mod: WorkflowModule<Row, S, A, R, V>, row: Row, steps: FollowOn<A>[],
): Promise<Row> {
  // A queue, not recursion: a follow-on's own follow-ons run after it, in order.
  const queue = [...steps];
  let current = row;
  for (let n = 0; queue.length; n++) {
    if (n > 20) throw new Error(`${mod.definition.name}: more than 20 follow-on steps (a loop in the effects table?)`);
    const next = queue.shift()!;
    const done = await step(tx, ctx, mod, systemActorFor(current), current, next.action, next.input);
    current = done.after;
    queue.unshift(...done.followOn);
  }
  return current;
}

/** One transition without its follow-ons. */
async function step<Row extends SubjectRow, S extends string, A extends string, R extends string, V extends string>(
  tx: Executor, ctx: AppContext, mod: WorkflowModule<Row, S, A, R, V>, actor: Actor, row: Row, action: A, input: Record<string, unknown>,
): Promise<{ after: Row; to: S; followOn: FollowOn<A>[] }> {
  const def = mod.definition;
  const role = mod.roleOf(actor, row);
  if (!role || !mod.permits(actor, row, action)) throw new AppError('INVALID_TRANSITION');
  const now = ctx.clock.now();
  const effect = (await (mod.effects[action] as (...a: unknown[]) => Promise<Effect<Row, V, A>>)(tx, ctx, actor, row, input, now)) as Effect<Row, V, A>;
  const from = row.status as S;
  let to: S;
  try {
    to = nextStatus(def, from, action, role, effect.variant);
  } catch (e) {
    if (e instanceof InvalidTransition) throw new AppError('INVALID_TRANSITION');
    throw e;
  }
  const after = await mod.writeStatus(tx, row, { ...effect.set, status: to } as Partial<Row> & { status: S }, now);
  await mod.appendEvent(tx, { before: row, after, action, actor, role, from, to, effect, now });
  await moveClocks(tx, ctx, mod, after, from, to, effect, now);
  await effect.after?.(tx, after);
  const subject = mod.subjectOf(row);
  if (effect.notify?.userIds.length) await outbox.enqueue(tx, now, row.countyCode, { kind: 'notify', userIds: effect.notify.userIds, subject, text: effect.notify.text });
  if (effect.sms) for (const phoneEnc of mod.smsRecipients?.(row) ?? []) await outbox.enqueue(tx, now, row.countyCode, { kind: 'sms', phoneEnc, subject, text: effect.sms });
  // Shared row last: the audit chain's lock is held only until the commit.
  await audit.record(tx, ctx, actor.kind === 'public' ? null : actor, {
    action: auditActionOf(def.name, action),
    objectType: mod.subjectType,
    objectId: mod.auditObjectId(row),
    countyCode: row.countyCode,
    detail: { from, to, ...(effect.variant ? { variant: effect.variant } : {}), ...effect.audit },
  }, actor.ip);
  return { after, to, followOn: effect.followOn ?? [] };
}

/** Settles and opens clocks as the module's plan and the effect say. */
async function moveClocks<Row extends SubjectRow, S extends string, A extends string, R extends string, V extends string>(
  tx: Executor, ctx: AppContext, mod: WorkflowModule<Row, S, A, R, V>, row: Row, from: S, to: S, effect: Effect<Row, V, A>, now: Date,
): Promise<void> {
  const plan = mod.clocks;
  const c = effect.clocks;
  if (!plan) return;
  const key = { type: mod.subjectType, id: row.id, countyCode: row.countyCode };
  const terminal = isTerminal(mod.definition, to);
  let cal: Awaited<ReturnType<typeof plan.calendar>> | undefined;
  const calendar = async () => (cal ??= await plan.calendar(tx, ctx, row));
  const open = async (kinds: readonly string[], from = now) => {
    if (kinds.length) await clocks.openClocks(tx, key, await plan.limits(tx, ctx, row, kinds), await calendar(), from);
  };
  // Leaving a step stops its clock; entering one starts its clock.
  if (to !== from) {
    if (plan.settleOnLeave?.length) await clocks.settleClocks(tx, key, plan.settleOnLeave, now, terminal);
    await open(plan.openOnEnter?.[to] ?? []);
  }
  if (terminal && plan.settleOnTerminal) await clocks.settleClocks(tx, key, plan.settleOnTerminal.kinds, now, !plan.settleOnTerminal.metOn.includes(to));
  // A step recorded after it took place settles and opens its clocks at that moment (never later than now).
  const at = c?.at && c.at < now ? c.at : now;
  if (c?.settle?.length) await clocks.settleClocks(tx, key, c.settle, at);
  if (c?.open?.length) await open(c.open, at);
  if (c?.pause) await clocks.pauseClocks(tx, key, now);
  if (c?.resume) await clocks.resumeClocks(tx, key, now, await calendar());
  if (c?.extend) await clocks.extendClocks(tx, key, c.extend.kinds, c.extend.minutes, await calendar());
}
