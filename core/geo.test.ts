import { describe, expect, it } from 'vitest';
import { pointInPolygon, polygonProblems, type Polygon } from './geo.ts';

const square: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[0.5, 0.5], [1, 0.5], [1, 1], [0.5, 1], [0.5, 0.5]]] };

describe('point in polygon', () => {
  it('tells inside, outside, edge and holes apart', () => {
    expect(pointInPolygon(1.5, 1.5, square)).toBe('in');
    expect(pointInPolygon(3, 1, square)).toBe('out');
    expect(pointInPolygon(2, 1, square)).toBe('edge');
    expect(pointInPolygon(0, 0, square)).toBe('edge');
    expect(pointInPolygon(0.75, 0.75, square)).toBe('out');
    expect(pointInPolygon(1, 0.75, square)).toBe('edge');
  });
  it('validates polygons', () => {
    expect(polygonProblems(square)).toEqual([]);
    expect(polygonProblems({ type: 'Point', coordinates: [0, 0] })).toEqual(['not a GeoJSON Polygon']);
    expect(polygonProblems({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 2]]] })).toEqual(['ring 0 is not closed']);
  });
});

describe('polygon validity for imports', () => {
  const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });
  it('refuses rings that cross or touch themselves, fold back, or holes that cross or lie outside', () => {
    expect(polygonProblems(poly([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]))[0]).toContain('crosses or touches itself'); // bow-tie
    expect(polygonProblems(poly([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1], [0, 0]]))[0]).toContain('crosses or touches itself'); // figure 8 through one vertex
    expect(polygonProblems(poly([[0, 0], [2, 0], [3, 0], [2, 0], [2, 2], [0, 2], [0, 0]]))[0]).toContain('folds back'); // spike
    expect(polygonProblems(poly([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[1, 1], [3, 1], [3, 1.5], [1, 1.5], [1, 1]]))[0]).toContain('rings 0 and 1 cross');
    expect(polygonProblems(poly([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]))[0]).toContain('outside the outer ring');
  });
  it('accepts simple rings with collinear points, repeated positions and a hole touching the outer ring at one point', () => {
    expect(polygonProblems(poly([[0, 0], [1, 0], [2, 0], [2, 0], [2, 2], [0, 2], [0, 0]]))).toEqual([]);
    expect(polygonProblems(square)).toEqual([]);
    expect(polygonProblems(poly([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[0, 1], [1, 0.5], [1, 1.5], [0, 1]]))).toEqual([]);
  });
  it('refuses polygons over the vertex and ring limits before looking at them', () => {
    const ring = Array.from({ length: 20 }, (_, i) => [Math.cos(i / 3), Math.sin(i / 3)]);
    expect(polygonProblems(poly([...ring, ring[0]!]), { maxVertices: 10, maxRings: 5 })[0]).toContain('at most 10');
    expect(polygonProblems(poly(...Array.from({ length: 6 }, () => [[0, 0], [1, 0], [1, 1], [0, 0]])), { maxVertices: 100, maxRings: 5 })[0]).toContain('at most 5');
  });
});
