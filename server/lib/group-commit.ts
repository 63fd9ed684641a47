/**
 * Group commit (intake's reports, Idempotency-Key claims): items that arrive together are written together, in
 * one transaction with multi-row statements, so the commit, the shared rows (the village's daily counter, the audit chain) and the
 * round trips are paid once per batch instead of once per report. A batch closes `ms` after its first report
 * arrived or when it holds `max` reports (a lone report waits `ms`: a few milliseconds on a request that takes
 * tens). Only `inFlight` batches of a queue are written at once: the reports arriving meanwhile gather into the
 * next batch, which is written the moment one finishes. Batches of one county wait on each other anyway (its
 * daily counters and audit chain are locked to the commit), so more batches in flight would only split the
 * reports into more, smaller transactions queued on the same locks; under load a batch grows instead.
 * A batch that fails is retried report by report, so one bad report never sinks the others: each then
 * gets exactly the answer or error it would have got alone.
 */

/**
 * How items are gathered: the longest wait of a batch's first item (0: only those that arrive in the same turn of
 * the event loop), and the largest batch (1 = off).
 */
export interface BatchOptions {
  ms: number;
  max: number;
  /** Batches of one queue written at once (default 1). */
  inFlight?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

/** Gathers items and writes them with `writeMany` (one transaction; its answers in the items' order). */
export class GroupCommit<I, O> {
  private queue: Waiting<I, O>[] = [];
  /** Cancels the pending close of the gathering batch; null when none is pending. */
  private cancelClose: (() => void) | null = null;
  private writing = 0;
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
      if (this.writing >= (this.opts.inFlight ?? 1)) return; // gathers until a batch in flight finishes
      if (this.queue.length >= this.opts.max) this.flush();
      else if (!this.cancelClose) this.cancelClose = this.closeLater();
    });
  }

  private closeLater(): () => void {
    if (this.opts.ms > 0) {
      const t = setTimeout(() => this.flush(), this.opts.ms);
      return () => clearTimeout(t);
    }
    const i = setImmediate(() => this.flush());
    return () => clearImmediate(i);
  }

  private flush(): void {
    this.cancelClose?.();
    this.cancelClose = null;
    const batch = this.queue.splice(0, this.opts.max);
    if (!batch.length) return;
    this.writing++;
    void this.run(batch).finally(() => {
      this.writing--;
      // The reports that came while this batch was written have waited already: the next batch goes now.
      if (this.queue.length) this.flush();
    });
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
