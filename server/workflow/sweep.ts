/**
 * The one clock sweep: due clocks of every subject type are rows, claimed with FOR UPDATE SKIP LOCKED so several
 * server processes never fire one twice, and a restart between due time and sweep loses nothing. Each clock
 * is marked warned (80%) or breached (100%) and handed to the warn or breach handler its module registered.
 * Claims go county by county, one transaction each: Citus locks rows only in a query confined to one shard
 * (county_code is the distribution column), and one county's trouble never holds back another's.
 */
import type { Executor } from '../db/client.ts';
import type { AppContext } from '../lib/context.ts';
import * as repo from './clocks.repository.ts';

/** What a module registers for its subject type. */
export interface ClockHandlers<Row = unknown> {
  /** Locks the subject, or returns undefined when another transaction holds it (the sweep never waits on users). */
  lockSkipLocked(tx: Executor, key: { countyCode: string; id: string }): Promise<Row | undefined>;
  /** The clock reached its warning time. */
  warn(tx: Executor, ctx: AppContext, row: Row, clock: repo.ClockRow, now: Date): Promise<void>;
  /** The clock reached its due time. */
  breach(tx: Executor, ctx: AppContext, row: Row, clock: repo.ClockRow, now: Date): Promise<void>;
}

/** Subject type → its handlers (each module's row type is its own; the sweep passes the row it locked straight back). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ClockHandlerRegistry = Record<string, ClockHandlers<any>>;

/** Processes due clocks of the registered subject types; returns how many warned and breached. */
export async function sweepClocks(ctx: AppContext, handlers: ClockHandlerRegistry, limit = 100): Promise<{ warned: number; breached: number }> {
  const now = ctx.clock.now();
  const types = Object.keys(handlers);
  let warned = 0, breached = 0;
  if (!types.length) return { warned, breached };
  let left = limit;
  for (const county of await repo.countiesWithDue(ctx.db, now, types)) {
    if (left <= 0) break;
    await ctx.db.transaction(async (tx) => {
      const due = await repo.claimDue(tx, now, left, types, county);
      left -= due.length;
      for (const d of due) {
        const h = handlers[d.subjectType]!;
        // A savepoint per clock: one bad subject does not hold back the others.
        await tx.transaction(async (sp) => {
          const row = await h.lockSkipLocked(sp, { countyCode: d.countyCode, id: d.subjectId });
          if (row === undefined) return; // someone is acting on it right now; the next sweep takes it
          if (now >= d.dueAt) {
            await repo.update(sp, d, { state: 'breached' });
            await h.breach(sp, ctx, row, d, now);
            breached++;
          } else {
            await repo.update(sp, d, { state: 'warned' });
            await h.warn(sp, ctx, row, d, now);
            warned++;
          }
        });
      }
    });
  }
  return { warned, breached };
}
