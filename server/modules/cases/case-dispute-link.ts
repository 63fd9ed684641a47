/**
 * The cases side of a case becoming a dispute (转人民调解, issue 15 item 1): the case's timeline step that names
 * the dispute and its audit row, written in the mediation module's registering transaction.
 */
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './cases.repository.ts';

/** Appends the step 转人民调解 (the reason holds the dispute's code) to a case's timeline and audits it, in the caller's transaction. */
export async function recordDisputeLink(tx: Executor, ctx: AppContext, actor: Actor, c: { countyCode: string; id: string; code: string; status: string }, disputeCode: string, at: Date): Promise<void> {
  await repo.insertEvent(tx, { countyCode: c.countyCode, caseId: c.id, type: 'toDispute', actorId: actor.id, actorName: actor.name, actorRole: actor.role, fromStatus: c.status, toStatus: c.status, fromUnit: null, toUnit: null, reason: disputeCode, data: { disputeCode }, isPublic: false, at });
  await audit.record(tx, ctx, actor, { action: 'case.toDispute', objectType: 'case', objectId: c.code, countyCode: c.countyCode, detail: { disputeCode } }, actor.ip);
}
