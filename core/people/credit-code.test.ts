import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditCheckCharacter, parseCreditCode } from './credit-code.ts';

const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const body = fc.array(fc.constantFrom(...CHARS), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));

describe('unified social credit codes (GB 32100)', () => {
  it('accept a code with its computed check character, lower case and spaces allowed', () => {
    fc.assert(fc.property(body, (b) => parseCreditCode(b + creditCheckCharacter(b)) === b + creditCheckCharacter(b)));
    const c = '91632221MA' + '7A1B2C3' ;
    const full = c + creditCheckCharacter(c);
    expect(parseCreditCode(` ${full.toLowerCase()} `)).toBe(full);
  });
  it('catch any single changed character, and characters outside the set', () => {
    fc.assert(fc.property(body, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (b, pos, delta) => {
      const code = b + creditCheckCharacter(b);
      const changed = code.slice(0, pos) + CHARS[(CHARS.indexOf(code[pos]!) + delta) % 31] + code.slice(pos + 1);
      return parseCreditCode(changed) === null;
    }));
    expect(parseCreditCode('91632221MA7A1B2CIO')).toBeNull();
    expect(parseCreditCode('123')).toBeNull();
  });
});
