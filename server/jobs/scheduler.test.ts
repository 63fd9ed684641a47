/** The scheduler runs the job registry: every registered job, on its interval, never overlapping, errors logged and retried. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { startScheduler } from './scheduler.ts';
import { clockHandlers, jobs, type Job } from './registry.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env?.close());

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the job registry', () => {
  it('holds the sweep, outbox delivery, upkeep, the audit anchor and the visit tasks, and the case, petition, dispute and visit-task clock handlers', () => {
    expect(jobs.map((j) => j.name)).toEqual(['audit anchor', 'maintain', 'retention purge', 'unclaimed uploads', 'pending documents', 'kpi months', 'visit tasks', 'clock sweep', 'outbox']);
    expect(jobs.find((j) => j.name === 'audit anchor')).toMatchObject({ atStart: true, atStop: true });
    for (const name of ['maintain', 'retention purge', 'unclaimed uploads', 'pending documents', 'kpi months', 'visit tasks']) expect(jobs.find((j) => j.name === name)!.everyMs(env.ctx)).toBe(3600_000);
    expect(Object.keys(clockHandlers)).toEqual(['case', 'petition', 'dispute', 'visit_task']);
  });
});

describe('the scheduler', () => {
  it('runs jobs on their intervals without overlap, logs a failing job and retries it, and keeps the others going', async () => {
    const log: string[] = [];
    const runs: Record<string, number> = { every: 0, failing: 0, hourly: 0, stop: 0 };
    let inFlight = 0, overlapped = false;
    const list: Job[] = [
      { name: 'failing', everyMs: () => 0, run: async () => { runs.failing!++; throw new Error('disk gone'); } },
      { name: 'every', everyMs: () => 0, run: async () => {
        if (inFlight++) overlapped = true;
        runs.every!++;
        await wait(30); // longer than the tick: a slow run must not be joined by the next
        inFlight--;
        return runs.every === 1 ? 'did something' : undefined;
      } },
      { name: 'hourly', everyMs: () => 3600_000, run: async () => void runs.hourly!++ },
      { name: 'stop', everyMs: () => 3600_000, atStart: true, atStop: true, run: async () => void runs.stop!++ },
    ];
    const s = startScheduler(env.ctx, 5, (m) => log.push(m), list);
    await wait(200);
    await s.stop();
    expect(overlapped).toBe(false);
    expect(runs.every).toBeGreaterThan(2);
    expect(runs.failing).toBeGreaterThan(2); // retried on every tick
    expect(runs.hourly).toBe(0); // its first interval has not passed
    expect(runs.stop).toBe(2); // at start and at stop
    expect(log).toContain('scheduler: every: did something');
    expect(log.filter((l) => l === 'scheduler: failing: Error: disk gone').length).toBe(runs.failing);
  });
});
