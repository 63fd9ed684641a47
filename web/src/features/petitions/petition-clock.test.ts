import { describe, expect, it } from 'vitest';
import { clockView } from './petition-clock';

const now = new Date('2026-12-01T09:30:00Z');
const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

describe('petition clock view', () => {
  it('is green with days to spare, amber once the server warned, red past due even before the sweep marks it', () => {
    expect(clockView({ dueAt: at(10), colour: 'green' }, now)).toEqual({ tone: 'green', key: 'cases.remain.days', n: 10 });
    expect(clockView({ dueAt: at(3), colour: 'yellow' }, now)).toEqual({ tone: 'amber', key: 'cases.remain.days', n: 3 });
    expect(clockView({ dueAt: at(-2), colour: 'yellow' }, now)).toEqual({ tone: 'red', key: 'cases.over.days', n: 2 });
    expect(clockView({ dueAt: at(-1), colour: 'red' }, now).tone).toBe('red');
  });
  it('shows a settled clock as settled and no clock as none', () => {
    expect(clockView({ dueAt: at(5), colour: 'grey' }, now)).toEqual({ tone: 'none', key: 'petitions.clock.settled', n: 5 });
    expect(clockView({ dueAt: null }, now)).toEqual({ tone: 'none', key: 'cases.remain.none', n: 0 });
  });
});
