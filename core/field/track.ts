/**
 * A patrol's track in numbers: how many points, from when to when, how far. Computed on the server from the
 * points as the phone sent them, before they are encrypted (the figures stay readable, the places do not).
 */

/** One sampled point: [epoch ms, lat, lng, accuracy in metres]. */
export type TrackPoint = [number, number, number, number];

/** Points less accurate than this (metres) are kept but not counted in the distance (a jump of a bad fix). */
export const DISTANCE_ACCURACY_M = 100;

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres between two points (haversine). */
export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The accurate points in time order (those the distance is measured over). */
const accurate = (points: readonly TrackPoint[]) => [...points].filter((p) => p[3] <= DISTANCE_ACCURACY_M).sort((a, b) => a[0] - b[0]);

/**
 * The leg between two consecutive chunks of one track, in whole metres: from the last accurate point of `before` to
 * the first accurate point of `after` (the phone cuts a continuous walk into chunks; the cut is not a stop). Nothing
 * when either has no accurate point or they are out of time order.
 */
export function gapM(before: readonly TrackPoint[], after: readonly TrackPoint[]): number {
  const a = accurate(before).at(-1);
  const b = accurate(after)[0];
  return a && b && a[0] <= b[0] ? Math.round(haversineM(a[1], a[2], b[1], b[2])) : 0;
}

/** A chunk's figures: points in time order, distance over the accurate ones, rounded to whole metres. */
export function summarise(points: readonly TrackPoint[]): { pointCount: number; firstAt: number; lastAt: number; distanceM: number } {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  let distance = 0;
  let prev: TrackPoint | undefined;
  for (const p of sorted) {
    if (p[3] > DISTANCE_ACCURACY_M) continue;
    if (prev) distance += haversineM(prev[1], prev[2], p[1], p[2]);
    prev = p;
  }
  return { pointCount: sorted.length, firstAt: sorted[0]?.[0] ?? 0, lastAt: sorted.at(-1)?.[0] ?? 0, distanceM: Math.round(distance) };
}
