/** China-time (UTC+8) day arithmetic for the home page, whatever the browser's time zone. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The last millisecond of the China-time day that holds `now`. */
export function chinaDayEnd(now: Date): Date {
  const local = now.getTime() + 8 * HOUR;
  return new Date(Math.floor(local / DAY) * DAY + DAY - 8 * HOUR - 1);
}

/** A time as China time to the minute, without the year: 12-01 17:30. */
export function chinaShort(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * HOUR).toISOString().slice(5, 16).replace('T', ' ');
}
