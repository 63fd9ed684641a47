/** What the catalog routes answer: categories, departments, routing rules, deadline policies, the holiday calendar. */
import { z } from 'zod';

/** A category (a group when it has no parent); `ownerCode` is the region whose administrators may change it. */
export const Category = z.object({ id: z.string(), parentId: z.string().nullable(), name: z.string(), nameEn: z.string(), nameZhTw: z.string().nullable(), isPublic: z.boolean(), defaultTier: z.string(), keywords: z.record(z.string(), z.array(z.string()).optional()), sort: z.number(), active: z.boolean(), ownerCode: z.string() });
export type Category = z.infer<typeof Category>;

/** A county department and the categories it owns. */
export const Department = z.object({ id: z.string(), countyCode: z.string(), countyName: z.string().nullable().optional(), name: z.string(), active: z.boolean().optional(), categoryIds: z.array(z.string()) });
export type Department = z.infer<typeof Department>;

/** Tier → handling level of a county. */
export const RoutingRules = z.record(z.string(), z.string());

/** One deadline policy row. */
export const DeadlinePolicy = z.object({ countyCode: z.string(), countyName: z.string().nullable().optional(), categoryId: z.string(), tier: z.string(), firstResponseMinutes: z.number(), stageMinutes: z.number(), totalMinutes: z.number(), mode: z.string() });
export type DeadlinePolicy = z.infer<typeof DeadlinePolicy>;

/** A holiday or an adjusted working day (调休). */
export const CalendarDay = z.object({ countyCode: z.string(), countyName: z.string().nullable().optional(), day: z.string(), kind: z.string(), name: z.string() });
export type CalendarDay = z.infer<typeof CalendarDay>;
