/** Requests of the visit-task, coverage and device-copy routes (helper T's part of issue 16). */
import { z } from 'zod';

const GridCode = z.string().regex(/^\d{15}$/, '15-digit grid code');
const RegionCode = z.string().regex(/^\d{12}$/, '12-digit region code');

/** GET /api/field/tasks: mine (default), or every task of the caller's scope (leaders, operators, workers). */
export const TaskListQuery = z.object({
  scope: z.enum(['mine', 'all']).default('mine'),
  grid: GridCode.optional(),
  region: RegionCode.optional(),
  status: z.enum(['open', 'overdue', 'done', 'cancelled']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});

/** GET /api/field/coverage(.xlsx): persons under care nobody visits (无人脱管、无人漏管) under a region of the scope. */
export const CoverageQuery = z.object({
  region: RegionCode.optional(),
  grid: GridCode.optional(),
  reason: z.enum(['no_worker', 'overdue', 'no_task']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/field/snapshot: the device copy of my grids, changes since the last answer's `asOf` (an opaque cursor). */
export const SnapshotQuery = z.object({
  since: z.string().max(100).optional(),
});

// ── Session 12, helper A: care assignments and triggers ──
/** PUT /api/field/care-assignments/:personId: the person's responsible worker (an account id; the page picks it by name). */
export const CareAssignmentSchema = z.object({ workerId: z.uuid() });

/** POST /api/field/triggers: a major change or a petitioner to visit (四访), once while its task is open. */
export const TriggerSchema = z.object({
  subjectType: z.enum(['household', 'person']),
  subjectId: z.uuid(),
  rule: z.enum(['major_change', 'petitioner']),
  note: z.string().trim().max(500).optional(),
}).refine((t) => (t.rule === 'major_change') === (t.subjectType === 'household'), { path: ['subjectType'], message: '重大变故走访针对住户，上访群众走访针对个人' });
