/**
 * Point → grid lookup: a Flatbush R-tree over grid bounding boxes, then an exact point-in-polygon test.
 * A point on an edge shared by two grids belongs to the grid with the lower code, so every point on
 * the map has exactly one answer.
 */
import Flatbush from 'flatbush';
import { bbox, pointInPolygon, type Polygon } from '../../../core/geo.ts';

export interface IndexedGrid {
  code: string;
  polygon: Polygon;
}

export class GridIndex {
  private tree: Flatbush | null = null;
  private items: IndexedGrid[] = [];

  /** Replaces the whole index (called at start and after any grid change). */
  rebuild(grids: IndexedGrid[]): void {
    this.items = grids;
    if (grids.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(grids.length);
    for (const g of grids) {
      const [a, b, c, d] = bbox(g.polygon);
      tree.add(a, b, c, d);
    }
    tree.finish();
    this.tree = tree;
  }

  get size(): number {
    return this.items.length;
  }

  /** The code of the grid containing (lng, lat), or null outside every grid. */
  locate(lng: number, lat: number): string | null {
    if (!this.tree) return null;
    let best: string | null = null;
    let bestOnEdge = true;
    for (const i of this.tree.search(lng, lat, lng, lat)) {
      const g = this.items[i]!;
      const where = pointInPolygon(lng, lat, g.polygon);
      if (where === 'out') continue;
      if (where === 'in') {
        // Interiors of a valid tiling do not overlap: the first strict hit wins, but keep the lowest code
        // should imported data overlap.
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
