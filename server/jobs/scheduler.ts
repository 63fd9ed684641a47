/**
 * Background work in the server process: the deadline sweep and outbox delivery every few seconds; the audit
 * chain's head anchored outside the database at start, every ANWANG_AUDIT_ANCHOR_SECONDS and at stop; hourly
 * upkeep, the registry's retention purge and the purge of unclaimed uploads.
 */
import type { AppContext } from '../lib/context.ts';
import { sweepDeadlines } from '../modules/cases/deadline-sweep.service.ts';
import { deliverDue } from '../modules/outbox/outbox.service.ts';
import { purgeDue } from '../modules/people/retention.service.ts';
import { purgeUnclaimedUploads } from '../modules/uploads/uploads.service.ts';
import { anchorHead } from '../modules/audit/audit.service.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Starts the loop; runs never overlap, and errors are logged and retried on the next tick. */
export function startScheduler(ctx: AppContext, everyMs: number, log: (msg: string) => void): Scheduler {
  let running: Promise<void> | null = null;
  let lastMaintenance = Date.now();
  let lastAnchor = 0;
  const anchor = async () => {
    lastAnchor = Date.now();
    await anchorHead(ctx);
  };
  const tick = async () => {
    // An unwritable anchor file (a WORM mount gone) is logged each time but never holds up deadlines or messages.
    if (Date.now() - lastAnchor >= ctx.config.auditAnchorMs) await anchor().catch((e: unknown) => log(`scheduler: audit anchor: ${(e as Error).message.slice(0, 200)}`));
    try {
      if (Date.now() - lastMaintenance > 3600_000) {
        lastMaintenance = Date.now();
        await ctx.database.maintain();
        const purged = await purgeDue(ctx);
        if (purged) log(`scheduler: purged the personal data of ${purged} archived persons`);
        const uploads = await purgeUnclaimedUploads(ctx);
        if (uploads) log(`scheduler: deleted ${uploads} uploads no report claimed`);
      }
      const s = await sweepDeadlines(ctx);
      const sent = await deliverDue(ctx);
      if (s.warned || s.breached || sent) log(`scheduler: ${s.warned} warned, ${s.breached} breached, ${sent} delivered`);
    } catch (e) {
      log(`scheduler: ${(e as Error).name}: ${(e as Error).message.slice(0, 200)}`);
    }
  };
  const run = () => {
    if (!running) running = tick().finally(() => (running = null));
  };
  run(); // anchors the head at once: rows removed before the first minute is up are found too
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      await anchor().catch((e: unknown) => log(`scheduler: audit anchor at stop: ${(e as Error).message.slice(0, 200)}`));
    },
  };
}
