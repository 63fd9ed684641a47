import { z } from 'zod';
import { FIRST_DAY, LAST_DAY, isCalendarDay } from '../calendar.ts';

/** A 12-digit statistical region code. */
export const RegionCode = z.string().regex(/^\d{12}$/, '区划代码应为12位数字').describe('12-digit 统计用区划代码');
/** A 15-digit grid code (village code + 3 digits). */
export const GridCode = z.string().regex(/^\d{15}$/, '网格编码应为15位数字').describe('15-digit grid code');
/** A UUID path parameter. */
export const Uuid = z.string().uuid().describe('record id (UUID)');
/** Paging for lists. */
export const Paging = z.object({
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).default(1),
  /** Rows per page (max 200). */
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/** The error body every failure returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe('stable code from core/errors.ts'),
    message: z.string().describe('localised message'),
    details: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});
/**
 * Every calendar-day input (birth, move, death, permits, tenancies, records): YYYY-MM-DD, a day that exists, between
 * 1900-01-01 and 2199-12-31. Anything else is 400 VALIDATION_FAILED naming the field, never a database error (500).
 * Bounds that depend on today (not in the future) are the services' (core has no clock).
 */
export const Day = z
  .string()
  .refine(isCalendarDay, `应为 ${FIRST_DAY} 至 ${LAST_DAY} 之间真实存在的日期 (YYYY-MM-DD)`)
  .describe('YYYY-MM-DD');

/** A date-time query bound (list and KPI filters): a valid instant within the same years as `Day`. */
export const Instant = z.coerce
  .date()
  .refine((d) => d.toISOString().slice(0, 10) >= FIRST_DAY && d.toISOString().slice(0, 10) <= LAST_DAY, `应在 ${FIRST_DAY} 至 ${LAST_DAY} 之间`);
