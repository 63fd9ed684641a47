import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, checkCharacter, parseIdNumber } from './id-number.ts';

const today = '2026-11-24';

describe('GB 11643 identity numbers', () => {
  it('accept the published examples and derive sex and birth date', () => {
    expect(parseIdNumber('11010519491231002X', today)).toEqual({ number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', addressCode: '110105' });
    expect(parseIdNumber('440524188001010014', today)).toMatchObject({ birthDate: '1880-01-01', sex: 'male' });
    expect(parseIdNumber(' 11010519491231002x ', today)).toMatchObject({ number: '11010519491231002X' });
  });
  it('name the problem: check digit, impossible or future date, unknown province, format', () => {
    expect(parseIdNumber('110105194912310021', today)).toEqual({ problem: 'check_digit' });
    expect(parseIdNumber('110105194902300021', today)).toEqual({ problem: 'birth_date' }); // 30 February
    expect(parseIdNumber('110105203001010011', today)).toEqual({ problem: 'birth_date' }); // not yet born
    expect(parseIdNumber('990105194912310021', today)).toEqual({ problem: 'address_code' });
    expect(parseIdNumber('11010519491231002', today)).toEqual({ problem: 'format' });
    expect(parseIdNumber('1101051949123100XX', today)).toEqual({ problem: 'format' });
  });
  it('upgrade 15-digit numbers with "19" and a computed check character', () => {
    const r = parseIdNumber('110105491231002', today);
    expect(r).toEqual({ number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', addressCode: '110105', upgradedFrom: '110105491231002' });
  });
  it('catch every single-digit change of a valid number (MOD 11-2 property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
      const good = '63222119850612123';
      const n = good + checkCharacter(good);
      const changed = n.slice(0, pos) + String((Number(n[pos]) + delta) % 10) + n.slice(pos + 1);
      const r = parseIdNumber(changed, today);
      return 'problem' in r;
    }));
  });
  it('count age in whole years, birthday included', () => {
    expect(ageOn('2012-11-24', '2026-11-24')).toBe(14);
    expect(ageOn('2012-11-25', '2026-11-24')).toBe(13);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });
});
