import { describe, expect, it } from 'vitest';
import { foldCutoff, monthOf, nextMonth, planWindow } from './kpi-months.ts';

describe('planWindow', () => {
  const folded = new Set(['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01']);

  it('reads whole folded months from the monthly rows and the partial edges from the daily rows', () => {
    expect(planWindow('2025-12-15', '2026-03-10', folded)).toEqual({ months: ['2026-01-01', '2026-02-01'], ranges: [['2025-12-15', '2025-12-31'], ['2026-03-01', '2026-03-10']] });
  });

  it('keeps a window inside one month, or with nothing folded, as one daily range', () => {
    expect(planWindow('2026-01-05', '2026-01-20', folded)).toEqual({ months: [], ranges: [['2026-01-05', '2026-01-20']] });
    expect(planWindow('2025-12-01', '2026-03-31', new Set())).toEqual({ months: [], ranges: [['2025-12-01', '2026-03-31']] });
  });

  it('reads a month that is not folded (current, or sent back after a correction) from the daily rows, between folded ones', () => {
    const some = new Set(['2026-01-01', '2026-03-01']);
    expect(planWindow('2026-01-01', '2026-04-30', some)).toEqual({ months: ['2026-01-01', '2026-03-01'], ranges: [['2026-02-01', '2026-02-28'], ['2026-04-01', '2026-04-30']] });
  });

  it('takes exact whole months at both edges and crosses a year', () => {
    expect(planWindow('2025-12-01', '2026-02-28', folded)).toEqual({ months: ['2025-12-01', '2026-01-01', '2026-02-01'], ranges: [] });
  });

  it('answers an empty plan for a window that ends before it starts', () => {
    expect(planWindow('2026-02-10', '2026-02-01', folded)).toEqual({ months: [], ranges: [] });
  });
});

describe('month arithmetic', () => {
  it('names months by their first day and steps across years', () => {
    expect(monthOf('2026-02-28')).toBe('2026-02-01');
    expect(nextMonth('2025-12-01')).toBe('2026-01-01');
    expect(nextMonth('2026-09-01')).toBe('2026-10-01');
  });

  it('folds a month only once it ended more than an hour ago (China time)', () => {
    expect(foldCutoff(new Date('2026-02-28T16:30:00Z'))).toBe('2026-02-01'); // 00:30 on 1 March: February may still get a row
    expect(foldCutoff(new Date('2026-02-28T17:00:00Z'))).toBe('2026-03-01'); // 01:00: February is foldable
  });
});
