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
