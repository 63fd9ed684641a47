/**
 * One zod schema per request of the field records (patrols, track chunks, findings, visits, assessments,
 * attachments, patrol compliance) and the shape of a shipped template file. Every create carries the record's
 * client UUID as `id` (also its Idempotency-Key) and the device's time as an ISO string with an offset.
 */
import { z } from 'zod';
import { itemTypes, templateKinds } from '../field/templates.ts';
import { Day, GridCode, Instant, Paging, RegionCode } from './common.schema.ts';

const Id = z.string().uuid();
const Text = (max: number) => z.string().trim().min(1).max(max);
/** A time from the device (ISO 8601 with Z or an offset): when it happened, not when it reached the server. */
export const DeviceTime = z.iso.datetime({ offset: true }).describe('ISO 8601 time from the device');
const Lat = z.number().min(-90).max(90);
const Lng = z.number().min(-180).max(180);

/** The most points one track chunk carries (20 points or 5 minutes per chunk on the phone; 120 leaves room). */
export const MAX_CHUNK_POINTS = 120;

/** POST /api/field/patrols: a patrol (巡查) starts in one of the worker's grids. */
export const PatrolStartSchema = z.object({ id: Id, gridCode: GridCode, startedAt: DeviceTime });
export type PatrolStartInput = z.infer<typeof PatrolStartSchema>;

/** Answers of a checklist or questionnaire, keyed by item code (checked against the template by the service). */
export const AnswersSchema = z.record(z.string().min(1).max(64), z.union([z.boolean(), z.number(), z.string().max(2000)])).refine((a) => Object.keys(a).length <= 100, '最多 100 项');

/** POST /api/field/patrols/:patrolId/end: the patrol ends (`id` = the end record's UUID; ending twice is fine). */
export const PatrolEndSchema = z.object({
  id: Id,
  endedAt: DeviceTime,
  /** The patrol checklist (六必查) the answers were given against; needed with answers. */
  templateId: Id.optional(),
  /** The checklist as the worker left it: items not reached may stay out. Stored encrypted; the first end's are kept. */
  answers: AnswersSchema.optional(),
});
export type PatrolEndInput = z.infer<typeof PatrolEndSchema>;

/** One sampled point: [epoch ms, lat, lng, accuracy in metres]. */
export const TrackPoint = z.tuple([z.number().int().min(0), Lat, Lng, z.number().min(0).max(100_000)]);

/** POST /api/field/patrols/:patrolId/track: one chunk of the track, numbered from 0 by the phone. */
export const TrackChunkSchema = z.object({ id: Id, seq: z.number().int().min(0).max(100_000), points: z.array(TrackPoint).min(1).max(MAX_CHUNK_POINTS) });
export type TrackChunkInput = z.infer<typeof TrackChunkSchema>;

/** POST /api/field/patrols/:patrolId/findings: a problem seen on patrol; it becomes a case (channel patrol). */
export const FindingSchema = z.object({
  id: Id,
  recordedAt: DeviceTime,
  categoryId: z.string().min(1).max(64),
  description: Text(2000),
  lat: Lat,
  lng: Lng,
  /** The 六必查 item it was found under (e.g. `liubicha.rentals`). */
  templateItem: z.string().max(80).optional(),
});
export type FindingInput = z.infer<typeof FindingSchema>;

/** POST /api/field/visits: a visit (走访) to a household or a person; corrections are new records with `supersedes`. */
export const VisitSchema = z.object({
  id: Id,
  templateId: Id,
  subjectType: z.enum(['household', 'person']),
  subjectId: Id,
  answers: AnswersSchema,
  note: z.string().trim().max(2000).optional(),
  visitedAt: DeviceTime,
  /** The visit task it fulfils (else the subject's open task is found by the tasks module). */
  taskId: Id.optional(),
  /** The earlier visit record this one corrects. */
  supersedes: Id.optional(),
});
export type VisitInput = z.infer<typeof VisitSchema>;

/** POST /api/field/assessments: a household risk assessment; the server scores it with core/field/risk-score.ts. */
export const AssessmentSchema = z.object({ id: Id, householdId: Id, templateId: Id, answers: AnswersSchema, assessedAt: DeviceTime, supersedes: Id.optional() });
export type AssessmentInput = z.infer<typeof AssessmentSchema>;

/** PUT /api/field/attachments/:id?owner=<visit|finding|assessment>:<ownerUuid>. */
export const AttachmentQuery = z.object({
  owner: z.string().regex(/^(visit|finding|assessment):[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'owner 应为 visit|finding|assessment:<UUID>'),
});

/** GET /api/field/patrol-compliance: 一日一巡 per worker, grid and township over China calendar days (default the last 7 up to today). */
export const PatrolComplianceQuery = z.object({ region: RegionCode.optional(), from: Day.optional(), to: Day.optional() });

const TemplateTextSchema = z.object({ 'zh-CN': Text(200), 'zh-TW': Text(200), en: Text(200), bo: Text(400).optional() });
const Confidence = z.enum(['H', 'M', 'L']);

/** A template file under server/modules/field/templates/ (checked at start: a bad file stops the server). */
export const FieldTemplateFileSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
  kind: z.enum(templateKinds),
  name: TemplateTextSchema,
  source: Text(600),
  confidence: Confidence,
  thresholds: z.object({ high: z.number().int().min(1), medium: z.number().int().min(1) }).optional(),
  items: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
        type: z.enum(itemTypes),
        text: TemplateTextSchema,
        options: z.array(z.object({ code: z.string().regex(/^[a-z0-9_]{1,40}$/), text: TemplateTextSchema, score: z.number().int().min(0).optional() })).min(2).optional(),
        weight: z.number().int().min(0).optional(),
        sensitive: z.boolean().optional(),
        optional: z.boolean().optional(),
        confidence: Confidence.optional(),
        source: z.string().max(600).optional(),
      }),
    )
    .min(1),
});
export type FieldTemplateFile = z.infer<typeof FieldTemplateFileSchema>;

/** GET /api/field/patrols: patrols in a region (a worker's own only, for roles that see only their own), newest first. */
export const PatrolListQuery = Paging.extend({ region: RegionCode.optional(), from: Instant.optional(), to: Instant.optional() });

/** GET /api/field/visits: visits in a region, or of one household or person, newest first. */
export const VisitListQuery = Paging.extend({ region: RegionCode.optional(), from: Instant.optional(), to: Instant.optional(), subjectType: z.enum(['household', 'person']).optional(), subjectId: Id.optional() })
  .refine((q) => !q.subjectType === !q.subjectId, { message: 'subjectType 与 subjectId 须同时给出', path: ['subjectId'] });
