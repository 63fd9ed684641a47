/**
 * Group commit for intake: reports that arrive together are written together, in one transaction with
 * multi-row statements, so the commit, the shared rows (the village's daily counter, the audit chain) and the
 * round trips are paid once per batch instead of once per report. A batch closes `ms` after its first report
 * arrived or when it holds `max` reports (a lone report waits `ms`: a few milliseconds on a request that takes
 * tens). A batch that fails is retried report by report, so one bad report never sinks the others: each then
 * gets exactly the answer or error it would have got alone.
 */

/** How reports are gathered: the longest wait of a batch's first report, and the largest batch (1 = off). */
export interface BatchOptions {
  ms: number;
  max: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/** Gathers items and writes them with `writeMany` (one transaction; its answers in the items' order). */
export class GroupCommit<I, O> {
  private queue: Waiting<I, O>[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Batches written and reports retried alone (for the logs and tests). */
  readonly counts = { batches: 0, items: 0, retried: 0 };

  constructor(
    private readonly opts: BatchOptions,
    private readonly writeMany: (items: I[]) => Promise<O[]>,
  ) {}

  /** Queues one item; resolves with its own answer or rejects with its own error. */
  submit(item: I): Promise<O> {
    if (this.opts.max <= 1) return this.write([item]).then(([o]) => o!);
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.opts.max) this.flush();
      else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.opts.ms);
    });
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.queue.splice(0, this.opts.max);
    if (!batch.length) return;
    void this.run(batch);
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const out = await this.write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(out[i]!));
    } catch (e) {
      if (batch.length === 1) batch[0]!.reject(e);
      else {
        // One report's failure rolled back the batch: each report now goes alone, so only the bad one fails.
        this.counts.retried += batch.length;
        for (const w of batch) await this.write([w.item]).then(([o]) => w.resolve(o!), w.reject);
      }
    }
  }

  private write(items: I[]): Promise<O[]> {
    this.counts.batches++;
    this.counts.items += items.length;
    return this.writeMany(items);
  }
}
