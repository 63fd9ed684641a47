/**
 * The cases side of the links with petitions (issue 14, item 7): a case read for a link under the cases' own
 * visibility rule, and the case's timeline step and audit row that name the petition.
 */
import { AppError } from '../../../core/errors.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import { holds } from '../../lib/access.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import { caseViewOf } from './case-visibility.ts';
import * as repo from './cases.repository.ts';

/** A case the actor may read (scope and need-to-know), for sending it to petitions. @throws NOT_FOUND */
export async function caseForLink(ctx: AppContext, actor: Actor, code: string): Promise<repo.CaseRow> {
  if (!holds(actor, 'case:read') || !/^\d{6}-[0-9A-Z]{8}$/.test(code)) throw new AppError('NOT_FOUND');
  const c = await repo.findByCode(ctx.db, code, await caseViewOf(ctx, actor));
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** Appends the step 由信访件转入 / 转信访 to a case's timeline (the reason holds the petition's code) and audits it, in the caller's transaction. */
export async function recordPetitionLink(tx: Executor, ctx: AppContext, actor: Actor, c: { countyCode: string; id: string; code: string; status: string }, type: 'fromPetition' | 'toPetition', petitionCode: string, at: Date): Promise<void> {
  await repo.insertEvent(tx, { countyCode: c.countyCode, caseId: c.id, type, actorId: actor.id, actorName: actor.name, actorRole: actor.role, fromStatus: c.status, toStatus: c.status, fromUnit: null, toUnit: null, reason: petitionCode, data: { petitionCode }, isPublic: false, at });
  await audit.record(tx, ctx, actor, { action: `case.${type}`, objectType: 'case', objectId: c.code, countyCode: c.countyCode, detail: { petitionCode } }, actor.ip);
}
