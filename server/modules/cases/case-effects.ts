/**
 * The case workflow's effects table: for each action, what it changes on the case, the event's reason and data,
 * whom it notifies, which clocks it moves and which steps follow it — returned as values for the transition
 * engine (server/workflow/engine.ts), which applies them in one transaction. No effect calls a transition.
 */
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { terminalStatuses, type CaseAction, type CaseStatus, type Variant } from '../../../core/workflow/case-workflow.ts';
import { escalateFrom, routeFor, type Tier, type Unit } from '../../../core/cases/triage.ts';
import { cstDate } from '../../../core/calendar.ts';
import { inScope, subtreePrefix } from '../../../core/region-code.ts';
import type { caseActionSchemas } from '../../../core/schemas/cases.schema.ts';
import type { Executor } from '../../db/client.ts';
import type { EffectFn } from '../../workflow/workflow-module.ts';
import { closedOnTime } from '../../../core/kpi-math.ts';
import { clocksOf } from './deadlines.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as users from '../users/users.service.ts';
import * as repo from './cases.repository.ts';
import * as stats from './case-stats.repository.ts';
import { claimAttachments } from './attachments.service.ts';
import { canRead, caseViewOf } from './case-visibility.ts';

/** The validated body of an action. */
export type ActionInput<A extends CaseAction> = z.infer<(typeof caseActionSchemas)[A]>;
type CaseEffectFn<A extends CaseAction> = EffectFn<repo.CaseRow, Variant, CaseAction, ActionInput<A>>;

const unitSet = (u: Unit): Partial<repo.CaseRow> => ({ unitLevel: u.level, unitCode: u.regionCode, departmentId: u.level === 'department' ? u.departmentId : null });
const urgencyUp = (u: string) => (u === 'normal' ? 'high' : 'top');

/** Accounts to notify at a unit: a department's staff, or a centre's operators. */
async function unitStaff(tx: Executor, u: { level: string; regionCode: string; departmentId?: string | null }): Promise<string[]> {
  if (u.level === 'department' && u.departmentId) return users.staffIdsOfDepartment(tx, u.departmentId);
  return users.staffIdsAt(tx, u.regionCode, ['operator']);
}

/** The staff of the unit a case is at now. */
export function caseUnitStaff(tx: Executor, c: repo.CaseRow): Promise<string[]> {
  return unitStaff(tx, { level: c.unitLevel, regionCode: c.unitCode, departmentId: c.departmentId });
}

/** Whether the case missed any deadline (first response, stage or total), read before the close settles its clocks. */
async function missedADeadline(tx: Executor, c: repo.CaseRow, now: Date): Promise<boolean> {
  const clocks = await clocksOf(tx, c, now);
  return c.isOverdue || !closedOnTime(clocks.map((d) => ({ state: d.state, dueAt: new Date(d.dueAt), paused: d.paused })), now);
}

/** The rollups of a closing case. */
async function closeStats(tx: Executor, c: repo.CaseRow, now: Date, resolved: boolean, late: boolean): Promise<void> {
  const lvl = c.resolvedLevel ?? c.unitLevel;
  await stats.bump(tx, c.countyCode, c.villageCode, cstDate(now), {
    closed: 1,
    closedOnTime: late ? 0 : 1,
    resolved: resolved ? 1 : 0,
    resolvedVillage: resolved && lvl === 'village' ? 1 : 0,
    resolvedTownship: resolved && lvl === 'township' ? 1 : 0,
  });
}

async function findDepartment(tx: Executor, c: repo.CaseRow, id: string) {
  const name = await catalog.departmentName(tx, id);
  const depts = name ? await catalog.departmentCountyOf(tx, id) : null;
  if (!name || depts !== c.countyCode) throw new AppError('VALIDATION_FAILED', [{ path: 'body.departmentId', code: 'unknown_department', message: id }]);
  return name;
}

/** Per action: what it changes, whom it tells, which clocks it moves and what follows it. */
export const caseEffects: { [A in CaseAction]: CaseEffectFn<A> } = {
  async accept(tx, _ctx, _actor, c, input, now) {
    const tier = (input.tier ?? c.tier) as Tier;
    const [rules, owner] = await Promise.all([catalog.routingRules(tx, c.countyCode), catalog.departmentOwning(tx, c.countyCode, c.categoryId)]);
    const unit = c.channel === 'alarm' ? ({ level: 'county', regionCode: c.countyCode + '000000' } as Unit) : routeFor(tier, c.villageCode, rules, owner);
    const minutes = c.firstResponseAt ? null : (now.getTime() - c.createdAt.getTime()) / 60_000;
    return {
      set: { tier, ...unitSet(unit), acceptedAt: now, firstResponseAt: c.firstResponseAt ?? now },
      data: { tier, routedTo: unit.level, overridden: input.tier && input.tier !== c.suggestedTier ? true : undefined },
      reason: input.note ?? null,
      notify: { userIds: await unitStaff(tx, unit), text: `新案件 ${c.code} 已分流至本单位` },
      sms: `您反映的问题(编号${c.code})已受理，可凭编号查询进度。`,
      // Taking the case in answers the first response and starts the end-to-end clock.
      clocks: { settle: ['first_response'], open: ['total'] },
      after: async (tx2) => {
        if (minutes !== null) {
          await stats.bump(tx2, c.countyCode, c.villageCode, cstDate(now), { firstResponses: 1 });
          await stats.bumpFirstResponse(tx2, c.countyCode, c.villageCode, cstDate(now), Math.min(289, Math.floor(minutes / 5)));
        }
      },
      // 复杂事 go straight to the department that owns the category.
      followOn: unit.level === 'department' ? [{ action: 'dispatch', input: { departmentId: unit.departmentId } }] : [],
    };
  },
  async reject(_tx, _ctx, _a, c, input) {
    return { set: { outcomeNote: input.reason }, reason: input.reason, sms: `您反映的问题(编号${c.code})不予受理：${input.reason}` };
  },
  async redirect(_tx, _ctx, _a, c, input) {
    return { set: { redirectTo: input.unit, outcomeNote: input.reason ?? null }, reason: input.reason, data: { unit: input.unit }, event: { toUnit: `other:${input.unit}` }, sms: `您反映的问题(编号${c.code})不属本单位职责，已转${input.unit}处理。` };
  },
  async merge(tx, ctx, actor, c, input, now) {
    const target = await repo.lockByCode(tx, input.duplicateOf);
    if (!target || target.id === c.id || target.countyCode !== c.countyCode || terminalStatuses.includes(target.status as CaseStatus) || (actor.kind !== 'system' && !canRead(await caseViewOf(ctx, actor, tx), target))) {
      throw new AppError('VALIDATION_FAILED', [{ path: 'body.duplicateOf', code: 'bad_target', message: input.duplicateOf }]);
    }
    return {
      set: { duplicateOf: target.id },
      data: { duplicateOf: target.code },
      sms: `您反映的问题(编号${c.code})与编号${target.code}为同一事项，已合并办理，请凭${target.code}查询。`,
      after: async (tx2) => {
        // The merged case's reporter follows the surviving case from now on.
        const followers = [...target.followers, ...(c.reporterPhoneEnc ? [{ phoneEnc: c.reporterPhoneEnc, code: c.code }] : [])];
        await repo.updateCase(tx2, target, { meTooCount: target.meTooCount + 1, followers, updatedAt: now });
        await repo.insertEvent(tx2, { countyCode: c.countyCode, caseId: target.id, type: 'mergedIn', actorId: actor.id, actorName: actor.name, actorRole: 'operator', fromStatus: target.status, toStatus: target.status, fromUnit: null, toUnit: null, reason: null, data: { from: c.code }, isPublic: true, at: now });
      },
    };
  },
  async dispatch(tx, _ctx, _a, c, input) {
    let target: string;
    const notifyIds: string[] = [];
    if (input.departmentId) {
      target = `department:${await findDepartment(tx, c, input.departmentId)}`;
      notifyIds.push(...(await users.staffIdsOfDepartment(tx, input.departmentId)));
    } else {
      const u = await users.findAccountById(tx, input.userId!);
      // The person must be able to read the case afterwards: their scope holds the case's village (a grid
      // worker of another village of the county would get a case they can neither see nor hand back).
      if (!u || u.disabled || !['handler', 'gridWorker', 'householdLeader'].includes(u.role) || !inScope(u.scopeCode, c.villageCode ?? `${c.countyCode}000000`)) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.userId', code: 'unknown_handler', message: '该人员不负责本案件所在区域，不能接收派遣' }]);
      }
      target = `user:${u.displayName}`;
      notifyIds.push(u.id);
    }
    return {
      set: { handlerDepartmentId: input.departmentId ?? null, handlerUserId: input.userId ?? null, reportedBackBy: null },
      data: { to: target },
      reason: input.note ?? null,
      notify: { userIds: notifyIds, text: `案件 ${c.code} 已派遣给您，请处置` },
    };
  },
  async return(tx, _ctx, _a, c, input) {
    return { set: { handlerDepartmentId: null, handlerUserId: null }, reason: input.reason, notify: { userIds: await caseUnitStaff(tx, c), text: `案件 ${c.code} 被退回：${input.reason}` } };
  },
  async transfer(tx, _ctx, actor, c, input) {
    let unit: Unit;
    if (input.departmentId) {
      await findDepartment(tx, c, input.departmentId);
      unit = { level: 'department', departmentId: input.departmentId, regionCode: c.countyCode + '000000' };
    } else {
      // Another centre of the same level in the same county, inside the actor's scope.
      const code = input.regionCode!;
      const same = c.unitLevel !== 'department' && subtreePrefix(code).length === subtreePrefix(c.unitCode).length;
      if (!same || code.slice(0, 6) !== c.countyCode || !inScope(actor.scopeCode, code) || code === c.unitCode) {
        throw new AppError('VALIDATION_FAILED', [{ path: 'body.regionCode', code: 'bad_unit', message: code }]);
      }
      unit = { level: c.unitLevel as 'village' | 'township' | 'county', regionCode: code };
    }
    return { set: { ...unitSet(unit), handlerDepartmentId: null, handlerUserId: null }, reason: input.reason, notify: { userIds: await unitStaff(tx, unit), text: `案件 ${c.code} 已转办至本单位` } };
  },
  async escalate(tx, _ctx, _a, c, input) {
    const unit = escalateFrom(c.unitLevel === 'department' ? { level: 'department', departmentId: c.departmentId!, regionCode: c.unitCode } : { level: c.unitLevel as 'village', regionCode: c.unitCode }, c.villageCode);
    return { set: unitSet(unit), reason: input.reason ?? null, notify: { userIds: await unitStaff(tx, unit), text: `案件 ${c.code} 已上报至本单位` } };
  },
  async assist(tx, _ctx, _a, c, input) {
    const name = await findDepartment(tx, c, input.departmentId);
    if (c.assisting.some((x) => x.id === input.departmentId)) throw new AppError('CONFLICT', [{ path: 'body.departmentId', code: 'already_assisting', message: name }]);
    return {
      set: { assisting: [...c.assisting, { kind: 'department', id: input.departmentId, name }] },
      data: { department: name },
      reason: input.note ?? null,
      notify: { userIds: await users.staffIdsOfDepartment(tx, input.departmentId), text: `请协办案件 ${c.code}` },
    };
  },
  async start(_tx, _ctx, _a, _c, input) {
    return { set: {}, reason: input.note ?? null };
  },
  async reportBack(tx, ctx, actor, c, input, now) {
    return {
      set: { reportedBackBy: actor.id },
      reason: input.text,
      data: { attachments: input.uploadIds.length },
      notify: { userIds: await caseUnitStaff(tx, c), text: `案件 ${c.code} 已反馈，请核查` },
      after: async (tx2) => claimAttachments(tx2, ctx, c, input.uploadIds, 'reportBack', now),
    };
  },
  async verify(tx, _ctx, _a, c, input) {
    if (input.result === 'pass') {
      return { set: { resolvedLevel: c.unitLevel }, variant: 'pass', reason: input.note ?? null, data: { result: 'pass' }, sms: `您反映的问题(编号${c.code})已办理完毕，请用提交后得到的进度链接打开进度页评价；我们也会电话回访。` };
    }
    const handlers = c.handlerDepartmentId ? await users.staffIdsOfDepartment(tx, c.handlerDepartmentId) : c.handlerUserId ? [c.handlerUserId] : [];
    return { set: { reportedBackBy: null }, variant: 'fail', reason: input.note ?? null, data: { result: 'fail' }, notify: { userIds: handlers, text: `案件 ${c.code} 核查未通过，请继续处置` } };
  },
  async followUp(tx, _ctx, _actor, c, input, now) {
    const unsatisfied = input.satisfaction === 'unsatisfied';
    const reopen = unsatisfied && c.reopenCount === 0;
    const variant: Variant = unsatisfied ? (reopen ? 'unsatisfied' : 'unsatisfiedFinal') : input.satisfaction;
    const handlers = c.handlerDepartmentId ? await users.staffIdsOfDepartment(tx, c.handlerDepartmentId) : c.handlerUserId ? [c.handlerUserId] : [];
    return {
      set: reopen ? { satisfaction: 'unsatisfied', reopenCount: c.reopenCount + 1, urgency: urgencyUp(c.urgency), reportedBackBy: null, resolvedLevel: null } : { satisfaction: input.satisfaction },
      variant,
      reason: input.note ?? null,
      data: { satisfaction: input.satisfaction, method: input.method, reopened: reopen || undefined },
      notify: reopen ? { userIds: [...handlers, ...(await caseUnitStaff(tx, c))], text: `案件 ${c.code} 群众不满意，已重新办理` } : undefined,
      after: (tx2) => stats.bump(tx2, c.countyCode, c.villageCode, cstDate(now), { rated: 1, satisfied: unsatisfied ? 0 : 1 }),
      // A satisfied reporter closes the loop at once.
      followOn: unsatisfied ? [] : [{ action: 'close', input: {} }],
    };
  },
  async close(tx, _ctx, _a, c, input, now) {
    const late = await missedADeadline(tx, c, now);
    return { set: { outcome: 'resolved', outcomeNote: input.note ?? null }, reason: input.note ?? null, after: (tx2) => closeStats(tx2, c, now, true, late) };
  },
  async closeUnresolved(tx, _ctx, _a, c, input, now) {
    const late = await missedADeadline(tx, c, now);
    return { set: { outcome: 'unresolved', outcomeNote: input.reason }, reason: input.reason, sms: `您反映的问题(编号${c.code})已办结，未能解决：${input.reason}`, after: (tx2) => closeStats(tx2, c, now, false, late) };
  },
  async extendRequest(tx, _ctx, actor, c, input, now) {
    return {
      set: { pendingExtension: { minutes: input.minutes, reason: input.reason, requestedBy: actor.id, requestedAt: now.toISOString() } },
      reason: input.reason,
      data: { minutes: input.minutes },
      notify: { userIds: await caseUnitStaff(tx, c), text: `案件 ${c.code} 申请延期，请审批` },
    };
  },
  async extendDecide(_tx, _ctx, _a, c, input) {
    const req = c.pendingExtension!;
    return {
      set: { pendingExtension: null },
      reason: input.note ?? null,
      data: { approve: input.approve, minutes: req.minutes },
      notify: { userIds: [req.requestedBy], text: `案件 ${c.code} 延期申请${input.approve ? '已批准' : '未批准'}` },
      // The end-to-end and stage clocks move; the first response was measured already.
      clocks: input.approve ? { extend: { minutes: req.minutes, kinds: ['stage', 'total'] } } : undefined,
    };
  },
  async urge(tx, _ctx, _a, c, input) {
    const handlers = c.handlerDepartmentId ? await users.staffIdsOfDepartment(tx, c.handlerDepartmentId) : c.handlerUserId ? [c.handlerUserId] : await caseUnitStaff(tx, c);
    return { set: {}, reason: input.note ?? null, notify: { userIds: handlers, text: `督办：案件 ${c.code} ${input.note ?? '请加快办理'}` } };
  },
  async pause(_tx, _ctx, _a, _c, input, now) {
    return { set: { pausedAt: now }, reason: input.reason, clocks: { pause: true } };
  },
  async resume(_tx, _ctx, _a, _c, input) {
    return { set: { pausedAt: null }, reason: input.note ?? null, clocks: { resume: true } };
  },
  async meToo(_tx, _ctx, _a, c) {
    return { set: { meTooCount: c.meTooCount + 1 } };
  },
};
