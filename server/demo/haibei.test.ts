import { describe, expect, it } from 'vitest';
import { buildHaibei } from './haibei.ts';
import { levelOfCode, isGridCode } from '../../core/region-code.ts';
import { GridIndex } from '../modules/grids/grid-index.ts';
import { bbox, pointInPolygon } from '../../core/geo.ts';

describe('demo prefecture', () => {
  const { regions, grids } = buildHaibei();
  const byLevel = (l: string) => regions.filter((r) => levelOfCode(r.code) === l);

  it('is shaped like Haibei: 4 counties, 30 townships, 242 villages with 28 communities, about 900 grids', () => {
    expect(byLevel('county')).toHaveLength(4);
    expect(byLevel('township')).toHaveLength(30);
    expect(byLevel('village')).toHaveLength(242);
    expect(byLevel('village').filter((v) => v.name.endsWith('社区'))).toHaveLength(28);
    expect(grids.length).toBeGreaterThan(850);
    expect(grids.length).toBeLessThan(950);
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
    expect(grids.every((g) => isGridCode(g.code))).toBe(true);
  });

  it('is the same on every run', () => {
    expect(JSON.stringify(buildHaibei().grids.slice(0, 20))).toBe(JSON.stringify(grids.slice(0, 20)));
  });

  it('tiles each village with non-overlapping grids: sample points land in exactly the grid that contains them', () => {
    const index = new GridIndex();
    index.rebuild(grids.map((g) => ({ code: g.code, polygon: g.polygon })));
    // The centroid of each grid's vertices lies inside it (cells are convex-ish quadrilaterals).
    for (const g of grids) {
      const ring = g.polygon.coordinates[0]!.slice(0, 4);
      const cx = ring.reduce((s, p) => s + p[0], 0) / 4, cy = ring.reduce((s, p) => s + p[1], 0) / 4;
      expect(index.locate(cx, cy)).toBe(g.code);
    }
    // A dense sweep over one county: every sample point lies strictly inside exactly one grid.
    const menyuan = grids.filter((g) => g.code.startsWith('632221')).map((g) => ({ g, box: bbox(g.polygon) }));
    let points = 0;
    for (let x = 101.1005; x < 102.6; x += 0.0137) {
      for (let y = 37.0005; y < 37.9; y += 0.0113) {
        const inside = menyuan.filter(({ g, box: [a, b, c, d] }) => x >= a && x <= c && y >= b && y <= d && pointInPolygon(x, y, g.polygon) !== 'out');
        expect(inside.length, `point ${x},${y}`).toBe(1);
        points++;
      }
    }
    expect(points).toBeGreaterThan(8000);
  });
});
