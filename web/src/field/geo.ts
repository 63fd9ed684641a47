/**
 * The patrol's track: the phone's positions sampled (a point every 15 s, or sooner after 25 m of walking) and cut
 * into chunks (every 20 points, or 5 minutes after a chunk's first point), each chunk its own `patrol.track` record
 * with a rising `seq`, so a lost phone loses at most the last few minutes and a chunk is small enough to send on a
 * weak connection. The sampling and chunking are pure (`TrackRecorder`, tested with made-up positions); `watchTrack`
 * wires it to `navigator.geolocation` and the outbox.
 */
import type { FieldApp } from './contracts';

/** One sampled point as the server takes it: [epoch ms, lat, lng, accuracy in metres]. */
export type TrackPoint = [number, number, number, number];

/** A chunk ready to save: its sequence number and points. */
export interface TrackChunk {
  seq: number;
  points: TrackPoint[];
}

/** The recorder's state, kept in the patrol's draft so a reload goes on with the next `seq` and loses no point. */
export interface TrackState {
  nextSeq: number;
  buffer: TrackPoint[];
  last: TrackPoint | null;
  points: number;
  metres: number;
}

export const trackRules = { everyMs: 15_000, everyMetres: 25, chunkPoints: 20, chunkMs: 5 * 60_000, worstAccuracy: 500 } as const;

/** Great-circle distance in metres between two points (haversine, mean Earth radius). */
export function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(s)));
}

const at = (p: TrackPoint) => ({ lat: p[1], lng: p[2] });

/** Samples positions and cuts chunks (pure: no clock, no geolocation; time comes with each point or call). */
export class TrackRecorder {
  private s: TrackState;
  constructor(state?: TrackState) {
    this.s = state ? { ...state, buffer: [...state.buffer] } : { nextSeq: 0, buffer: [], last: null, points: 0, metres: 0 };
  }

  /** A copy of the state to keep. */
  state(): TrackState {
    return { ...this.s, buffer: [...this.s.buffer] };
  }

  /**
   * Offers a position: kept when 15 s passed since the last kept point or the worker moved 25 m (a fix worse than
   * 500 m is dropped). Returns a chunk when this point filled one (20 points) or the oldest waiting point is 5 minutes old.
   */
  offer(time: number, lat: number, lng: number, accuracy: number): TrackChunk | null {
    if (!Number.isFinite(lat) || !Number.isFinite(lng) || accuracy > trackRules.worstAccuracy) return null;
    const p: TrackPoint = [Math.round(time), lat, lng, Math.max(0, Math.round(accuracy))];
    const last = this.s.last;
    if (last) {
      if (time <= last[0]) return null;
      const moved = metres(at(last), at(p));
      if (time - last[0] < trackRules.everyMs && moved < trackRules.everyMetres) return this.due(time);
      this.s.metres += moved;
    }
    this.s.last = p;
    this.s.points += 1;
    this.s.buffer.push(p);
    if (this.s.buffer.length >= trackRules.chunkPoints) return this.flush();
    return this.due(time);
  }

  /** The waiting points as a chunk when the oldest is 5 minutes old at `now` (a timer asks while the worker stands still). */
  due(now: number): TrackChunk | null {
    const first = this.s.buffer[0];
    return first && now - first[0] >= trackRules.chunkMs ? this.flush() : null;
  }

  /** Every waiting point as a chunk (at the end of the patrol), or null when none waits. */
  flush(): TrackChunk | null {
    if (!this.s.buffer.length) return null;
    const chunk = { seq: this.s.nextSeq, points: this.s.buffer };
    this.s = { ...this.s, nextSeq: this.s.nextSeq + 1, buffer: [] };
    return chunk;
  }

  /** Points kept so far and the distance walked (metres). */
  figures(): { points: number; metres: number } {
    return { points: this.s.points, metres: Math.round(this.s.metres) };
  }
}

/** Saves a chunk as its own record after the patrol's start. */
export function saveChunk(app: FieldApp, patrolId: string, chunk: TrackChunk, label: string): Promise<string> {
  return app.records.save('patrol.track', { patrolId, seq: chunk.seq, points: chunk.points }, { dependsOn: [patrolId], label });
}

/**
 * Follows the phone's position while a patrol runs: each kept point and each chunk is reported (`changed` keeps the
 * state in the draft, chunks go to the outbox). Returns the stop function (which does not flush: the end does).
 */
export function watchTrack(recorder: TrackRecorder, opts: { onChunk: (c: TrackChunk) => void; changed: () => void; onError: (e: GeolocationPositionError) => void }): () => void {
  if (!('geolocation' in navigator)) return () => undefined;
  const handle = (c: TrackChunk | null) => {
    if (c) opts.onChunk(c);
    opts.changed();
  };
  const id = navigator.geolocation.watchPosition(
    (p) => handle(recorder.offer(p.timestamp || Date.now(), p.coords.latitude, p.coords.longitude, p.coords.accuracy)),
    (e) => opts.onError(e),
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 60_000 },
  );
  // Standing still gives no new positions: the timer still cuts the 5-minute chunk.
  const timer = setInterval(() => {
    const c = recorder.due(Date.now());
    if (c) handle(c);
  }, 30_000);
  return () => {
    navigator.geolocation.clearWatch(id);
    clearInterval(timer);
  };
}
