import { z } from 'zod';
import { caseBoxes } from '../cases/inbox-boxes.ts';
import { tiers } from '../cases/triage.ts';
import { Instant, Paging, RegionCode } from './common.schema.ts';

const Tier = z.enum(tiers);
const UploadIds = z.array(z.string().uuid()).max(10).default([]);
const Text = (max: number) => z.string().trim().min(1).max(max);

/** Channels staff enter reports from (residents use the H5 page, integrations Open311). */
export const staffChannels = ['visit', 'letter', 'phone', 'video', 'hotline', 'patrol', 'app', 'alarm'] as const;

/** POST /api/cases: a report taken in by staff (walk-in, letter, phone, video, hotline, patrol, one-click alarm). */
export const CaseCreateSchema = z.object({
  channel: z.enum(staffChannels),
  categoryId: z.string().min(1).max(64),
  /** What happened, where, since when. */
  description: Text(2000),
  /** The operator's tier when it differs from the suggestion. */
  tier: Tier.optional(),
  /** Location from the phone or the map… */
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  /** …or, for a walk-in without coordinates, the village (村/社区) it concerns. */
  villageCode: RegionCode.optional(),
  address: z.string().max(200).optional(),
  reporterName: z.string().max(50).optional(),
  reporterPhone: z.string().max(30).optional(),
  /** Photos (up to 9) and one voice note uploaded first through /api/uploads. */
  uploadIds: UploadIds,
});
export type CaseCreateInput = z.infer<typeof CaseCreateSchema>;

/** POST /api/public/cases: a resident's report from the H5 page (no sign-in). */
export const PublicReportSchema = z.object({
  categoryId: z.string().min(1).max(64),
  description: Text(2000),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  address: z.string().max(200).optional(),
  /** Optional; never shown publicly. */
  name: z.string().max(50).optional(),
  /** Optional; for progress messages and the follow-up call. */
  phone: z.string().max(30).optional(),
  uploadIds: UploadIds,
});
export type PublicReportInput = z.infer<typeof PublicReportSchema>;

/** POST /api/cases/:code/reporter: the reason the user typed, recorded in the audit row; blank is refused (no default). */
export const RevealReporterSchema = z.object({ reason: z.string().trim().min(2, '请填写查看原因（至少2个字）').max(200, '查看原因最多200个字') });

/** The body of each workflow action (POST /api/cases/:code/actions/:action). */
export const caseActionSchemas = {
  accept: z.object({ tier: Tier.optional(), note: z.string().max(500).optional() }),
  reject: z.object({ reason: Text(500) }),
  redirect: z.object({ unit: Text(100), reason: z.string().max(500).optional() }),
  merge: z.object({ duplicateOf: z.string().regex(/^\d{6}-[0-9A-Z]{8}$/) }),
  dispatch: z.object({ departmentId: z.string().uuid().optional(), userId: z.string().uuid().optional(), note: z.string().max(500).optional() }).refine((v) => v.departmentId || v.userId, { message: 'departmentId or userId' }),
  return: z.object({ reason: Text(500) }),
  transfer: z.object({ regionCode: RegionCode.optional(), departmentId: z.string().uuid().optional(), reason: Text(500) }).refine((v) => v.regionCode || v.departmentId, { message: 'regionCode or departmentId' }),
  escalate: z.object({ reason: z.string().max(500).optional() }),
  assist: z.object({ departmentId: z.string().uuid(), note: z.string().max(500).optional() }),
  start: z.object({ note: z.string().max(500).optional() }),
  reportBack: z.object({ text: Text(2000), uploadIds: UploadIds }),
  verify: z.object({ result: z.enum(['pass', 'fail']), note: z.string().max(500).optional() }),
  followUp: z.object({ satisfaction: z.enum(['satisfied', 'basically', 'unsatisfied']), method: z.enum(['phone', 'visit', 'page']).default('phone'), note: z.string().max(500).optional() }),
  close: z.object({ note: z.string().max(500).optional() }),
  closeUnresolved: z.object({ reason: Text(500) }),
  extendRequest: z.object({ minutes: z.number().int().min(60).max(60 * 24 * 60), reason: Text(500) }),
  extendDecide: z.object({ approve: z.boolean(), note: z.string().max(500).optional() }),
  urge: z.object({ note: z.string().max(500).optional() }),
  pause: z.object({ reason: Text(500) }),
  resume: z.object({ note: z.string().max(500).optional() }),
  meToo: z.object({}),
};

/** GET /api/cases */
export const CaseListQuery = Paging.extend({
  /** Inbox: what waits for me. */
  box: z.enum(caseBoxes).default('all'),
  /** newest: newest first; due: the nearest due time first (overdue at the top). */
  sort: z.enum(['newest', 'due']).default('newest'),
  /** Only cases whose nearest running clock falls due in this window (the home page's "due today"). */
  dueFrom: Instant.optional(),
  dueTo: Instant.optional(),
  region: RegionCode.optional(),
  category: z.string().max(64).optional(),
  tier: Tier.optional(),
  status: z.string().max(200).optional(),
  channel: z.string().max(20).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  q: z.string().max(50).optional(),
});

/** POST /api/cases/batch-dispatch */
export const BatchDispatchSchema = z.object({ codes: z.array(z.string().regex(/^\d{6}-[0-9A-Z]{8}$/)).min(1).max(100), departmentId: z.string().uuid().optional(), userId: z.string().uuid().optional() });

/** POST /api/public/cases/:code/rating */
export const PublicRatingSchema = z.object({
  satisfaction: z.enum(['satisfied', 'basically', 'unsatisfied']),
  comment: z.string().max(500).optional(),
  /** The reporter's key from the intake answer (the tracking link's #k=…). */
  key: z.string().min(1).max(100),
});

/** POST /api/public/cases/:code/me-too: who adds their voice (a device id the page keeps, and/or a phone). */
export const PublicMeTooSchema = z
  .object({ deviceId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(), phone: z.string().max(20).optional() })
  .refine((v) => v.deviceId || v.phone, { message: 'deviceId or phone', path: ['deviceId'] });

/** GET /api/kpis */
export const KpiQuery = z.object({ region: RegionCode.optional(), from: Instant.optional(), to: Instant.optional() });
