/**
 * How a clock counts its limit, as data. Cases count elapsed minutes (calendar or working time); statutory
 * periods count whole days (信访工作条例: 「日」 are calendar days, 「工作日」 only where stated), where the day of
 * receipt is not counted (民法典 Art. 201) and a period ending on a rest day ends on the next working day
 * (民法典 Art. 203). Both rules are flags so each clock says which apply; the maths is pure.
 */
import { addDays, addDuration, type ClockMode, type WorkCalendar } from '../calendar.ts';

/** The counting rules of one kind of clock. */
export interface CountingRules {
  /** 'minutes': elapsed time from the start instant; 'days': whole CST days, ending at midnight. */
  unit: 'minutes' | 'days';
  /** Calendar time, or only time on working days. */
  mode: ClockMode;
  /** Days only: whether the day of receipt is the first counted day (民法典 201: it is not). */
  receiptDayCounts?: boolean;
  /** Days only: a period whose last day is a rest day ends on the next working day (民法典 203). */
  holidayEndMoves?: boolean;
}

/** Elapsed-minute counting (cases' limits). */
export const minutesRule = (mode: ClockMode): CountingRules => ({ unit: 'minutes', mode });

/** Statutory day counting: receipt day not counted, a period ending on a rest day moves to the next working day. */
export const statutoryDays = (mode: ClockMode): CountingRules => ({ unit: 'days', mode, receiptDayCounts: false, holidayEndMoves: true });

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The instant CST midnight starts the day `day` (YYYY-MM-DD). */
function startOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - OFFSET_MS;
}

/** True when the CST day `day` is a working day. */
function isWorkDay(day: string, cal: WorkCalendar): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow >= 1 && dow <= 5;
}

/** The last counted day of a period of `days` days starting at `start`, under the rules. */
export function lastDayOf(start: Date, days: number, rules: CountingRules, cal: WorkCalendar): string {
  const received = new Date(start.getTime() + OFFSET_MS).toISOString().slice(0, 10);
  let day = rules.receiptDayCounts ? received : addDays(received, 1);
  // Bounded like addDuration: 4,000 days is a safety net against a calendar without working days.
  if (rules.mode === 'working') {
    let left = days;
    for (let i = 0; i < 4000; i++, day = addDays(day, 1)) {
      if (isWorkDay(day, cal) && --left <= 0) return day;
    }
    throw new Error('working calendar has no working days');
  }
  day = addDays(day, Math.max(days, 1) - 1);
  if (rules.holidayEndMoves) for (let i = 0; i < 4000 && !isWorkDay(day, cal); i++) day = addDays(day, 1);
  return day;
}

/**
 * When a clock of `limit` (minutes, or days for a 'days' rule) started at `start` warns (80%) and falls due.
 * Minute clocks warn after 80% of the counted time; day clocks at 80% of the real time to the due instant.
 */
export function clockTimes(start: Date, limit: number, rules: CountingRules, cal: WorkCalendar): { warnAt: Date; dueAt: Date } {
  if (rules.unit === 'minutes') return { warnAt: addDuration(start, Math.floor(limit * 0.8), rules.mode, cal), dueAt: addDuration(start, limit, rules.mode, cal) };
  const due = startOfDay(lastDayOf(start, limit, rules, cal)) + DAY_MS;
  return { warnAt: new Date(start.getTime() + Math.floor((due - start.getTime()) * 0.8)), dueAt: new Date(due) };
}
