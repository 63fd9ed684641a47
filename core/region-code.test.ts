import { describe, expect, it } from 'vitest';
import { ROOT_SCOPE, ancestorAt, childPrefixLength, codeFromPrefix, impliedParentCode, inScope, isGridCode, levelOfCode, subtreePrefix } from './region-code.ts';

describe('region codes', () => {
  it('infers the level from the zero-padded groups', () => {
    expect(levelOfCode('630000000000')).toBe('province');
    expect(levelOfCode('632200000000')).toBe('prefecture');
    expect(levelOfCode('632221000000')).toBe('county');
    expect(levelOfCode('632221100000')).toBe('township');
    expect(levelOfCode('632221100201')).toBe('village');
  });
  it('rejects malformed codes', () => {
    expect(() => levelOfCode('63222110020')).toThrow();
    expect(() => levelOfCode('000000000000')).toThrow();
    expect(() => levelOfCode('63222110020a')).toThrow();
  });
  it('derives the implied parent, including a township under a province-administered county', () => {
    expect(impliedParentCode('632221100201')).toBe('632221100000');
    expect(impliedParentCode('632221000000')).toBe('632200000000');
    expect(impliedParentCode('630000000000')).toBeNull();
    expect(impliedParentCode('429004100000')).toBe('429004000000');
  });
  it('scopes by the significant prefix', () => {
    expect(subtreePrefix('632221100000')).toBe('632221100');
    expect(inScope('632221100000', '632221100201')).toBe(true);
    expect(inScope('632221100000', '632221100201001')).toBe(true);
    expect(inScope('632221100000', '632221101201')).toBe(false);
    expect(inScope('632221100201', '632221100202001')).toBe(false);
  });
  it('checks grid codes', () => {
    expect(isGridCode('632221100201001')).toBe(true);
    expect(isGridCode('632221100201000')).toBe(false);
    expect(isGridCode('632221100000001')).toBe(false); // a township is not a village
  });

  it('names the prefix length of a child, the code of a prefix and the ancestor at a level (the dashboard and detail pages use them)', () => {
    expect([ROOT_SCOPE, '630000000000', '632200000000', '632221000000', '632221100000', '632221100201'].map(childPrefixLength)).toEqual([2, 4, 6, 9, 12, 12]);
    expect(codeFromPrefix('632221')).toBe('632221000000');
    expect(codeFromPrefix('')).toBe(ROOT_SCOPE);
    expect(ancestorAt('632221100201', 'township')).toBe('632221100000');
    expect(ancestorAt('632221100201001', 'county')).toBe('632221000000');
    expect(ancestorAt('632221100201', 'village')).toBe('632221100201');
  });
});
