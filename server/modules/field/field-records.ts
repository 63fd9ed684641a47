/**
 * What every field record shares: the device's time checked against the server's, and the answer when a record's
 * client id is already taken (the same actor's record replays; anyone else's is a conflict, never a second row).
 */
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';

/** How far ahead of the server a phone's clock may run before its times are refused (a wrong date, not drift). */
export const MAX_CLOCK_AHEAD_MS = 60 * 60_000;

/** The device's time as a Date. @throws VALIDATION_FAILED when it lies more than an hour in the server's future */
export function deviceTime(ctx: AppContext, iso: string, path: string): Date {
  const t = new Date(iso);
  if (t.getTime() > ctx.clock.now().getTime() + MAX_CLOCK_AHEAD_MS) throw new AppError('VALIDATION_FAILED', [{ path, code: 'future_time', message: '时间晚于服务器时间，请检查手机的日期和时间' }]);
  return t;
}

/** The 409 for a client id already used by another record (another actor's, or another kind of record). */
export function idTaken(): AppError {
  return new AppError('CONFLICT', [{ path: 'body.id', code: 'id_taken', message: '该记录编号已被另一条记录使用' }]);
}

/** The user id a field record is filed under. @throws FORBIDDEN for an actor without an account (tokens, system) */
export function recorderId(actor: Actor): string {
  if (actor.kind !== 'user') throw new AppError('FORBIDDEN');
  return actor.id;
}
