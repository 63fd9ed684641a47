/** Photo sizes: at most 1600 px on the long side, the shape kept, never enlarged. (The canvas redraw itself is checked in a real browser: e2e/field-screens.test.ts.) */
import { describe, expect, it } from 'vitest';
import { fitWithin } from './media';

describe('photo size', () => {
  it('scales a phone photo down to 1600 px on its long side, keeping its shape', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(8000, 10)).toEqual({ width: 1600, height: 2 });
  });
  it('keeps a small photo as it is', () => {
    expect(fitWithin(1600, 900)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
  });
  it('never goes below one pixel', () => {
    expect(fitWithin(100_000, 1)).toEqual({ width: 1600, height: 1 });
  });
});
