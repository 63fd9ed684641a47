import { describe, expect, it } from 'vitest';
import { chinaDayEnd, chinaShort } from './china-day';

describe('China-time days', () => {
  it('ends the day at midnight in China, not in the browser or UTC', () => {
    expect(chinaDayEnd(new Date('2026-12-01T09:30:00Z')).toISOString()).toBe('2026-12-01T15:59:59.999Z');
    // 23:30 UTC is already 07:30 the next day in China.
    expect(chinaDayEnd(new Date('2026-12-01T23:30:00Z')).toISOString()).toBe('2026-12-02T15:59:59.999Z');
  });
  it('shows a time as China time', () => {
    expect(chinaShort('2026-12-01T09:30:00Z')).toBe('12-01 17:30');
  });
});
