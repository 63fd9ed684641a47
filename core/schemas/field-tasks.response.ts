/** What the visit-task, coverage and device-copy routes answer (shapes of web/src/field/contracts.ts where they meet). */
import { z } from 'zod';

/** A visit task as the field app and the staff pages list it (the subject masked; the rule never a diagnosis). */
export const TaskItem = z.object({
  id: z.string(),
  subjectType: z.enum(['household', 'person']),
  subjectId: z.string(),
  subjectLabel: z.string(),
  rule: z.string(),
  dueOn: z.string(),
  templateId: z.string().nullable(),
  templateCode: z.string(),
  status: z.string(),
  overdue: z.boolean(),
  gridCode: z.string(),
  assigneeId: z.string().nullable(),
});
export type TaskItem = z.infer<typeof TaskItem>;
export const TaskPage = z.object({ items: z.array(TaskItem), total: z.number(), page: z.number(), pageSize: z.number() });

/** Why a subject under care is listed in the coverage report. */
export const coverageReasons = ['no_worker', 'overdue', 'no_task'] as const;
/** The kind of care in words safe to show: a special group or youth at risk is only ever 'key' (重点人群). */
export const careGroups = ['key', 'care', 'left_behind', 'household_risk'] as const;

/** GET /api/field/coverage. */
export const Coverage = z.object({
  totals: z.object({ underCare: z.number(), listed: z.number(), noWorker: z.number(), overdue: z.number(), noTask: z.number() }),
  counts: z.array(z.object({ level: z.enum(['township', 'village', 'grid']), code: z.string(), name: z.string(), underCare: z.number(), listed: z.number(), noWorker: z.number(), overdue: z.number(), noTask: z.number() })),
  items: z.array(z.object({
    subjectType: z.enum(['person', 'household']), subjectId: z.string(), label: z.string(), group: z.enum(careGroups), gridCode: z.string(), gridName: z.string(), villageName: z.string(),
    reasons: z.array(z.enum(coverageReasons)), dueOn: z.string().nullable(), daysOverdue: z.number().nullable(),
  })),
  total: z.number(), page: z.number(), pageSize: z.number(),
});
export type Coverage = z.infer<typeof Coverage>;
