/**
 * Date pickers in China time, whatever the browser's time zone. Ant Design's pickers read and make dayjs values in
 * the browser's zone; a county office's browser is in China time, but a laptop set to UTC (or a CI browser) would
 * record 09:00 typed by an officer as 17:00 China time. These helpers treat a picker's wall clock (its year…minute
 * fields) as China time: the picker shows China's clock, and what it sends is the instant China's clock meant.
 * In a browser in China time every helper is the identity.
 */
import dayjs, { type Dayjs } from 'dayjs';

const CHINA = 8 * 3600_000;

/** China's wall clock at `instant` (default now) as a picker value. */
export function chinaPickerValue(instant: Date | string = new Date()): Dayjs {
  const wall = new Date(new Date(instant).getTime() + CHINA).toISOString().slice(0, 23); // 2026-12-01T09:00:00.000
  return dayjs(wall);
}

/** The instant (ISO) a picker value meant, its fields read as China time. */
export function chinaInstant(value: Dayjs): string {
  return new Date(`${value.format('YYYY-MM-DDTHH:mm:ss.SSS')}+08:00`).toISOString();
}

/** The first instant of the China-time day a picker value shows. */
export function chinaDayStart(value: Dayjs): string {
  return chinaInstant(value.startOf('day'));
}

/** The last instant of the China-time day a picker value shows. */
export function chinaDayEnd(value: Dayjs): string {
  return chinaInstant(value.endOf('day'));
}
