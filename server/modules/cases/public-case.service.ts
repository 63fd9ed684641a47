/**
 * The two things a resident without an account may write to an existing case: the reporter's rating
 * (proved by the key the tracking link carries) and "me too" (counted once per device and once per phone).
 * Staff follow-ups (回访) go through the workflow endpoint instead.
 */
import { AppError } from '../../../core/errors.ts';
import { normaliseMobile } from '../../../core/contact.ts';
import { publicActor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import * as repo from './cases.repository.ts';
import { transition } from './case-actions.service.ts';
import { reporterKeyMatches } from './reporter-key.ts';

/**
 * The reporter rates the result of a verified case. A wrong or absent key answers exactly like an unknown
 * code, so the key cannot be told apart from the code by guessing. @throws NOT_FOUND, INVALID_TRANSITION
 */
export async function rateAsReporter(ctx: AppContext, ip: string, code: string, key: string, input: { satisfaction: string; comment?: string }, ticket?: Ticket) {
  return ctx.db.transaction(async (tx) => {
    const c = await repo.lockByCode(tx, code);
    if (!c || !reporterKeyMatches(c.reporterKeyHash, key)) throw new AppError('NOT_FOUND');
    const moved = await transition(tx, ctx, publicActor(ip), c, 'followUp', { satisfaction: input.satisfaction, method: 'page', note: input.comment });
    if (ticket) await completeKey(tx, ticket, 200, moved);
    return moved;
  });
}

/**
 * Adds one voice to an open public case, once per device and once per phone: the keyed hashes of both are
 * kept per case, and a voice is counted only when neither was counted before. @throws NOT_FOUND,
 * INVALID_TRANSITION (private or closed case), VALIDATION_FAILED (bad phone)
 */
export async function meTooAsResident(ctx: AppContext, ip: string, code: string, voter: { deviceId?: string; phone?: string }, ticket?: Ticket) {
  const voters: string[] = [];
  if (voter.deviceId) voters.push(ctx.crypto.lookupHash(`me-too:device:${voter.deviceId}`));
  if (voter.phone) {
    const phone = normaliseMobile(voter.phone);
    if (!phone) throw new AppError('VALIDATION_FAILED', [{ path: 'body.phone', code: 'bad_mobile', message: '手机号码格式不正确 (not a mainland mobile number)' }]);
    voters.push(ctx.crypto.lookupHash(`me-too:phone:${phone}`));
  }
  return ctx.db.transaction(async (tx) => {
    const c = await repo.lockByCode(tx, code);
    if (!c) throw new AppError('NOT_FOUND');
    // Checked before any vote is stored, so a refused case keeps no trace of the voter.
    if (!c.isPublic) throw new AppError('INVALID_TRANSITION');
    const now = ctx.clock.now();
    let fresh = true;
    for (const v of voters) fresh = (await repo.addMeTooVoter(tx, c, v, now)) && fresh;
    if (fresh) await transition(tx, ctx, publicActor(ip), c, 'meToo', {});
    const result = { code: c.code, counted: fresh };
    if (ticket) await completeKey(tx, ticket, 200, result);
    return result;
  });
}
