/** Code tables: national ones shipped as files, a county's own local ones (the "X" of GB/T 31000 "9+X"). */
import { z } from 'zod';

export const CodeItemSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, '1–32 letters, digits, _ . -'),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).optional(),
  parentCode: z.string().max(32).optional(),
});

/** A shipped table file (server/modules/codes/tables/*.json). */
export const CodeTableFileSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
  name: z.string().min(1),
  nameEn: z.string().optional(),
  version: z.string().min(1),
  source: z.string().min(1),
  confidence: z.enum(['V', 'I', 'M', 'L']),
  note: z.string().optional(),
  items: z.array(CodeItemSchema).min(1),
});

/** A county's local table: its id is `x_<county code>_<name>` so it can never shadow a national one. */
export const LocalCodeTableSchema = z.object({
  countyCode: z.string().regex(/^\d{6}$/),
  name: z.string().trim().min(1).max(60),
  key: z.string().regex(/^[a-z][a-z0-9_]{1,30}$/, 'lower-case letters, digits and _'),
  source: z.string().trim().min(1).max(200).default('本县自定义 local table'),
  items: z.array(CodeItemSchema).min(1).max(2000),
});
