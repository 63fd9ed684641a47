import { describe, expect, it } from 'vitest';
import { ReferenceCache } from './reference-cache.ts';

describe('ReferenceCache', () => {
  it('loads once within the TTL, again after it or after clear()', async () => {
    let t = 0;
    let loads = 0;
    const cache = new ReferenceCache(1000, () => t);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    t = 999;
    expect(await cache.get('k', load)).toBe(1);
    t = 1000;
    expect(await cache.get('k', load)).toBe(2);
    cache.clear();
    expect(await cache.get('k', load)).toBe(3);
  });
  it('does not keep a failed load, and with TTL 0 always loads', async () => {
    const cache = new ReferenceCache(1000, () => 0);
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
    let n = 0;
    const off = new ReferenceCache(0);
    await off.get('k', async () => ++n);
    await off.get('k', async () => ++n);
    expect(n).toBe(2);
  });
});
