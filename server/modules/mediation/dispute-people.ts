/** The people around a dispute: an account's mediator records (its part), and whom notices about a dispute reach. */
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import * as orgRepo from './organisation.repository.ts';
import * as repo from './mediation.repository.ts';
import type { Subject, Who } from './mediation.policy.ts';

/** The account as mediation sees it (its mediator records and the committees it heads). */
export async function whoOf(ex: Executor, actor: Actor): Promise<Who> {
  if (actor.kind !== 'user') return { actor, mediatorIds: new Set(), headOf: new Set() };
  const mine = await orgRepo.mediatorsOfUser(ex, actor.id);
  return { actor, mediatorIds: new Set(mine.map((m) => m.id)), headOf: new Set(mine.filter((m) => m.isHead).map((m) => m.committeeId)) };
}

/** A dispute with its mediators' ids. */
export async function subjectOf(ex: Executor, d: repo.DisputeRow): Promise<Subject> {
  return { d, mediatorIds: (await repo.mediatorsOfDispute(ex, d)).map((r) => r.m.id) };
}

/** Accounts told about a dispute: its mediators, else its committee's heads. */
export async function disputeStaff(ex: Executor, d: repo.DisputeRow): Promise<string[]> {
  const mine = (await repo.mediatorsOfDispute(ex, d)).flatMap((r) => (r.m.userId ? [r.m.userId] : []));
  const heads = await orgRepo.headUserIds(ex, d.countyCode, d.committeeId);
  return [...new Set([...mine, ...heads])];
}
