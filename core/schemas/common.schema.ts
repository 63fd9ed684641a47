import { z } from 'zod';

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
