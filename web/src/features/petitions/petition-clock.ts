/** A petition clock as the officer reads it: the time left in words and a colour (green; amber once warned; red when overdue). */
import { remaining, type RemainingTone } from '../cases/remaining';

/** What a clock cell shows: a tone and a translation key with its count ("剩 3 天", "超期 2 天"). */
export interface ClockView {
  tone: RemainingTone;
  key: string;
  n: number;
}

/**
 * The view of a clock due at `dueAt`: the server's colour decides amber (yellow = warned at 80% of the period) and a
 * settled clock (grey); past the due time it is red whatever the colour says, since the sweep may not have run yet.
 */
export function clockView(clock: { dueAt: string | null; colour?: string; paused?: boolean }, now: Date): ClockView {
  const r = remaining(clock.dueAt, now);
  if (r.tone === 'none' || clock.colour === 'grey') return { tone: 'none', key: clock.colour === 'grey' ? 'petitions.clock.settled' : r.key, n: r.n };
  const tone: RemainingTone = r.tone === 'red' || clock.colour === 'red' ? 'red' : clock.colour === 'yellow' ? 'amber' : 'green';
  return { tone, key: r.key, n: r.n };
}
