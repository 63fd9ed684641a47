/**
 * Group commit's gathering (server/lib/group-commit.ts): one batch of a queue is written at a time, and what
 * arrives meanwhile goes together in the next, so under load batches grow instead of queueing on one county's
 * locks; a failed batch is retried item by item.
 */
import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

/** A writer whose batches finish only when the test says so. */
function gatedWriter() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((r) => gates.push(r));
    return items.map((i) => i * 10);
  };
  return { batches, write, open: () => gates.shift()!() };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('writes what arrived during a batch as the next batch, the moment the first finishes', async () => {
    const w = gatedWriter();
    const q = new GroupCommit<number, number>({ ms: 0, max: 64 }, w.write);
    const first = q.submit(1);
    await tick();
    expect(w.batches).toEqual([[1]]);
    const later = [2, 3, 4, 5].map((i) => q.submit(i));
    await tick();
    expect(w.batches).toEqual([[1]]); // still gathering: the first batch is being written
    w.open();
    expect(await first).toBe(10);
    await tick();
    expect(w.batches).toEqual([[1], [2, 3, 4, 5]]);
    w.open();
    expect(await Promise.all(later)).toEqual([20, 30, 40, 50]);
  });

  it('never writes more than max items in one batch', async () => {
    const w = gatedWriter();
    const q = new GroupCommit<number, number>({ ms: 0, max: 3 }, w.write);
    const all = [1, 2, 3, 4, 5, 6, 7].map((i) => q.submit(i));
    await tick();
    expect(w.batches).toEqual([[1, 2, 3]]);
    w.open();
    await tick();
    expect(w.batches).toEqual([[1, 2, 3], [4, 5, 6]]);
    w.open();
    await tick();
    w.open();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(w.batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('retries a failed batch item by item: only the bad item fails', async () => {
    const q = new GroupCommit<number, number>({ ms: 5, max: 64 }, async (items) => {
      if (items.includes(13)) throw new Error(`refused 13 in a batch of ${items.length}`);
      return items.map((i) => i + 1);
    });
    const out = await Promise.allSettled([11, 12, 13, 14].map((i) => q.submit(i)));
    expect(out.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([12, 13, 'refused 13 in a batch of 1', 15]);
    expect(q.counts).toMatchObject({ batches: 5, retried: 4 });
  });
});
