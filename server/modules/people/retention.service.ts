/**
 * PIPL: a person who moved away or died is archived (out of every list, kept for the record) and their personal
 * data purged once the retention period has passed, unless the record is on legal hold. What stays after a
 * purge is what statistics need and identifies nobody: grid, kind, sex, birth year, dates.
 */
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { addDays, cstDate } from '../../../core/calendar.ts';
import type { LegalHoldSchema, PersonLeaveSchema } from '../../../core/schemas/people.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './people.repository.ts';
import { foundOrMissing, requirePermission, scopePrefix } from '../../lib/access.ts';
import { endTenanciesOf } from './dwellings.service.ts';
import * as dwellings from './dwellings.repository.ts';


/** Archives a person who moved away or died; schedules the purge. @throws FORBIDDEN, NOT_FOUND, INVALID_TRANSITION */
export async function leave(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof PersonLeaveSchema>) {
  requirePermission(actor, 'person:write');
  const now = ctx.clock.now();
  const day = cstDate(now);
  const on = input.on ?? day;
  if (on > day) throw new AppError('VALIDATION_FAILED', [{ path: 'body.on', code: 'in_future', message: '迁出或死亡日期不能晚于今天' }]);
  // The retention period runs from the day the leave is recorded (never later than the day named): an old date (a
  // typo, or a death registered years late) never schedules a purge at once.
  const purgeAfter = addDays(day, ctx.config.personRetentionDays);
  await ctx.db.transaction(async (tx) => {
    const p = foundOrMissing(await repo.personInScope(tx, id, scopePrefix(actor), true));
    if (p.status !== 'active') throw new AppError('INVALID_TRANSITION');
    await endTenanciesOf(tx, actor, p.countyCode, [p.id], on, input.reason, now);
    await repo.archivePerson(tx, p, input.reason, on, purgeAfter, now);
    await repo.addHistory(tx, [{ countyCode: p.countyCode, objectType: 'person', objectId: p.id, event: input.reason, fromGrid: p.gridCode, toGrid: null, data: { on, householdId: p.householdId }, actorId: actor.id, actorName: actor.name, at: now }]);
    await audit.record(tx, ctx, actor, { action: 'person.leave', objectType: 'person', objectId: p.id, countyCode: p.countyCode, detail: { reason: input.reason, on } });
  });
  return { id, status: input.reason, purgeAfter };
}

/** Puts a record on legal hold (never purged while held) or releases it. @throws FORBIDDEN, NOT_FOUND */
export async function setLegalHold(ctx: AppContext, actor: Actor, id: string, input: z.infer<typeof LegalHoldSchema>) {
  requirePermission(actor, 'person:reveal'); // the same trusted roles that may see full values
  const p = foundOrMissing(await repo.personInScope(ctx.db, id, scopePrefix(actor)));
  await ctx.db.transaction(async (tx) => {
    await repo.setLegalHold(tx, p, input.hold, ctx.clock.now());
    await audit.record(tx, ctx, actor, { action: 'person.legalHold', objectType: 'person', objectId: p.id, countyCode: p.countyCode, detail: { hold: input.hold, reason: input.reason } });
  });
  return { id, legalHold: input.hold };
}

/** Purges the personal data of archived records past their date and not on hold (the scheduler runs it). */
export async function purgeDue(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const due = await repo.purgeDue(ctx.db, cstDate(now), 500);
  for (const p of due) {
    await ctx.db.transaction(async (tx) => {
      await repo.purgePerson(tx, p, ctx.crypto.encrypt('已清除'), now);
      // A dwelling let by this person kept a copy of the masks: those go too.
      await dwellings.forgetLandlord(tx, p.countyCode, p.id, now);
      await repo.addHistory(tx, [{ countyCode: p.countyCode, objectType: 'person', objectId: p.id, event: 'purged', fromGrid: null, toGrid: null, data: null, actorId: 'system', actorName: 'retention', at: now }]);
      await audit.record(tx, ctx, null, { action: 'person.purge', objectType: 'person', objectId: p.id, countyCode: p.countyCode });
    });
  }
  return due.length;
}
