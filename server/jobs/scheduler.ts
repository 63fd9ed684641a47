/** Background work in the server process: the deadline sweep and outbox delivery every few seconds; hourly upkeep, the registry's retention purge and the purge of unclaimed uploads. */
import type { AppContext } from '../lib/context.ts';
import { sweepDeadlines } from '../modules/cases/deadline-sweep.service.ts';
import { deliverDue } from '../modules/outbox/outbox.service.ts';
import { purgeDue } from '../modules/people/retention.service.ts';
import { purgeUnclaimedUploads } from '../modules/cases/attachments.service.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Starts the loop; runs never overlap, and errors are logged and retried on the next tick. */
export function startScheduler(ctx: AppContext, everyMs: number, log: (msg: string) => void): Scheduler {
  let running: Promise<void> | null = null;
  let lastMaintenance = Date.now();
  const tick = async () => {
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
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
