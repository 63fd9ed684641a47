/** Parsing a request value with a zod schema inside a handler, when it must happen after another check. */
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../core/errors.ts';

/** The issues of a failed parse as field issues (`where.path: message`), the shape every error body carries. */
export function zodIssues(error: z.ZodError, where: string): FieldIssue[] {
  return error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), code: i.code, message: i.message }));
}

/** The parsed value. @throws VALIDATION_FAILED naming each field */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', zodIssues(parsed.error, where));
  return parsed.data;
}
