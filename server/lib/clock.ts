/** Time is injected so deadlines, lockouts and idle timeouts can be tested with a fake clock. */
import { cstDate } from '../../core/calendar.ts';

export interface Clock {
  now(): Date;
}

/** Today's date (YYYY-MM-DD) in China Standard Time by this clock. */
export function today(clock: Clock): string {
  return cstDate(clock.now());
}

/** The real clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private t: Date = new Date('2026-03-02T01:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}
