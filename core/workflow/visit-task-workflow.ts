/**
 * A visit task (走访任务) as data: generated open by the rules (core/field/visit-rules.ts), done when a visit is
 * recorded, cancelled when its rule no longer applies (a household's risk went down) or by a leader. While open, a
 * leader (or the system) reassigns it to another worker or reminds the assignee. Its `visit` clock counts calendar
 * days to the due day; the sweep warns the assignee and, on breach, the grid's leader.
 */
import * as wf from './definition.ts';

export const visitTaskStatuses = ['open', 'done', 'cancelled'] as const;
export type VisitTaskStatus = (typeof visitTaskStatuses)[number];

/** worker: a grid worker or household leader recording the visit; leader: the scope's leader; system: the generator and sweep. */
export const visitTaskRoles = ['worker', 'leader', 'system'] as const;
export type VisitTaskRole = (typeof visitTaskRoles)[number];

type Transition = wf.TransitionRule<VisitTaskStatus, VisitTaskRole, never>;

export const visitTaskTransitions = {
  /** 完成: a visit of the subject was recorded. */
  complete: { from: ['open'], to: 'done', roles: ['worker', 'system'] },
  /** 改派: another worker is responsible. */
  reassign: { from: ['open'], to: 'same', roles: ['leader', 'system'] },
  /** 督促: a reminder to the assignee. */
  remind: { from: ['open'], to: 'same', roles: ['leader', 'system'] },
  /** 取消: the rule no longer applies (system), or a leader decides so with a reason. */
  cancel: { from: ['open'], to: 'cancelled', roles: ['leader', 'system'] },
} as const satisfies Record<string, Transition>;

export type VisitTaskAction = keyof typeof visitTaskTransitions;

/** The visit-task workflow as a generic definition (the engine and the exhaustive table test use it). */
export const visitTaskWorkflow: wf.WorkflowDefinition<VisitTaskStatus, VisitTaskAction, VisitTaskRole, never> = wf.defineWorkflow({
  name: 'visitTask',
  statuses: visitTaskStatuses,
  terminal: ['done', 'cancelled'],
  roles: visitTaskRoles,
  transitions: visitTaskTransitions as Record<VisitTaskAction, Transition>,
});
export const visitTaskActions = [...visitTaskWorkflow.actions];
