/**
 * Every background job in one list, with how often it runs: the scheduler (scheduler.ts) runs this list and
 * nothing else. A new module adds its clock handlers to `clockHandlers` and its own jobs to `jobs`.
 */
import type { AppContext } from '../lib/context.ts';
import { sweepClocks, type ClockHandlerRegistry } from '../workflow/sweep.ts';
import { deliverDue } from '../modules/outbox/outbox.service.ts';
import { purgeDue } from '../modules/people/retention.service.ts';
import { purgeUnclaimedUploads } from '../modules/uploads/uploads.service.ts';
import { anchorHead } from '../modules/audit/audit.service.ts';
import { caseClockHandlers } from '../modules/cases/deadline-sweep.service.ts';
import { petitionClockHandlers } from '../modules/petitions/petition-sweep.service.ts';
import { disputeClockHandlers } from '../modules/mediation/dispute-sweep.service.ts';
import { foldFinishedMonths } from '../modules/cases/case-kpi-months.service.ts';
import { purgePendingDocuments } from '../modules/documents/documents.service.ts';
// ── Session 11, helper T: visit tasks ──
import { visitTaskClockHandlers } from '../modules/field-tasks/visit-task-sweep.ts';
import { generateVisitTasks } from '../modules/field-tasks/visit-task-generator.service.ts';

/** Subject type → the warn and breach handlers of the module that owns it; the one sweep claims clocks of all of them. */
export const clockHandlers: ClockHandlerRegistry = {
  case: caseClockHandlers,
  petition: petitionClockHandlers,
  dispute: disputeClockHandlers,
  // ── Session 11, helper T ──
  visit_task: visitTaskClockHandlers,
};

/** One background job. */
export interface Job {
  name: string;
  /** Least time between two runs (0: every tick of the scheduler). */
  everyMs: (ctx: AppContext) => number;
  /** Run at the first tick (otherwise the first run waits a whole interval). */
  atStart?: boolean;
  /** Run once more when the scheduler stops. */
  atStop?: boolean;
  /** Does the work; returns a line to log when there was something to report. */
  run(ctx: AppContext): Promise<string | undefined>;
}

const HOUR = 3600_000;

/** The jobs in the order one tick runs them. */
export const jobs: Job[] = [
  // The audit chain's head, anchored outside the database at start (rows removed before the first minute is
  // up are found too), every ANWANG_AUDIT_ANCHOR_SECONDS and at stop.
  { name: 'audit anchor', everyMs: (ctx) => ctx.config.auditAnchorMs, atStart: true, atStop: true, run: async (ctx) => void (await anchorHead(ctx)) },
  // Hourly upkeep: the database's own maintenance, the registry's retention purge, uploads no report claimed, document files no record names.
  { name: 'maintain', everyMs: () => HOUR, run: async (ctx) => void (await ctx.database.maintain()) },
  { name: 'retention purge', everyMs: () => HOUR, run: async (ctx) => ((n) => (n ? `purged the personal data of ${n} archived persons` : undefined))(await purgeDue(ctx)) },
  { name: 'unclaimed uploads', everyMs: () => HOUR, run: async (ctx) => ((n) => (n ? `deleted ${n} uploads no report claimed` : undefined))(await purgeUnclaimedUploads(ctx)) },
  // Document files whose transaction rolled back (written under a pending key, never made final).
  { name: 'pending documents', everyMs: () => HOUR, run: async (ctx) => ((n) => (n ? `deleted ${n} document files no record names` : undefined))(await purgePendingDocuments(ctx)) },
  // Monthly KPI rollups: every finished month folded from the daily rows, at start and then hourly (a no-op
  // until a month ends; one server folds, another running it at once skips).
  { name: 'kpi months', everyMs: () => HOUR, atStart: true, run: async (ctx) => ((ms) => (ms.length ? `folded the KPI rollups of ${ms.join(', ')}` : undefined))(await foldFinishedMonths(ctx)) },
  // ── Session 11, helper T: visit tasks from the rules as data (core/field/visit-rules.ts), hourly and at start;
  // idempotent (a rerun or a second server creates nothing twice). ──
  { name: 'visit tasks', everyMs: () => HOUR, atStart: true, run: (ctx) => generateVisitTasks(ctx) },
  // Every tick: the one clock sweep over every registered subject type, then the outbox.
  { name: 'clock sweep', everyMs: () => 0, atStart: true, run: async (ctx) => ((s) => (s.warned || s.breached ? `${s.warned} warned, ${s.breached} breached` : undefined))(await sweepClocks(ctx, clockHandlers)) },
  { name: 'outbox', everyMs: () => 0, atStart: true, run: async (ctx) => ((n) => (n ? `${n} delivered` : undefined))(await deliverDue(ctx)) },
];
