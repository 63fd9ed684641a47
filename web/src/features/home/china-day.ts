/** China-time (UTC+8) day arithmetic for the home page, whatever the browser's time zone. */
import { addDays, cstDate, cstMinute } from '../../../../core/calendar';

/** The last millisecond of the China-time day that holds `now`. */
export function chinaDayEnd(now: Date): Date {
  return new Date(new Date(`${addDays(cstDate(now), 1)}T00:00:00+08:00`).getTime() - 1);
}

/** A time as China time to the minute, without the year: 12-01 17:30. */
export function chinaShort(iso: string): string {
  return cstMinute(new Date(iso)).slice(5);
}
