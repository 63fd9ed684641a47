import { describe, expect, it } from 'vitest';
import { remaining } from './remaining';

const now = new Date('2026-12-01T09:30:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('remaining time', () => {
  it('reads in minutes, hours or days, green with time to spare, amber within four hours, red past due', () => {
    expect(remaining(at(3 * 60 + 10), now)).toEqual({ tone: 'amber', key: 'cases.remain.hours', n: 3 });
    expect(remaining(at(25), now)).toEqual({ tone: 'amber', key: 'cases.remain.minutes', n: 25 });
    expect(remaining(at(30 * 60), now)).toEqual({ tone: 'green', key: 'cases.remain.hours', n: 30 });
    expect(remaining(at(3 * 1440), now)).toEqual({ tone: 'green', key: 'cases.remain.days', n: 3 });
    expect(remaining(at(-2 * 1440 - 60), now)).toEqual({ tone: 'red', key: 'cases.over.days', n: 2 });
    expect(remaining(at(-61), now)).toEqual({ tone: 'red', key: 'cases.over.hours', n: 1 });
    expect(remaining(null, now)).toEqual({ tone: 'none', key: 'cases.remain.none', n: 0 });
  });
});
