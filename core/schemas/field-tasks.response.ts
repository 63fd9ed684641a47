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
