import { describe, expect, it } from 'vitest';
import { clockTimes, lastDayOf, minutesRule, statutoryDays } from './clock-rules.ts';
import { addDuration, type WorkCalendar } from '../calendar.ts';

const cst = (s: string) => new Date(s + '+08:00');
// National Day 2026: 1–7 October are rest days, Saturday 10 October is a make-up workday.
const cal: WorkCalendar = { holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']), workdays: new Set(['2026-10-10']) };
const none: WorkCalendar = { holidays: new Set(), workdays: new Set() };

describe('counting rules', () => {
  it('does not count the day of receipt for statutory days, and ends the period at midnight', () => {
    // Received Monday 2 November 2026 at 15:00: 15 calendar days run 3–17 November, due at midnight after the 17th.
    expect(lastDayOf(cst('2026-11-02T15:00:00'), 15, statutoryDays('calendar'), none)).toBe('2026-11-17');
    expect(clockTimes(cst('2026-11-02T15:00:00'), 15, statutoryDays('calendar'), none).dueAt).toEqual(cst('2026-11-18T00:00:00'));
  });

  it('counts the day of receipt when the rule says so', () => {
    expect(lastDayOf(cst('2026-11-02T15:00:00'), 15, { ...statutoryDays('calendar'), receiptDayCounts: true }, none)).toBe('2026-11-16');
  });

  it('moves a period ending on a holiday to the next working day', () => {
    // Received 25 September: 6 days run 26 Sep – 1 Oct; 1–2 October are holidays and 3–4 the weekend, 5–7 holidays again → Thursday 8 October.
    expect(lastDayOf(cst('2026-09-25T10:00:00'), 6, statutoryDays('calendar'), cal)).toBe('2026-10-08');
    // Without the rule the period ends on the holiday itself.
    expect(lastDayOf(cst('2026-09-25T10:00:00'), 6, { ...statutoryDays('calendar'), holidayEndMoves: false }, cal)).toBe('2026-10-01');
  });

  it('ends a period on a make-up workday (调休) as on any working day', () => {
    // Received 3 October: 7 days run 4–10 October; Saturday 10 October is a workday, so it stays.
    expect(lastDayOf(cst('2026-10-03T10:00:00'), 7, statutoryDays('calendar'), cal)).toBe('2026-10-10');
  });

  it('counts working days only, skipping the weekend, holidays and counting 调休', () => {
    // 5 working days from Wednesday 30 September (receipt not counted): 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, 调休), 12, 13 → Tuesday 13 October.
    expect(lastDayOf(cst('2026-09-30T09:00:00'), 5, statutoryDays('working'), cal)).toBe('2026-10-13');
    // Counting the day of receipt: 30 Sep, 8, 9, 10, 12 October.
    expect(lastDayOf(cst('2026-09-30T09:00:00'), 5, { ...statutoryDays('working'), receiptDayCounts: true }, cal)).toBe('2026-10-12');
  });

  it('warns a day clock at 80% of the time to its due instant', () => {
    const start = cst('2026-11-02T00:00:00');
    const { warnAt, dueAt } = clockTimes(start, 9, { unit: 'days', mode: 'calendar', receiptDayCounts: true }, none);
    expect(dueAt).toEqual(cst('2026-11-11T00:00:00'));
    expect(warnAt.getTime() - start.getTime()).toBe(Math.floor((dueAt.getTime() - start.getTime()) * 0.8));
  });

  it('keeps minute clocks exactly as the calendar maths counts them (cases)', () => {
    const start = cst('2026-09-28T09:00:00');
    const t = clockTimes(start, 3 * 1440, minutesRule('working'), cal);
    expect(t.dueAt).toEqual(addDuration(start, 3 * 1440, 'working', cal));
    expect(t.dueAt).toEqual(cst('2026-10-08T09:00:00'));
    expect(t.warnAt).toEqual(addDuration(start, Math.floor(3 * 1440 * 0.8), 'working', cal));
  });
});
