import { describe, expect, it } from 'vitest';
import { closedOnTime, isPastDue, medianFromBuckets, rate } from './kpi-math.ts';

const now = new Date('2026-12-01T09:00:00Z');
const clock = (state: string, dueIso: string, paused = false) => ({ state, dueAt: new Date(dueIso), paused });

describe('overdue and on time', () => {
  it('counts a breached clock of any kind, and a running clock past its due time', () => {
    expect(isPastDue(clock('breached', '2026-12-02T00:00:00Z'), now)).toBe(true);
    expect(isPastDue(clock('open', '2026-12-01T08:59:00Z'), now)).toBe(true);
    expect(isPastDue(clock('warned', '2026-12-01T08:59:00Z'), now)).toBe(true);
    expect(isPastDue(clock('open', '2026-12-01T09:01:00Z'), now)).toBe(false);
    expect(isPastDue(clock('open', '2026-12-01T08:00:00Z', true), now)).toBe(false); // paused: not counting
    expect(isPastDue(clock('met', '2026-12-01T08:00:00Z'), now)).toBe(false);
  });

  it('calls a close on time only when no clock was ever past due (a missed first response makes it late)', () => {
    expect(closedOnTime([clock('met', '2026-12-01T01:00:00Z'), clock('open', '2026-12-03T00:00:00Z')], now)).toBe(true);
    expect(closedOnTime([clock('breached', '2026-11-30T01:00:00Z'), clock('open', '2026-12-03T00:00:00Z')], now)).toBe(false);
    expect(closedOnTime([], now)).toBe(true);
  });
});

describe('rates and medians', () => {
  it('gives no rate for nothing counted, and the bucket midpoint as the median', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 3)).toBe(0.333);
    expect(medianFromBuckets([{ bucket: 0, n: 1 }, { bucket: 2, n: 2 }])).toBe(12.5);
  });
});
