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

/** Problems with a GeoJSON Polygon (closed rings of at least 4 finite positions within lng/lat range). */
export function polygonProblems(geometry: unknown): string[] {
  const g = geometry as Polygon | null;
  if (!g || g.type !== 'Polygon' || !Array.isArray(g.coordinates) || g.coordinates.length === 0) return ['not a GeoJSON Polygon'];
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
  return problems;
}
