/**
 * What a workflow module gives the transition engine: its definition (core/workflow), its policy, its effects
 * table, the one writer of its status, its event writer, and which clocks its statuses open and settle. The
 * engine does the rest in one transaction (server/workflow/engine.ts).
 */
import type { WorkCalendar } from '../../core/calendar.ts';
import type { WorkflowDefinition } from '../../core/workflow/definition.ts';
import type { WorkflowAuditAction } from '../../core/audit-actions.ts';
import type { Executor } from '../db/client.ts';
import type { Actor } from '../lib/actor.ts';
import type { AppContext } from '../lib/context.ts';
import type { ClockSpec } from './clocks.service.ts';
import type { SubjectRef } from '../modules/outbox/outbox.service.ts';

/** The least a subject row has: its county (the distribution key), its id and its status. */
export interface SubjectRow {
  countyCode: string;
  id: string;
  status: string;
}

/** A further step the engine takes in the same transaction, as the system, after this one. */
export interface FollowOn<A extends string> {
  action: A;
  input: Record<string, unknown>;
}

/** What one action does beyond moving the status: returned by the module's effect for that action. */
export interface Effect<Row, V extends string, A extends string> {
  /** Columns to change besides the status. */
  set: Partial<Row>;
  /** The branch taken (verify pass/fail …), for actions whose target depends on it. */
  variant?: V;
  /** Why (the event's reason). */
  reason?: string | null;
  /** Event data (non-personal). */
  data?: Record<string, unknown>;
  /** Anything else the module's event writer needs (e.g. the unit a case moved to). */
  event?: Record<string, unknown>;
  /** Staff to notify in-app, and the text. */
  notify?: { userIds: string[]; text: string };
  /** A text message to the subject's contacts (the module says who they are). */
  sms?: string;
  /** Clock changes of this action beyond the status-driven ones. */
  /**
   * Clocks this step settles, opens, pauses or extends. `at`: when the step took place if it is recorded afterwards
   * (a court's acceptance entered with its date): the step's own settle and open count from then, not from now.
   */
  clocks?: { settle?: string[]; open?: string[]; pause?: boolean; resume?: boolean; extend?: { minutes: number; kinds: string[] }; at?: Date };
  /** The module's own bookkeeping after the status is written (rollups, attachments); never a transition. */
  after?: (tx: Executor, after: Row) => Promise<void>;
  /** Steps the engine runs next, in this transaction, as the system (a satisfied rating closes the case). */
  followOn?: FollowOn<A>[];
  /** Extra detail for the audit row (non-personal). */
  audit?: Record<string, unknown>;
}

/** One action's effect: reads what it needs, decides, returns the change as a value. */
export type EffectFn<Row, V extends string, A extends string, I = Record<string, unknown>> = (tx: Executor, ctx: AppContext, actor: Actor, row: Row, input: I, now: Date) => Promise<Effect<Row, V, A>>;

/** Which clocks the statuses open and settle, as data, and how long they run. */
export interface ClockPlan<Row, S extends string> {
  /** Kinds settled whenever the status changes (cancelled when the new status is terminal). */
  settleOnLeave?: readonly string[];
  /** Kinds opened on entering a status. */
  openOnEnter?: Partial<Record<S, readonly string[]>>;
  /** Kinds settled on reaching a terminal status; cancelled unless the status is in `metOn`. */
  settleOnTerminal?: { kinds: readonly string[]; metOn: readonly S[] };
  /** The limits and counting rules of these kinds for this subject (the row as it is after the move). */
  limits(tx: Executor, ctx: AppContext, row: Row, kinds: readonly string[]): Promise<ClockSpec[]>;
  /** The work calendar the subject's clocks count against. */
  calendar(tx: Executor, ctx: AppContext, row: Row): Promise<WorkCalendar>;
}

/** The event the module appends for each transition. */
export interface TransitionEvent<Row, S extends string, A extends string, R extends string, V extends string> {
  before: Row;
  after: Row;
  action: A;
  actor: Actor;
  role: R;
  from: S;
  to: S;
  effect: Effect<Row, V, A>;
  now: Date;
}

/** A workflow module as the engine sees it. */
export interface WorkflowModule<Row extends SubjectRow, S extends string, A extends string, R extends string, V extends string> {
  /** The subject type of its clocks, outbox messages and notices ('case'). */
  subjectType: string;
  definition: WorkflowDefinition<S, A, R, V> & { name: string };
  /** The workflow role this actor plays on this row (null: takes no part). */
  roleOf(actor: Actor, row: Row): R | null;
  /** The module's place and person rules: may this actor take this action on this row now. */
  permits(actor: Actor, row: Row, action: A): boolean;
  effects: { [K in A]: EffectFn<Row, V, A, never> };
  /** The one writer of the status: writes `set` (status included) and returns the row as it now is. */
  writeStatus(tx: Executor, row: Row, set: Partial<Row> & { status: S }, now: Date): Promise<Row>;
  /** Appends the module's typed event. */
  appendEvent(tx: Executor, e: TransitionEvent<Row, S, A, R, V>): Promise<void>;
  /** The subject as outbox messages and notices name it (with the code a click opens). */
  subjectOf(row: Row): SubjectRef;
  /** The id the audit row names (a case's code). */
  auditObjectId(row: Row): string;
  /** Encrypted phone numbers an effect's `sms` goes to. */
  smsRecipients?(row: Row): string[];
  clocks?: ClockPlan<Row, S>;
}

/** The audit action of a transition: `<workflow>.<action>`. */
export function auditActionOf(workflow: string, action: string): WorkflowAuditAction {
  return `${workflow}.${action}` as WorkflowAuditAction;
}
