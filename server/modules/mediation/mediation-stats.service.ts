/**
 * Keeps the mediation statistics rollups: each registration and each transition that counts adds its numbers in
 * the transaction that records it, so the dashboard, the subsidies and the ranking read sums, never the disputes
 * (DESIGN §3 rule 9). What counts is core/mediation/stats.ts; where: the dispute's place, committee and room as
 * they are after the step, and its mediators then (they cannot change once it is accepted).
 */
import { cstDate } from '../../../core/calendar.ts';
import { disputeDeltas, disputePlaceOf, mediatorDeltas } from '../../../core/mediation/stats.ts';
import type { DisputeAction, DisputeStatus } from '../../../core/workflow/dispute-workflow.ts';
import type { Executor } from '../../db/client.ts';
import * as repo from './mediation.repository.ts';
import * as stats from './mediation-stats.repository.ts';

type Row = Pick<repo.DisputeRow, 'countyCode' | 'id' | 'villageCode' | 'committeeRegion' | 'committeeId' | 'roomId' | 'category' | 'createdAt'>;

/** Registration is counted at the committee the dispute has now, with no room, on the day it was registered. */
const registrationKey = (d: Row) => ({ countyCode: d.countyCode, regionCode: disputePlaceOf(d), committeeId: d.committeeId, roomKey: '', category: d.category, day: cstDate(d.createdAt) });

/** A new dispute. */
export function countRegistration(tx: Executor, d: Row): Promise<void> {
  return stats.bump(tx, registrationKey(d), { registered: 1 });
}

/** A transition's counts (the engine calls this with the event it appends). */
export async function countTransition(tx: Executor, e: { before: Row; after: Row; action: DisputeAction; from: DisputeStatus; now: Date }): Promise<void> {
  const d = e.after;
  // A transfer before acceptance takes the registration to the new committee (the history is counted that way too).
  if (e.action === 'transfer') {
    await stats.bump(tx, registrationKey(e.before), { registered: -1 });
    await stats.bump(tx, registrationKey(d), { registered: 1 });
    return;
  }
  const day = cstDate(e.now);
  const regionCode = disputePlaceOf(d);
  await stats.bump(tx, { countyCode: d.countyCode, regionCode, committeeId: d.committeeId, roomKey: d.roomId ?? '', category: d.category, day }, disputeDeltas(e.action, e.from));
  const per = mediatorDeltas(e.action, e.from);
  if (!Object.values(per).some(Boolean)) return;
  for (const { link } of await repo.mediatorsOfDispute(tx, d)) {
    await stats.bumpMediator(tx, { countyCode: d.countyCode, regionCode, mediatorId: link.mediatorId, category: d.category, day }, per);
  }
}
