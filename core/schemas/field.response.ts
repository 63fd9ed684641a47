/** The answers of the field-record routes, for clients (the field app imports the types; the services build them). */
import { z } from 'zod';

/** POST /api/field/patrols (201) and …/:patrolId/end (200). */
export const PatrolAnswer = z.object({ id: z.string(), gridCode: z.string(), startedAt: z.string(), endedAt: z.string().nullable(), status: z.enum(['open', 'ended']), pointCount: z.number(), distanceM: z.number() });
/** POST /api/field/patrols/:patrolId/track (201). */
export const TrackChunkAnswer = z.object({ id: z.string(), seq: z.number(), pointCount: z.number(), distanceM: z.number() });
/** POST /api/field/patrols/:patrolId/findings (201): the case the finding became. */
export const FindingAnswer = z.object({ id: z.string(), caseCode: z.string() });
/** POST /api/field/visits (201). */
export const VisitAnswer = z.object({ id: z.string() });
/** POST /api/field/assessments (201): scored on the server. */
export const AssessmentAnswer = z.object({ id: z.string(), score: z.number(), level: z.enum(['high', 'medium', 'low']) });
/** PUT /api/field/attachments/:id (201 stored, 200 already stored). */
export const AttachmentAnswer = z.object({ id: z.string(), ownerType: z.enum(['visit', 'finding', 'assessment']), ownerId: z.string(), kind: z.enum(['photo', 'voice']), mime: z.string(), size: z.number() });
/** GET /api/field/patrols/:patrolId/track: the whole track ([epoch ms, lat, lng, accuracy] in time order). */
export const TrackAnswer = z.object({ patrol: PatrolAnswer, chunks: z.array(z.object({ seq: z.number(), pointCount: z.number(), distanceM: z.number() })), points: z.array(z.tuple([z.number(), z.number(), z.number(), z.number()])) });

export type PatrolAnswer = z.infer<typeof PatrolAnswer>;
export type TrackChunkAnswer = z.infer<typeof TrackChunkAnswer>;
export type FindingAnswer = z.infer<typeof FindingAnswer>;
export type VisitAnswer = z.infer<typeof VisitAnswer>;
export type AssessmentAnswer = z.infer<typeof AssessmentAnswer>;
export type AttachmentAnswer = z.infer<typeof AttachmentAnswer>;
export type TrackAnswer = z.infer<typeof TrackAnswer>;
