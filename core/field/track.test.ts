import { describe, expect, it } from 'vitest';
import { gapM, haversineM, summarise, type TrackPoint } from './track.ts';

describe('track figures', () => {
  it('measures one degree of latitude as about 111.2 km and a point as nothing', () => {
    expect(Math.round(haversineM(36, 101, 37, 101))).toBe(111_195);
    expect(haversineM(36.6, 101.7, 36.6, 101.7)).toBe(0);
  });
  it('sums the legs in time order, whatever order the points came in', () => {
    const t0 = Date.UTC(2026, 2, 2, 1);
    const pts: TrackPoint[] = [[t0 + 30_000, 36.6018, 101.7, 5], [t0, 36.6, 101.7, 5], [t0 + 15_000, 36.6009, 101.7, 5]];
    expect(summarise(pts)).toEqual({ pointCount: 3, firstAt: t0, lastAt: t0 + 30_000, distanceM: 200 });
  });
  it('leaves a fix worse than 100 m out of the distance but counts it as a point', () => {
    const t0 = 1_000;
    const pts: TrackPoint[] = [[t0, 36.6, 101.7, 5], [t0 + 1, 36.7, 101.7, 1500], [t0 + 2, 36.6009, 101.7, 5]];
    expect(summarise(pts)).toMatchObject({ pointCount: 3, distanceM: 100 });
  });
  it('measures the gap between two chunks from the last accurate point of one to the first accurate point of the next', () => {
    const t0 = 1_772_410_200_000;
    const before: TrackPoint[] = [[t0, 37, 101, 5], [t0 + 15_000, 37.0009, 101, 5], [t0 + 30_000, 37.5, 101, 500]];
    const after: TrackPoint[] = [[t0 + 60_000, 37.0018, 101, 5], [t0 + 45_000, 37.3, 101, 300]];
    expect(gapM(before, after)).toBe(100);
    expect(gapM(after, before)).toBe(0); // out of time order: not a leg
    expect(gapM([], after)).toBe(0);
  });
});
