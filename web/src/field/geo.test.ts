/** The patrol track: sampling every 15 s or 25 m and chunks of 20 points or 5 minutes, with made-up walks. */
import { describe, expect, it } from 'vitest';
import { metres, TrackRecorder, type TrackChunk } from './geo';

const t0 = Date.UTC(2026, 11, 2, 1, 0, 0);
// About 1.11 m of latitude per 0.00001°: 0.0001° north ≈ 11 m.
const north = (m: number) => m / 111_195;

describe('track sampling and chunks', () => {
  it('measures distance with haversine', () => {
    expect(metres({ lat: 27.6, lng: 104.4 }, { lat: 27.6 + north(1000), lng: 104.4 })).toBeCloseTo(1000, 0);
    expect(metres({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111_195, -1);
  });

  it('keeps a point every 15 s when standing still, and sooner after 25 m', () => {
    const r = new TrackRecorder();
    r.offer(t0, 27.6, 104.4, 10);
    for (let s = 1; s < 15; s++) r.offer(t0 + s * 1000, 27.6, 104.4, 10); // standing: nothing new for 14 s
    expect(r.figures().points).toBe(1);
    r.offer(t0 + 15_000, 27.6, 104.4, 10);
    expect(r.figures().points).toBe(2);
    r.offer(t0 + 16_000, 27.6 + north(10), 104.4, 10); // 10 m: too soon, too close
    expect(r.figures().points).toBe(2);
    r.offer(t0 + 17_000, 27.6 + north(30), 104.4, 10); // 30 m from the last kept point
    expect(r.figures().points).toBe(3);
    expect(r.figures().metres).toBe(30);
  });

  it('drops fixes worse than 500 m and positions out of order', () => {
    const r = new TrackRecorder();
    r.offer(t0, 27.6, 104.4, 10);
    expect(r.offer(t0 + 60_000, 27.7, 104.4, 900)).toBeNull();
    r.offer(t0 - 60_000, 27.7, 104.4, 5);
    expect(r.figures().points).toBe(1);
  });

  it('cuts a chunk every 20 points with a rising seq, each point [ms, lat, lng, accuracy]', () => {
    const r = new TrackRecorder();
    const chunks: TrackChunk[] = [];
    for (let i = 0; i < 45; i++) {
      const c = r.offer(t0 + i * 15_000, 27.6 + north(i * 5), 104.4, 12.4);
      if (c) chunks.push(c);
    }
    expect(chunks.map((c) => [c.seq, c.points.length])).toEqual([[0, 20], [1, 20]]);
    expect(chunks[0]!.points[0]).toEqual([t0, 27.6, 104.4, 12]);
    expect(chunks[1]!.points[0]![0]).toBe(t0 + 20 * 15_000);
    const last = r.flush()!;
    expect([last.seq, last.points.length]).toEqual([2, 5]);
    expect(r.flush()).toBeNull();
  });

  it('cuts a chunk 5 minutes after its first point even with few points (the timer asks)', () => {
    const r = new TrackRecorder();
    r.offer(t0, 27.6, 104.4, 10);
    r.offer(t0 + 60_000, 27.6, 104.4, 10);
    expect(r.due(t0 + 299_999)).toBeNull();
    const c = r.due(t0 + 300_000)!;
    expect([c.seq, c.points.length]).toEqual([0, 2]);
    // A point arriving after 5 minutes of waiting closes the chunk it joins.
    r.offer(t0 + 400_000, 27.6, 104.4, 10);
    const d = r.offer(t0 + 700_000, 27.6, 104.4, 10)!;
    expect([d.seq, d.points.length]).toEqual([1, 2]);
  });

  it('goes on from a kept state after a reload: next seq, waiting points, distance', () => {
    const r = new TrackRecorder();
    for (let i = 0; i < 25; i++) r.offer(t0 + i * 15_000, 27.6 + north(i * 30), 104.4, 8);
    const kept = JSON.parse(JSON.stringify(r.state()));
    const again = new TrackRecorder(kept);
    expect(again.figures()).toEqual(r.figures());
    const c = again.flush()!;
    expect([c.seq, c.points.length]).toEqual([1, 5]);
    // The kept state is a copy: flushing the new recorder does not touch the old one.
    expect(r.state().buffer.length).toBe(5);
  });
});
