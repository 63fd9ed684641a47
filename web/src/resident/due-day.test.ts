import { describe, expect, it } from 'vitest';
import { lastDayOf } from './due-day';

const chinaDay = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

describe('the last day of a period', () => {
  it('is the day before the midnight the clock falls due at, in China time', () => {
    // Served on 11-09: 30 days counted from 11-10 run through 12-09; the clock is due at 12-10 00:00 +08:00.
    expect(chinaDay(lastDayOf('2026-12-09T16:00:00.000Z'))).toBe('2026-12-09');
  });
  it('keeps the day of a due time inside a day', () => {
    expect(chinaDay(lastDayOf('2026-12-09T09:30:00.000Z'))).toBe('2026-12-09');
  });
});
