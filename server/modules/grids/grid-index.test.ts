/** The lattice buckets and the R-tree fallback give exactly the brute-force answer, edges included. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GridIndex, type IndexedGrid } from './grid-index.ts';
import { pointInPolygon, type Polygon } from '../../../core/geo.ts';

const square = (code: string, x: number, y: number, w: number, h = w): IndexedGrid => ({ code, polygon: { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]] } as Polygon });

/** Checks every grid: the reference answer. */
function bruteForce(grids: IndexedGrid[], x: number, y: number): string | null {
  const inside = grids.filter((g) => pointInPolygon(x, y, g.polygon) === 'in').map((g) => g.code).sort();
  if (inside.length) return inside[0]!;
  return grids.filter((g) => pointInPolygon(x, y, g.polygon) === 'edge').map((g) => g.code).sort()[0] ?? null;
}

/** A tiling of uneven squares (small town grids beside large pastoral ones), codes shuffled. */
function tiling(n: number, big: boolean): IndexedGrid[] {
  const grids: IndexedGrid[] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) grids.push(square(String((i * 7 + j * 13) % (n * n)).padStart(15, '0') + `-${i}-${j}`, 101 + i * 0.01, 37 + j * 0.01, 0.01));
  // Overlapping grids each covering everything (bad imported data): the lattice would hold too much.
  if (big) for (let k = 0; k < 20; k++) grids.push(square(`9${k}`, 100.9, 36.9, n * 0.01 + 0.2, 0.9));
  return grids;
}

describe('GridIndex', () => {
  for (const big of [false, true]) {
    it(`agrees with brute force on random, edge and corner points${big ? ' (overlapping huge grids: R-tree fallback)' : ''}`, () => {
      const grids = tiling(12, big);
      const index = new GridIndex();
      index.rebuild(grids);
      expect(index.strategy).toBe(big ? 'rtree' : 'lattice');
      const coord = fc.oneof(fc.double({ min: 100.95, max: 101.2, noNaN: true }), fc.integer({ min: 0, max: 13 }).map((k) => 101 + k * 0.01));
      const lat = fc.oneof(fc.double({ min: 36.95, max: 37.7, noNaN: true }), fc.integer({ min: 0, max: 13 }).map((k) => 37 + k * 0.01));
      fc.assert(fc.property(coord, lat, (x, y) => index.locate(x, y) === bruteForce(grids, x, y)), { numRuns: 3000 });
    });
  }
  it('answers null with no grids and outside the extent', () => {
    const index = new GridIndex();
    expect(index.locate(101, 37)).toBeNull();
    index.rebuild([square('1', 101, 37, 0.1)]);
    expect(index.locate(101.05, 37.05)).toBe('1');
    expect(index.locate(100, 37.05)).toBeNull();
    expect(index.locate(101.1, 37.1)).toBe('1'); // the far corner is on the edge
  });
});
