import { afterAll, describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { chinaDayEnd, chinaDayStart, chinaInstant, chinaPickerValue } from './china-clock';

const zone = process.env.TZ;
afterAll(() => {
  process.env.TZ = zone;
});

describe('date pickers in China time', () => {
  const offsets: Record<string, number> = { UTC: 0, 'America/New_York': 300, 'Asia/Shanghai': -480 };
  for (const tz of Object.keys(offsets)) {
    it(`records 09:00 typed by an officer as 09:00 China time in a browser set to ${tz}`, () => {
      process.env.TZ = tz; // Node re-reads the zone when TZ changes
      expect(new Date('2026-12-01T00:00:00Z').getTimezoneOffset()).toBe(offsets[tz]);
      const typed = dayjs('2026-12-01 09:00', 'YYYY-MM-DD HH:mm');
      expect(chinaInstant(typed)).toBe('2026-12-01T01:00:00.000Z');
      // A picker opened at 23:30 UTC on 30 November shows China's 1 December, 07:30.
      expect(chinaPickerValue('2026-11-30T23:30:00Z').format('YYYY-MM-DD HH:mm')).toBe('2026-12-01 07:30');
      // A day chosen in a filter is the China-time day, midnight to midnight.
      expect(chinaDayStart(typed)).toBe('2026-11-30T16:00:00.000Z');
      expect(chinaDayEnd(typed)).toBe('2026-12-01T15:59:59.999Z');
      // Round trip: what the picker shows is sent back unchanged.
      expect(chinaInstant(chinaPickerValue('2026-03-02T01:00:00.000Z'))).toBe('2026-03-02T01:00:00.000Z');
    });
  }
});
