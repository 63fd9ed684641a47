/**
 * A petition turned into a case, and a case sent to petitions (issue 14, item 7): which channel each becomes. The
 * case register has no 'petition' channel (0002's CHECK): a petition keeps the way it came in, so the case's
 * channel is the same way (online → web). A case sent to petitions comes in as a visit, a call or online: a
 * letter's or a video's petition channel would ask for what a case does not hold (the letter's scan).
 */
import type { PetitionChannel } from '../workflow/petition-workflow.ts';

/** The case channels (cases' CHECK in migration 0002). */
export type CaseChannel = 'visit' | 'letter' | 'web' | 'phone' | 'video' | 'patrol' | 'hotline' | 'alarm' | 'open311' | 'app';

const toCase: Record<PetitionChannel, CaseChannel> = { visit: 'visit', letter: 'letter', online: 'web', phone: 'phone', video: 'video' };

/** The case channel for a petition's channel. */
export const caseChannelOf = (c: PetitionChannel): CaseChannel => toCase[c];

/** The channels a case sent to petitions may come in by. */
export type CaseToPetitionChannel = Extract<PetitionChannel, 'visit' | 'phone' | 'online'>;

// A patrol met the person on the spot (a visit); a hotline, an alarm or a video call is a call; the rest came in writing.
const toPetition: Record<CaseChannel, CaseToPetitionChannel> = { visit: 'visit', patrol: 'visit', phone: 'phone', hotline: 'phone', alarm: 'phone', video: 'phone', letter: 'online', web: 'online', app: 'online', open311: 'online' };

/** The petition channel nearest a case's channel (visit, phone or online). */
export const petitionChannelOf = (c: string): CaseToPetitionChannel => toPetition[c as CaseChannel] ?? 'online';

/** Longest case description (CaseCreateSchema); a longer matter is cut with an ellipsis (the petition keeps it whole). */
export const CASE_DESCRIPTION_MAX = 2000;

/** A petition's matter as a case's description. */
export function caseDescriptionOf(matter: string): string {
  return matter.length <= CASE_DESCRIPTION_MAX ? matter : `${matter.slice(0, CASE_DESCRIPTION_MAX - 1)}…`;
}
