/**
 * Deadline maths in China Standard Time (UTC+8). A limit is counted either in calendar time or in
 * working time: time on a working day counts in full, time on a rest day not at all. Working days are
 * Monday–Friday, minus holidays, plus 调休 make-up workdays; both lists are data (importable), never code.
 */
export type ClockMode = 'calendar' | 'working';

export interface WorkCalendar {
  /** YYYY-MM-DD rest days that would otherwise be workdays (法定节假日). */
  holidays: ReadonlySet<string>;
  /** YYYY-MM-DD workdays that would otherwise be rest days (调休上班). */
  workdays: ReadonlySet<string>;
}

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The CST calendar date of an instant, as YYYY-MM-DD. */
export function cstDate(t: Date): string {
  return new Date(t.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as China time to the minute, as people read it: 2026-12-01 17:30 (China has one zone, no DST). */
export function cstMinute(t: Date): string {
  return new Date(t.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The earliest and latest day any date input may name: older or later is a typo (a year 1000 would schedule a purge at once). */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2199-12-31';

/** True for a YYYY-MM-DD day that exists in the calendar (no 2月30日) between FIRST_DAY and LAST_DAY. */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || v < FIRST_DAY || v > LAST_DAY) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** The calendar day `n` days after `day` (YYYY-MM-DD; n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (YYYY-MM-DD), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** True when the CST day containing `t` is a working day. */
export function isWorkingDay(t: Date, cal: WorkCalendar): boolean {
  const d = cstDate(t);
  if (cal.workdays.has(d)) return true;
  if (cal.holidays.has(d)) return false;
  const dow = new Date(t.getTime() + OFFSET_MS).getUTCDay();
  return dow >= 1 && dow <= 5;
}

/** The next CST midnight strictly after `t`. */
function nextMidnight(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS + 1) * DAY_MS - OFFSET_MS;
}

/** The instant `minutes` of counted time after `start`. */
export function addDuration(start: Date, minutes: number, mode: ClockMode, cal: WorkCalendar): Date {
  if (mode === 'calendar') return new Date(start.getTime() + minutes * MINUTE_MS);
  let t = start.getTime();
  let left = minutes * MINUTE_MS;
  // Bounded: even a year of holidays ends; 4,000 days is a safety net against a malformed calendar.
  for (let i = 0; i < 4000; i++) {
    const end = nextMidnight(t);
    if (isWorkingDay(new Date(t), cal)) {
      if (left <= end - t) return new Date(t + left);
      left -= end - t;
    }
    t = end;
  }
  throw new Error('working calendar has no working days');
}

/** Counted minutes between two instants (0 when b ≤ a). */
export function elapsedMinutes(a: Date, b: Date, mode: ClockMode, cal: WorkCalendar): number {
  if (b <= a) return 0;
  if (mode === 'calendar') return (b.getTime() - a.getTime()) / MINUTE_MS;
  let t = a.getTime();
  let sum = 0;
  while (t < b.getTime()) {
    const end = Math.min(nextMidnight(t), b.getTime());
    if (isWorkingDay(new Date(t), cal)) sum += end - t;
    t = end;
  }
  return sum / MINUTE_MS;
}

/** Parses a holiday calendar CSV (`date,kind` with kind holiday|workday). Returns rows or line errors. */
export function parseCalendarCsv(rows: string[][]): { entries: { date: string; kind: 'holiday' | 'workday'; name: string }[]; errors: string[] } {
  const entries: { date: string; kind: 'holiday' | 'workday'; name: string }[] = [];
  const errors: string[] = [];
  rows.slice(1).forEach(([date = '', kind = '', name = ''], i) => {
    const d = date.trim(), k = kind.trim();
    if (!isCalendarDay(d)) errors.push(`row ${i + 2}: bad date "${d}"`);
    else if (k !== 'holiday' && k !== 'workday') errors.push(`row ${i + 2}: kind must be holiday or workday`);
    else entries.push({ date: d, kind: k, name: name.trim() });
  });
  return { entries, errors };
}
