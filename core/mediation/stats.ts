/**
 * What each dispute event adds to the mediation statistics (issue 15 item 9), as the places count them: success
 * rate = agreements among disputes mediated, where "mediated" is a mediation that ended after the mediator
 * accepted it (an agreement, a failure, a refusal or a referral from 调解中). Pure.
 */
import type { DisputeAction, DisputeStatus } from '../workflow/dispute-workflow.ts';

/** The counters of `dispute_stats_daily` (each dispute once). */
export const disputeCounters = ['registered', 'accepted', 'mediated', 'agreed', 'failed', 'referred', 'refused', 'concluded', 'closed'] as const;
export type DisputeCounter = (typeof disputeCounters)[number];
export type DisputeDeltas = Partial<Record<DisputeCounter, number>>;

/** The counters of `dispute_mediator_stats_daily` (each mediator of the dispute). */
export const mediatorCounters = ['accepted', 'mediated', 'agreed', 'failed', 'referred', 'refused'] as const;
export type MediatorCounter = (typeof mediatorCounters)[number];
export type MediatorDeltas = Partial<Record<MediatorCounter, number>>;

/** The statuses a mediation can end from (a referral after a failure ends nothing more). */
const openStatuses: readonly string[] = ['registered', 'assigned', 'mediating'] satisfies DisputeStatus[];

/** The outcome counter of an action that can end a mediation, or null. */
function outcomeOf(action: DisputeAction): 'agreed' | 'failed' | 'referred' | 'refused' | null {
  switch (action) {
    case 'recordAgreement':
      return 'agreed';
    case 'recordFailure':
      return 'failed';
    case 'refer':
      return 'referred';
    case 'refuse':
      return 'refused';
    default:
      return null;
  }
}

/** A transition's counts for the dispute (once). A referral is always counted; it concludes only from an open status. */
export function disputeDeltas(action: DisputeAction, from: DisputeStatus): DisputeDeltas {
  if (action === 'accept') return { accepted: 1 };
  if (action === 'close') return { closed: 1 };
  const outcome = outcomeOf(action);
  if (!outcome) return {};
  const ends = openStatuses.includes(from);
  return { [outcome]: 1, concluded: ends ? 1 : 0, mediated: ends && from === 'mediating' ? 1 : 0 };
}

/** A transition's counts for each mediator on the dispute: acceptance, and the outcome that ended the mediation. */
export function mediatorDeltas(action: DisputeAction, from: DisputeStatus): MediatorDeltas {
  if (action === 'accept') return { accepted: 1 };
  const outcome = outcomeOf(action);
  if (!outcome || !openStatuses.includes(from)) return {};
  return { [outcome]: 1, mediated: from === 'mediating' ? 1 : 0 };
}

/** The rollup's place of a dispute: its village, else its committee's region. */
export function disputePlaceOf(d: { villageCode: string | null; committeeRegion: string }): string {
  return d.villageCode ?? d.committeeRegion;
}
