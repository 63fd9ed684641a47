/** The remaining-time column: how long until a case's nearest clock falls due, as words and a colour. */

/** green: more than four hours left; amber: four hours or less; red: past due; none: no clock running. */
export type RemainingTone = 'green' | 'amber' | 'red' | 'none';

/** What the cell shows: a tone and a translation key with its count (cases.remain.hours → "剩 {{n}} 小时"). */
export interface Remaining {
  tone: RemainingTone;
  key: string;
  n: number;
}

const MIN = 60_000;
/** Four hours or less left turns amber: time to act today (the server's own warning comes at 80% of a clock). */
export const AMBER_MINUTES = 4 * 60;

/** The remaining time of a due time at `now`: minutes under an hour, hours under two days, else days. */
export function remaining(dueIso: string | null, now: Date): Remaining {
  if (!dueIso) return { tone: 'none', key: 'cases.remain.none', n: 0 };
  const minutes = Math.round((new Date(dueIso).getTime() - now.getTime()) / MIN);
  const over = minutes < 0;
  const m = Math.abs(minutes);
  const [unit, n] = m < 60 ? ['minutes', Math.max(1, m)] : m < 48 * 60 ? ['hours', Math.floor(m / 60)] : ['days', Math.floor(m / 1440)];
  return { tone: over ? 'red' : minutes <= AMBER_MINUTES ? 'amber' : 'green', key: `cases.${over ? 'over' : 'remain'}.${unit}`, n };
}

/** The Ant Design tag colour of a tone. */
export const toneColour: Record<RemainingTone, string> = { green: 'green', amber: 'orange', red: 'red', none: 'default' };
