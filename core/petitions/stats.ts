/**
 * What each petition event adds to the statistics rollup (issue 14 item 9), and how small counts are hidden.
 * Pure: the server supplies whether the clock a notice or reply settles was still in time.
 */
import type { PetitionAction, PetitionChannel, PetitionRating } from '../workflow/petition-workflow.ts';

/** The counters of `petition_stats_daily`. */
export const petitionCounters = [
  'registered', 'chVisit', 'chLetter', 'chOnline', 'chPhone', 'chVideo', 'collective', 'skippedLevel', 'repeated',
  'notified', 'notifiedInTime', 'notAccepted', 'concluded', 'concludedInTime', 'served', 'rated', 'satisfied', 'basicallySatisfied',
] as const;
export type PetitionCounter = (typeof petitionCounters)[number];
export type PetitionDeltas = Partial<Record<PetitionCounter, number>>;

const channelCounter: Record<PetitionChannel, PetitionCounter> = { visit: 'chVisit', letter: 'chLetter', online: 'chOnline', phone: 'chPhone', video: 'chVideo' };

/** A registration: one petition of its channel, and whether it was collective, skipped a level or is a repeat. */
export function registrationDeltas(p: { channel: PetitionChannel; collective: boolean; skippedLevel: boolean; repeatOf: string | null }): PetitionDeltas {
  return { registered: 1, [channelCounter[p.channel]]: 1, collective: p.collective ? 1 : 0, skippedLevel: p.skippedLevel ? 1 : 0, repeated: p.repeatOf ? 1 : 0 };
}

/**
 * The clock whose lateness a transition is judged by: the written notice (受理/不予受理告知) by the 15-day notify
 * clock at the receiving body, or the office's 15-day routing clock when it decides itself; the reply by the
 * conclusion clock (extension included). Null: the action is not judged for time.
 */
export function judgedClock(action: PetitionAction, from: string): 'notify_by' | 'transfer_by' | 'conclude_by' | null {
  if (action === 'accept' || action === 'notAccept') return from === 'transferred' ? 'notify_by' : 'transfer_by';
  if (action === 'conclude') return 'conclude_by';
  return null;
}

/** A workflow transition's counts; `inTime` is whether the judged clock was still running on time. */
export function transitionDeltas(action: PetitionAction, inTime: boolean): PetitionDeltas {
  switch (action) {
    case 'accept':
      return { notified: 1, notifiedInTime: inTime ? 1 : 0 };
    case 'notAccept':
      return { notified: 1, notifiedInTime: inTime ? 1 : 0, notAccepted: 1 };
    case 'conclude':
      return { concluded: 1, concludedInTime: inTime ? 1 : 0 };
    case 'serve':
      return { served: 1 };
    default:
      return {};
  }
}

/** The petitioner's rating: 满意 and 基本满意 both count as satisfied in the rate, kept apart in the counts. */
export function ratingDeltas(rating: PetitionRating): PetitionDeltas {
  return { rated: 1, satisfied: rating === 'satisfied' ? 1 : 0, basicallySatisfied: rating === 'basically' ? 1 : 0 };
}

/** The rollup's body key of a petition at a step: its department, else the region acting as body, else the registering office. */
export function bodyKeyOf(p: { bodyDepartmentId: string | null; bodyRegionCode: string | null; officeRegion: string }): string {
  if (p.bodyDepartmentId) return `d:${p.bodyDepartmentId}`;
  return `r:${p.bodyRegionCode ?? p.officeRegion}`;
}

/** The rollup's place of a petition: the village it was located to, else the office that registered it. */
export function statPlaceOf(p: { villageCode: string | null; officeRegion: string }): string {
  return p.villageCode ?? p.officeRegion;
}

// The suppression helpers are shared with the mediation statistics (core/stats-suppression.ts).
export { SUPPRESS_BELOW, suppressed, suppressedRate, hideColumn } from '../stats-suppression.ts';
