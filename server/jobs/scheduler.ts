/**
 * Background work in the server process: runs the job registry (registry.ts) on a timer. Each job runs when its
 * interval has passed; runs never overlap; a job's error is logged and the job is retried on the next tick,
 * without holding up the jobs after it. Jobs marked `atStop` run once more at stop (the audit anchor).
 */
import type { AppContext } from '../lib/context.ts';
import { jobs as registry, type Job } from './registry.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

/** Starts the loop over `jobs` (default: the registry); runs never overlap, and errors are logged and retried on the next tick. */
export function startScheduler(ctx: AppContext, everyMs: number, log: (msg: string) => void, jobs: readonly Job[] = registry): Scheduler {
  let running: Promise<void> | null = null;
  const started = Date.now();
  // A job not run at start counts its first interval from now.
  const lastRun = new Map(jobs.map((j) => [j, j.atStart ? -Infinity : started]));
  const runJob = async (job: Job, when: string) => {
    lastRun.set(job, Date.now());
    try {
      const line = await job.run(ctx);
      if (line) log(`scheduler: ${job.name}: ${line}`);
    } catch (e) {
      log(`scheduler: ${job.name}${when}: ${(e as Error).name}: ${(e as Error).message.slice(0, 200)}`);
    }
  };
  const tick = async () => {
    for (const job of jobs) if (Date.now() - lastRun.get(job)! >= job.everyMs(ctx)) await runJob(job, '');
  };
  const run = () => {
    if (!running) running = tick().finally(() => (running = null));
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
      for (const job of jobs) if (job.atStop) await runJob(job, ' at stop');
    },
  };
}
