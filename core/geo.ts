/** GeoJSON-shaped geometry helpers: pure maths, WGS84/CGCS2000 longitude-latitude pairs. */
export type Position = [number, number];
export type Ring = Position[];
export interface Polygon {
  type: 'Polygon';
  coordinates: Ring[];
}

/** Bounding box [minLng, minLat, maxLng, maxLat] of a polygon's outer ring. */
export function bbox(polygon: Polygon): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of polygon.coordinates[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  if (cross > 1e-12 || cross < -1e-12) return false;
  return px >= Math.min(ax, bx) - 1e-12 && px <= Math.max(ax, bx) + 1e-12 && py >= Math.min(ay, by) - 1e-12 && py <= Math.max(ay, by) + 1e-12;
}

/** Ray-casting test for one ring: 'in', 'out', or 'edge' when the point lies on the boundary. */
export function pointInRing(x: number, y: number, ring: Ring): 'in' | 'out' | 'edge' {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!, b = ring[j]!;
    const ax = a[0], ay = a[1], bx = b[0], by = b[1];
    if (onSegment(x, y, ax, ay, bx, by)) return 'edge';
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? 'in' : 'out';
}

/** Point in polygon with holes: 'in', 'out' or 'edge' (on the outer ring or a hole's ring). */
export function pointInPolygon(x: number, y: number, polygon: Polygon): 'in' | 'out' | 'edge' {
  const rings = polygon.coordinates; // indexed, not destructured: this runs on every locate
  if (!rings.length) return 'out';
  const o = pointInRing(x, y, rings[0]!);
  if (o !== 'in') return o;
  for (let k = 1; k < rings.length; k++) {
    const h = pointInRing(x, y, rings[k]!);
    if (h === 'edge') return 'edge';
    if (h === 'in') return 'out';
  }
  return 'in';
}

/** Limits of one imported polygon: a grid is a village's part, drawn with tens to a few thousand vertices. */
export const polygonLimits = { maxVertices: 10_000, maxRings: 100 };

/**
 * Problems with a GeoJSON Polygon: closed rings of at least 4 finite positions within lng/lat range, at most
 * `maxRings` rings and `maxVertices` positions, no ring crossing or touching itself, no two rings crossing, holes
 * inside the outer ring. Messages name rings and positions, never echo the coordinates.
 */
export function polygonProblems(geometry: unknown, limits = polygonLimits): string[] {
  const g = geometry as Polygon | null;
  if (!g || g.type !== 'Polygon' || !Array.isArray(g.coordinates) || g.coordinates.length === 0) return ['not a GeoJSON Polygon'];
  if (g.coordinates.length > limits.maxRings) return [`${g.coordinates.length} rings: at most ${limits.maxRings}`];
  const vertices = g.coordinates.reduce((n, r) => n + (Array.isArray(r) ? r.length : 0), 0);
  if (vertices > limits.maxVertices) return [`${vertices} positions: at most ${limits.maxVertices} (simplify the polygon)`];
  const problems: string[] = [];
  g.coordinates.forEach((ring, i) => {
    if (!Array.isArray(ring) || ring.length < 4) return problems.push(`ring ${i} has fewer than 4 positions`);
    for (const p of ring) {
      if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
        return problems.push(`ring ${i} has an invalid position`);
      }
    }
    const first = ring[0]!, last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`ring ${i} is not closed`);
  });
  if (problems.length) return problems;
  const crossing = selfIntersection(g.coordinates);
  if (crossing) problems.push(crossing);
  for (let k = 1; k < g.coordinates.length && !problems.length; k++) {
    const [x, y] = g.coordinates[k]!.find((p) => pointInRing(p[0], p[1], g.coordinates[0]!) !== 'edge') ?? g.coordinates[k]![0]!;
    if (pointInRing(x, y, g.coordinates[0]!) === 'out') problems.push(`ring ${k} (a hole) lies outside the outer ring`);
  }
  return problems;
}

interface Segment {
  ring: number;
  /** Index within its ring's segments (consecutive duplicate positions dropped). */
  index: number;
  /** Segments in its ring. */
  of: number;
  ax: number; ay: number; bx: number; by: number;
  minX: number; maxX: number; minY: number; maxY: number;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
};
const within = (s: Segment, x: number, y: number) => x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY;

/** Whether two segments share any point (`properOnly`: only when they cross at a point inside both). */
function meet(s: Segment, t: Segment, properOnly: boolean): boolean {
  const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay), o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay), o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  if (properOnly) return o1 === 0 && o2 === 0 && collinearOverlap(s, t);
  return (o1 === 0 && within(s, t.ax, t.ay)) || (o2 === 0 && within(s, t.bx, t.by)) || (o3 === 0 && within(t, s.ax, s.ay)) || (o4 === 0 && within(t, s.bx, s.by));
}

/** Collinear segments that share more than a point. */
function collinearOverlap(s: Segment, t: Segment): boolean {
  const horizontal = s.maxX - s.minX >= s.maxY - s.minY;
  const [a0, a1, b0, b1] = horizontal ? [s.minX, s.maxX, t.minX, t.maxX] : [s.minY, s.maxY, t.minY, t.maxY];
  return Math.min(a1, b1) - Math.max(a0, b0) > 0;
}

/**
 * The first place where a ring crosses or touches itself (non-adjacent edges meeting, or an edge folding back on
 * the one before), or two rings cross; undefined when there is none. Sweeps segments sorted by their left end, so
 * a polygon of n edges costs about n log n unless many edges overlap in x.
 */
export function selfIntersection(rings: Ring[]): string | undefined {
  const segs: Segment[] = [];
  rings.forEach((ring, r) => {
    const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
    const n = pts.length - 1;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = pts[i]!, [bx, by] = pts[i + 1]!;
      segs.push({ ring: r, index: i, of: n, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx), minY: Math.min(ay, by), maxY: Math.max(ay, by) });
    }
    if (n < 3) segs.push({ ring: r, index: -1, of: n, ax: 0, ay: 0, bx: 0, by: 0, minX: Infinity, maxX: -Infinity, minY: 0, maxY: 0 });
  });
  const degenerate = segs.find((s) => s.index === -1);
  if (degenerate) return `ring ${degenerate.ring} has fewer than 3 distinct positions`;
  // An edge that goes straight back along the one before (a spike) touches it beyond their shared point.
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!, t = s.index === s.of - 1 ? segs[k - s.index]! : segs[k + 1]!;
    if (orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by) === 0 && (s.bx - s.ax) * (t.bx - t.ax) + (s.by - s.ay) * (t.by - t.ay) < 0) return `ring ${s.ring} folds back on itself at position ${s.index + 1}`;
  }
  const order = segs.slice().sort((a, b) => a.minX - b.minX);
  for (let i = 0; i < order.length; i++) {
    const s = order[i]!;
    for (let j = i + 1; j < order.length && order[j]!.minX <= s.maxX; j++) {
      const t = order[j]!;
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      if (s.ring === t.ring) {
        const gap = Math.abs(s.index - t.index);
        if (gap === 1 || gap === s.of - 1) continue; // neighbours share their common position
        if (meet(s, t, false)) return `ring ${s.ring} crosses or touches itself (edges ${Math.min(s.index, t.index) + 1} and ${Math.max(s.index, t.index) + 1})`;
      } else if (meet(s, t, true)) return `rings ${Math.min(s.ring, t.ring)} and ${Math.max(s.ring, t.ring)} cross`;
    }
  }
  return undefined;
}
