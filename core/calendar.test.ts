import { describe, expect, it } from 'vitest';
import { addDuration, cstDate, elapsedMinutes, isCalendarDay, isWorkingDay, parseCalendarCsv, type WorkCalendar } from './calendar.ts';

// 2026-10-01 (Thursday) to 10-07 is the National Day holiday; Saturday 2026-10-10 is a 调休 workday.
const cal: WorkCalendar = {
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-10-10']),
};
const cst = (s: string) => new Date(s + '+08:00');

describe('working calendar', () => {
  it('knows weekends, holidays and make-up workdays in China time', () => {
    expect(isWorkingDay(cst('2026-09-30T23:59:00'), cal)).toBe(true);
    expect(isWorkingDay(cst('2026-10-01T00:00:00'), cal)).toBe(false);
    expect(isWorkingDay(cst('2026-10-03T12:00:00'), cal)).toBe(false); // Saturday
    expect(isWorkingDay(cst('2026-10-10T12:00:00'), cal)).toBe(true); // 调休 Saturday
    expect(cstDate(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
  });
  it('adds calendar time straight through holidays', () => {
    expect(addDuration(cst('2026-09-30T10:00:00'), 60, 'calendar', cal)).toEqual(cst('2026-09-30T11:00:00'));
    expect(addDuration(cst('2026-09-30T10:00:00'), 2 * 1440, 'calendar', cal)).toEqual(cst('2026-10-02T10:00:00'));
  });
  it('skips holidays and weekends for working-day limits', () => {
    // 2 working days from Wednesday 30 Sep 10:00: the rest of 30 Sep (14h), then the next working day is Thu 8 Oct.
    expect(addDuration(cst('2026-09-30T10:00:00'), 2 * 1440, 'working', cal)).toEqual(cst('2026-10-09T10:00:00'));
    // Started on a holiday, the clock starts at the next working day's midnight.
    expect(addDuration(cst('2026-10-04T15:00:00'), 1440, 'working', cal)).toEqual(cst('2026-10-09T00:00:00'));
    // Friday 9 Oct + 1 working day lands on the make-up Saturday.
    expect(addDuration(cst('2026-10-09T09:00:00'), 1440, 'working', cal)).toEqual(cst('2026-10-10T09:00:00'));
  });
  it('measures elapsed working time', () => {
    expect(elapsedMinutes(cst('2026-09-30T10:00:00'), cst('2026-10-09T10:00:00'), 'working', cal)).toBe(2 * 1440);
    expect(elapsedMinutes(cst('2026-10-01T10:00:00'), cst('2026-10-02T10:00:00'), 'working', cal)).toBe(0);
    expect(elapsedMinutes(cst('2026-10-02T10:00:00'), cst('2026-10-01T10:00:00'), 'calendar', cal)).toBe(0);
  });
  it('parses an importable calendar file with line errors', () => {
    const r = parseCalendarCsv([['date', 'kind', 'name'], ['2026-10-01', 'holiday', '国庆节'], ['2026-02-30', 'holiday', ''], ['2026-10-10', 'rest', '']]);
    expect(r.entries).toEqual([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }]);
    expect(r.errors).toEqual(['row 3: bad date "2026-02-30"', 'row 4: kind must be holiday or workday']);
  });
});

describe('isCalendarDay (every date input)', () => {
  it('accepts real days from 1900 to 2199 and refuses impossible or absurd ones', () => {
    for (const d of ['1900-01-01', '2024-02-29', '2199-12-31']) expect(isCalendarDay(d)).toBe(true);
    for (const d of ['2023-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '1000-01-01', '1899-12-31', '2200-01-01', '2026-1-1', '20260101', '']) expect(isCalendarDay(d), d).toBe(false);
  });
});
