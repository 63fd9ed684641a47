/**
 * Point → grid lookup. Grids are bucketed into a uniform lattice of cells over their extent (about one cell
 * per grid), each cell listing the grids whose bounding box touches it; a lookup computes its cell, then runs
 * the exact point-in-polygon test on those few candidates, with no allocation. When the data would make the
 * buckets too large (a few huge grids over many small ones), a Flatbush R-tree is used instead.
 * A point on an edge shared by two grids belongs to the grid with the lower code, so every point on the map
 * has exactly one answer.
 */
import Flatbush from 'flatbush';
import { bbox, pointInPolygon, type Polygon } from '../../../core/geo.ts';

export interface IndexedGrid {
  code: string;
  polygon: Polygon;
}

interface Buckets {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  cols: number;
  rows: number;
  cellW: number;
  cellH: number;
  /** CSR layout: the grids of cell k are members[offsets[k] .. offsets[k + 1]). */
  offsets: Int32Array;
  members: Int32Array;
}

/** Buckets may hold at most this many entries per grid on average before the R-tree is preferred. */
const MAX_ENTRIES_PER_GRID = 16;
const PAD = 1e-9;

export class GridIndex {
  private tree: Flatbush | null = null;
  private buckets: Buckets | null = null;
  private items: IndexedGrid[] = [];
  /** Padded boxes, four numbers per grid: a cheap test before the exact one. */
  private boxes = new Float64Array(0);

  /** Replaces the whole index (called at start and after any grid change). */
  rebuild(grids: IndexedGrid[]): void {
    this.items = grids;
    this.tree = null;
    this.buckets = null;
    this.boxes = new Float64Array(grids.length * 4);
    if (grids.length === 0) return;
    // Boxes grow by a hair: the point-in-polygon test counts points within 1e-12 of an edge as on it, and
    // such a point just outside a box must still find that grid.
    const boxes = grids.map((g) => {
      const [a, b, c, d] = bbox(g.polygon);
      return [a - PAD, b - PAD, c + PAD, d + PAD] as [number, number, number, number];
    });
    boxes.forEach((box, i) => this.boxes.set(box, i * 4));
    this.buckets = bucketise(boxes);
    if (this.buckets) return;
    const tree = new Flatbush(grids.length);
    for (const [a, b, c, d] of boxes) tree.add(a, b, c, d);
    tree.finish();
    this.tree = tree;
  }

  /** Which structure answers lookups (the lattice unless the data is pathological). */
  get strategy(): 'lattice' | 'rtree' | 'empty' {
    return this.buckets ? 'lattice' : this.tree ? 'rtree' : 'empty';
  }

  get size(): number {
    return this.items.length;
  }

  /** The code of the grid containing (lng, lat), or null outside every grid. */
  locate(lng: number, lat: number): string | null {
    const b = this.buckets;
    if (b) {
      if (!(lng >= b.minX && lng <= b.maxX && lat >= b.minY && lat <= b.maxY)) return null;
      const col = Math.min(b.cols - 1, Math.floor((lng - b.minX) / b.cellW));
      const row = Math.min(b.rows - 1, Math.floor((lat - b.minY) / b.cellH));
      const k = row * b.cols + col;
      return this.pick(lng, lat, b.members, b.offsets[k]!, b.offsets[k + 1]!);
    }
    if (!this.tree) return null;
    const hits = this.tree.search(lng, lat, lng, lat);
    return this.pick(lng, lat, hits, 0, hits.length);
  }

  /** The answer among candidates ids[from..to): a strict inside wins, else the lowest code with the point on its edge. */
  private pick(lng: number, lat: number, ids: ArrayLike<number>, from: number, to: number): string | null {
    let best: string | null = null;
    let bestOnEdge = true;
    const boxes = this.boxes;
    for (let j = from; j < to; j++) {
      const i = ids[j]!;
      if (lng < boxes[i * 4]! || lat < boxes[i * 4 + 1]! || lng > boxes[i * 4 + 2]! || lat > boxes[i * 4 + 3]!) continue;
      const g = this.items[i]!;
      const where = pointInPolygon(lng, lat, g.polygon);
      if (where === 'out') continue;
      if (where === 'in') {
        // Interiors of a valid tiling do not overlap: keep the lowest code should imported data overlap.
        if (bestOnEdge || best === null || g.code < best) {
          best = g.code;
          bestOnEdge = false;
        }
      } else if (bestOnEdge && (best === null || g.code < best)) {
        best = g.code;
      }
    }
    return best;
  }
}

/** Lattice buckets for these boxes, or null when they would hold too many entries. */
function bucketise(boxes: [number, number, number, number][]): Buckets | null {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [a, b, c, d] of boxes) {
    if (a < minX) minX = a;
    if (b < minY) minY = b;
    if (c > maxX) maxX = c;
    if (d > maxY) maxY = d;
  }
  const w = Math.max(maxX - minX, 1e-9), h = Math.max(maxY - minY, 1e-9);
  // About one cell per grid, shaped like the extent.
  const cols = Math.max(1, Math.round(Math.sqrt((boxes.length * w) / h)));
  const rows = Math.max(1, Math.round(boxes.length / cols));
  const cellW = w / cols, cellH = h / rows;
  const span = (box: [number, number, number, number]) => {
    const c0 = Math.min(cols - 1, Math.floor((box[0] - minX) / cellW)), c1 = Math.min(cols - 1, Math.floor((box[2] - minX) / cellW));
    const r0 = Math.min(rows - 1, Math.floor((box[1] - minY) / cellH)), r1 = Math.min(rows - 1, Math.floor((box[3] - minY) / cellH));
    return [c0, c1, r0, r1] as const;
  };
  const counts = new Int32Array(cols * rows + 1);
  let total = 0;
  for (const box of boxes) {
    const [c0, c1, r0, r1] = span(box);
    total += (c1 - c0 + 1) * (r1 - r0 + 1);
    if (total > MAX_ENTRIES_PER_GRID * boxes.length) return null;
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) counts[r * cols + c + 1]!++;
  }
  for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
  const offsets = counts.slice();
  const fill = counts.slice(0, -1);
  const members = new Int32Array(total);
  boxes.forEach((box, i) => {
    const [c0, c1, r0, r1] = span(box);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) members[fill[r * cols + c]!++] = i;
  });
  return { minX, minY, maxX, maxY, cols, rows, cellW, cellH, offsets, members };
}
