/** Point → grid lookup over 100,000 grids (a large county): microseconds per lookup from the in-memory index. */
import { GridIndex } from '../server/modules/grids/grid-index.ts';
import type { Polygon } from '../core/geo.ts';
import type { Result } from './lib.ts';

/** The locate benchmark. */
export async function locateBench(): Promise<Result> {
  const side = 317; // 317² ≈ 100,489 cells
  const grids: { code: string; polygon: Polygon }[] = [];
  const w = 0.003;
  for (let j = 0; j < side; j++)
    for (let i = 0; i < side; i++) {
      const x = 100 + i * w, y = 37 + j * w;
      grids.push({ code: String(j * side + i).padStart(15, '0'), polygon: { type: 'Polygon', coordinates: [[[x, y], [x + w, y], [x + w, y + w], [x, y + w], [x, y]]] } });
    }
  const index = new GridIndex();
  let t = performance.now();
  index.rebuild(grids);
  const build = performance.now() - t;
  const n = 200_000;
  let found = 0;
  t = performance.now();
  for (let k = 0; k < n; k++) {
    const x = 100 + ((k * 7919) % 10_000) / 10_000 * side * w, y = 37 + ((k * 104729) % 10_000) / 10_000 * side * w;
    if (index.locate(x, y)) found++;
  }
  const us = ((performance.now() - t) * 1000) / n;
  return { name: 'locate', figures: [{ label: `index build, ${grids.length} grids`, value: Math.round(build), unit: 'ms' }, { label: 'point → grid lookup', value: Math.round(us * 100) / 100, unit: 'µs' }], notes: [`${found} of ${n} sample points inside a grid`] };
}
