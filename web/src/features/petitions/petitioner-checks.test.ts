import { describe, expect, it } from 'vitest';
import { idNumberProblem, phoneProblem } from './petitioner-checks';
import { checkCharacter } from '../../../../core/people/id-number';

const today = '2026-12-01';
const valid = (first17: string) => first17 + checkCharacter(first17);

describe('petitioner checks at the desk', () => {
  it('takes an empty or valid ID number and names the problem of a wrong one', () => {
    expect(idNumberProblem(undefined, today)).toBeNull();
    expect(idNumberProblem('  ', today)).toBeNull();
    expect(idNumberProblem(valid('63222119800101123'), today)).toBeNull();
    const good = valid('63222119800101123');
    const wrongCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    expect(idNumberProblem(wrongCheck, today)).toBe('petitions.check.id.check_digit');
    expect(idNumberProblem('12345', today)).toBe('petitions.check.id.format');
    expect(idNumberProblem(valid('63222120300101123'), today)).toBe('petitions.check.id.birth_date');
  });
  it('takes a mobile (with +86 or dashes) or a fixed line, and refuses anything else', () => {
    expect(phoneProblem('13900005678')).toBeNull();
    expect(phoneProblem('+86 139-0000-5678')).toBeNull();
    expect(phoneProblem('0970-8651234')).toBeNull();
    expect(phoneProblem('')).toBeNull();
    expect(phoneProblem('12345')).toBe('petitions.check.phone');
    expect(phoneProblem('23900005678')).toBe('petitions.check.phone');
  });
});
