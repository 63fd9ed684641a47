/**
 * Keeps the petition statistics rollup: each registration, notice, reply, service and rating adds its counts in
 * the transaction that records it, so the dashboard reads sums, never the petitions (DESIGN §3 rule 9).
 */
import { cstDate } from '../../../core/calendar.ts';
import { bodyKeyOf, judgedClock, ratingDeltas, registrationDeltas, statPlaceOf, transitionDeltas, type PetitionDeltas } from '../../../core/petitions/stats.ts';
import type { PetitionAction, PetitionChannel, PetitionRating } from '../../../core/workflow/petition-workflow.ts';
import type { Executor } from '../../db/client.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import type * as repo from './petitions.repository.ts';
import * as stats from './petition-stats.repository.ts';

const bump = (tx: Executor, p: repo.PetitionRow, bodyKey: string, now: Date, d: PetitionDeltas) =>
  stats.bump(tx, { countyCode: p.countyCode, regionCode: statPlaceOf(p), bodyKey, day: cstDate(now) }, d);

/** A new petition, counted on the day it was registered (it has no body yet). */
export function countRegistration(tx: Executor, p: repo.PetitionRow, now: Date): Promise<void> {
  return bump(tx, p, '', now, registrationDeltas({ ...p, channel: p.channel as PetitionChannel }));
}

/**
 * A transition's counts, credited to the body as it is after the step. Called before the engine settles the
 * step's clocks, so the judged clock is still open and "in time" means it neither breached nor ran past due.
 */
export async function countTransition(tx: Executor, e: { before: repo.PetitionRow; after: repo.PetitionRow; action: PetitionAction; now: Date }): Promise<void> {
  const kind = judgedClock(e.action, e.before.status);
  const inTime = kind ? await clocks.runningOnTime(tx, { type: 'petition', id: e.before.id, countyCode: e.before.countyCode }, kind, e.now) : false;
  await bump(tx, e.after, bodyKeyOf(e.after), e.now, transitionDeltas(e.action, inTime));
}

/** The petitioner's rating, credited to the body that replied. */
export function countRating(tx: Executor, p: repo.PetitionRow, rating: PetitionRating, now: Date): Promise<void> {
  return bump(tx, p, bodyKeyOf(p), now, ratingDeltas(rating));
}
