import { describe, expect, it } from 'vitest';
import { caseCodeChars, codeKind } from './tracking-code.ts';

describe('tracking codes', () => {
  it('tells a petition, a dispute and a case apart by shape', () => {
    expect(codeKind('632221-X1234567')).toBe('petition');
    expect(codeKind('632221-MCT26SR6')).toBe('dispute');
    expect(codeKind('632221-7KQ2M9XF')).toBe('case');
    expect(codeKind('632221-7KQ2')).toBeNull();
  });

  it('never makes a case code that reads as a petition or a dispute, whatever the first byte', () => {
    for (let b = 0; b < 256; b++) {
      const code = `632221-${caseCodeChars(Uint8Array.from([b, 1, 2, 3, 4, 5, 6, 7]))}`;
      expect(codeKind(code), code).toBe('case');
    }
  });
});
