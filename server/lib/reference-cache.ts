/**
 * Small reference data read on every report (categories, deadline policies, the holiday calendar) kept in
 * memory for a few seconds, so intake does not re-read unchanged configuration each time. Writes through the
 * services clear it at once; a change made by another process (the CLI, a second server) shows within the TTL.
 */
export class ReferenceCache {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  /** @param ttlMs how long an entry lives; 0 turns the cache off. */
  constructor(private readonly ttlMs: number, private readonly now: () => number = () => performance.now()) {}

  /** The cached value for `key`, loading it once when absent or expired (concurrent callers share one load). */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return load();
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > t) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(key, { until: t + this.ttlMs, value });
    // A failed load is not remembered.
    value.catch(() => this.entries.get(key)?.value === value && this.entries.delete(key));
    return value;
  }

  /** Forgets everything (after any change to reference data). */
  clear(): void {
    this.entries.clear();
  }
}
