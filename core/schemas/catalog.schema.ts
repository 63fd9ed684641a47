import { z } from 'zod';
import { tiers, handlingLevels } from '../cases/triage.ts';
import { Day } from './common.schema.ts';

const Tier = z.enum(tiers);
const Keywords = z.object({ minor: z.array(z.string().min(1).max(20)).max(50).optional(), tricky: z.array(z.string().min(1).max(20)).max(50).optional(), complex: z.array(z.string().min(1).max(20)).max(50).optional(), hard: z.array(z.string().min(1).max(20)).max(50).optional() });

/** POST /api/categories */
export const CategoryCreateSchema = z.object({
  /** Dotted id, e.g. `municipal.bridge`. */
  id: z.string().regex(/^[a-z][A-Za-z0-9.]{1,63}$/),
  parentId: z.string().optional(),
  name: z.string().min(1).max(50),
  nameEn: z.string().min(1).max(80),
  /** The name in Traditional characters, for zh-TW readers (optional: they see `name` without it). */
  nameZhTw: z.string().min(1).max(50).optional(),
  /** Private categories never appear publicly (Open311, tracking, exports). */
  isPublic: z.boolean(),
  defaultTier: Tier,
  keywords: Keywords.default({}),
  sort: z.number().int().default(0),
});
/** PATCH /api/categories/:id */
export const CategoryUpdateSchema = CategoryCreateSchema.omit({ id: true }).partial().extend({ active: z.boolean().optional() });

/** POST /api/departments */
export const DepartmentCreateSchema = z.object({
  /** 6-digit county the department serves. */
  countyCode: z.string().regex(/^\d{6}$/),
  name: z.string().min(1).max(60),
  /** Categories this department owns in its county (复杂事 go to it). */
  categoryIds: z.array(z.string()).max(100).default([]),
});

/** PATCH /api/departments/:id */
export const DepartmentUpdateSchema = z.object({
  name: z.string().min(1).max(60).optional(),
  /** Every category the department owns in its county from now on (others it owned become unowned). */
  categoryIds: z.array(z.string()).max(100).optional(),
  active: z.boolean().optional(),
});

/** PUT /api/calendar/day: one day of a county's calendar (or of every county, 000000); `normal` removes the day. */
export const CalendarDaySetSchema = z.object({
  countyCode: z.string().regex(/^\d{6}$/).default('000000'),
  day: Day,
  kind: z.enum(['holiday', 'workday', 'normal']),
  /** What the day is (国庆节, 国庆节调休上班). */
  name: z.string().max(40).default(''),
});

/** PUT /api/routing-rules/:county */
export const RoutingRulesSchema = z.object({ minor: z.enum(handlingLevels), tricky: z.enum(handlingLevels), complex: z.enum(handlingLevels), hard: z.enum(handlingLevels) });

/** PUT /api/deadline-policies (one row) */
export const DeadlinePolicySchema = z.object({
  countyCode: z.string().regex(/^(\d{6})$/),
  categoryId: z.string().default('*'),
  tier: Tier,
  firstResponseMinutes: z.number().int().min(1).max(60 * 24 * 30),
  stageMinutes: z.number().int().min(1).max(60 * 24 * 365),
  totalMinutes: z.number().int().min(1).max(60 * 24 * 365),
  mode: z.enum(['calendar', 'working']),
});
