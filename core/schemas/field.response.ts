/** The answers of the field-record routes (documentation and client types; the services build them). */
import { z } from 'zod';

export const PatrolAnswer = z.object({ id: z.string(), gridCode: z.string(), startedAt: z.string(), endedAt: z.string().nullable(), status: z.enum(['open', 'ended']) });
export const FindingAnswer = z.object({ id: z.string(), caseCode: z.string() });
export const VisitAnswer = z.object({ id: z.string() });
export const AssessmentAnswer = z.object({ id: z.string(), score: z.number(), level: z.enum(['high', 'medium', 'low']) });
export const TrackChunkAnswer = z.object({ id: z.string(), seq: z.number(), pointCount: z.number(), distanceM: z.number() });
export const AttachmentAnswer = z.object({ id: z.string(), ownerType: z.string(), ownerId: z.string(), kind: z.enum(['photo', 'voice']), mime: z.string(), size: z.number() });
export type PatrolAnswer = z.infer<typeof PatrolAnswer>;
export type AssessmentAnswer = z.infer<typeof AssessmentAnswer>;
