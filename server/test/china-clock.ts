/** China-time (UTC+8) wall clocks for fake-clock tests: statutory periods are counted in China's days. */
import type { FakeClock } from '../lib/clock.ts';

/** The instant (ms) of a China-time wall clock such as `2026-04-02T00:00:00`. */
export const cstAt = (cst: string): number => new Date(`${cst}+08:00`).getTime();

/** Moves the fake clock forward to a China-time wall clock; refuses to move it back. */
export function advanceTo(clock: FakeClock, cst: string): void {
  const ms = cstAt(cst) - clock.now().getTime();
  if (ms < 0) throw new Error(`clock already past ${cst}`);
  clock.advance(ms);
}
