/** Duplicate suggestions: open cases nearby, of the same category, recent, with similar text. */

/** Great-circle distance in metres between two lng/lat points. */
export function distanceMeters(aLng: number, aLat: number, bLng: number, bLat: number): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad, dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A lng/lat box around a point that contains every point within `meters` (for an index-friendly pre-filter). */
export function boxAround(lng: number, lat: number, meters: number): [number, number, number, number] {
  const dLat = meters / 111_320;
  const dLng = meters / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}

function bigrams(s: string): Map<string, number> {
  const t = s.replace(/[\s\p{P}]/gu, '').toLowerCase();
  const m = new Map<string, number>();
  for (let i = 0; i < t.length - 1; i++) m.set(t.slice(i, i + 2), (m.get(t.slice(i, i + 2)) ?? 0) + 1);
  return m;
}

/** Dice similarity of character bigrams (works for Chinese without word segmentation), 0…1. */
export function textSimilarity(a: string, b: string): number {
  const A = bigrams(a), B = bigrams(b);
  let inter = 0, total = 0;
  for (const [k, n] of A) {
    inter += Math.min(n, B.get(k) ?? 0);
    total += n;
  }
  for (const n of B.values()) total += n;
  return total === 0 ? 0 : (2 * inter) / total;
}

export interface DuplicateCandidate {
  code: string;
  lng: number;
  lat: number;
  description: string;
}

/** Candidates within `radius` metres, best first (near and similar), with their distance and similarity. */
export function rankDuplicates(lng: number, lat: number, text: string, candidates: DuplicateCandidate[], radius = 200) {
  return candidates
    .map((c) => ({ code: c.code, distance: Math.round(distanceMeters(lng, lat, c.lng, c.lat)), similarity: Math.round(textSimilarity(text, c.description) * 100) / 100 }))
    .filter((c) => c.distance <= radius)
    .sort((a, b) => b.similarity - a.similarity || a.distance - b.distance);
}
