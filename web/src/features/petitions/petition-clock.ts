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

/** The petitioner's windows to ask for 复查 / 复核: they run from the service of the written opinion and lapse (the petition then closes); never "overdue". */
export const windowKinds = ['review_window', 're_review_window'] as const;
export type WindowKind = (typeof windowKinds)[number];

/** Whether a clock kind is one of the petitioner's windows rather than a body's deadline. */
export const isWindowKind = (kind: string | null | undefined): kind is WindowKind => (windowKinds as readonly string[]).includes(kind ?? '');

/** A written opinion whose service starts (or would start) the petitioner's next window: the reply, the 复查 and the 复核 opinion. */
const openingStatuses = ['replied', 'reviewed', 're_reviewed'];
/** The window a served opinion opens: after the reply 复查, after the 复查 opinion 复核 (after 复核, none: it is final). */
const windowAfter: Record<string, WindowKind> = { replied: 'review_window', reviewed: 're_review_window' };

/**
 * What the time cell shows for the petitioner's side, in a neutral colour: the written opinion still to be served
 * (`toServe`: the window has not started), or the time left to ask for 复查 / 复核 ("复查申请期 剩余 N 天"; "已过"
 * once it ran out, before the sweep closed the petition). Null when neither applies and the body's clock is shown.
 */
export type WindowView = { kind: 'toServe'; key: string; hint: string } | { kind: WindowKind; key: string; n: number; hint: string };

/**
 * The window view of a petition row or card: `windowDueAt` is the due time of its running window clock, when the
 * server sends it (`windowKind` names the clock; without it the status says which window a served opinion opened).
 */
export function windowView(p: { status: string; toServe: boolean; windowKind?: string | null; windowDueAt?: string | null }, now: Date): WindowView | null {
  if (!openingStatuses.includes(p.status)) return null;
  if (p.toServe) return { kind: 'toServe', key: `petitions.window.toServe.${p.status}`, hint: 'petitions.window.hint.toServe' };
  const kind = p.windowKind ?? windowAfter[p.status];
  if (!isWindowKind(kind) || !p.windowDueAt) return null;
  return windowClockView(kind, p.windowDueAt, now);
}

/** A running window clock in words: "复查申请期 剩余 N 天" (hours, minutes near the end), or lapsed. */
export function windowClockView(kind: WindowKind, dueAt: string, now: Date): WindowView {
  const r = remaining(dueAt, now);
  const unit = r.key.slice(r.key.lastIndexOf('.') + 1);
  return { kind, key: `petitions.window.${kind}.${r.tone === 'red' ? 'lapsed' : unit}`, n: r.n, hint: `petitions.window.hint.${kind}` };
}
