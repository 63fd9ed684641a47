/**
 * The petitions side of a petition sent to people's mediation (转人民调解, 诉访分离): the petition's timeline step
 * that names the dispute and its audit row, written in the mediation module's registering transaction.
 */
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import * as repo from './petitions.repository.ts';

/** Appends the step 转人民调解 (the reason holds the dispute's code) to a petition's timeline and audits it, in the caller's transaction. */
export async function recordPetitionDispute(tx: Executor, ctx: AppContext, actor: Actor, p: { countyCode: string; id: string; code: string; status: string }, disputeCode: string, at: Date): Promise<void> {
  await repo.insertEvent(tx, { countyCode: p.countyCode, petitionId: p.id, type: 'toDispute', actorId: actor.id, actorName: actor.name, actorRole: actor.role, fromStatus: p.status, toStatus: p.status, reason: disputeCode, data: { disputeCode }, isPublic: false, at });
  await audit.record(tx, ctx, actor, { action: 'petition.toDispute', objectType: 'petition', objectId: p.code, countyCode: p.countyCode, detail: { disputeCode } }, actor.ip);
}
