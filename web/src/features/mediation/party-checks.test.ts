import { describe, expect, it } from 'vitest';
import { partyIdProblem } from './party-checks';

describe('partyIdProblem', () => {
  const today = '2026-12-01';
  it('checks a resident ID number by GB 11643 and a credit code by its check character', () => {
    expect(partyIdProblem('resident_id', '11010519491231002X', today)).toBeNull();
    expect(partyIdProblem('resident_id', '110105194912310021', today)).toMatch(/^petitions\.check\.id\./);
    expect(partyIdProblem('credit_code', '91350100M000100Y43', today)).toBeNull();
    expect(partyIdProblem('credit_code', '91350100M000100Y44', today)).toBe('mediation.check.creditCode');
  });
  it('takes an empty number and a passport as they are', () => {
    expect(partyIdProblem('resident_id', '  ', today)).toBeNull();
    expect(partyIdProblem('passport', 'E12345678', today)).toBeNull();
  });
});
