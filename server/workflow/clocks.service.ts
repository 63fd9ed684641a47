/**
 * Clocks for any subject (a case, a petition, a rectification task …): open, settle, pause, resume, extend.
 * Each clock warns at 80% (yellow) and breaches at 100% (red); its limit counts by the rules the owning
 * module gives (core/workflow/clock-rules.ts) against the one work calendar. Pausing stops every running
 * clock of the subject; resuming moves their due times by the paused, counted time.
 */
import { randomUUID } from 'node:crypto';
import { addDuration, elapsedMinutes, type ClockMode, type WorkCalendar } from '../../core/calendar.ts';
import { clockTimes, type CountingRules } from '../../core/workflow/clock-rules.ts';
import { isPastDue } from '../../core/kpi-math.ts';
import type { Executor } from '../db/client.ts';
import * as repo from './clocks.repository.ts';

export type { ClockRow, SubjectKey } from './clocks.repository.ts';
type SubjectKey = repo.SubjectKey;

/** One clock to open: its kind, its limit (minutes, or days for a 'days' rule) and how it counts. */
export interface ClockSpec {
  kind: string;
  limit: number;
  rules: CountingRules;
}

/** Opens one clock per spec at `now`. */
export function openClocks(tx: Executor, s: SubjectKey, specs: ClockSpec[], cal: WorkCalendar, now: Date): Promise<void> {
  return openClocksMany(tx, [{ subject: s, specs, cal, now }]);
}

/** Opens the clocks of many subjects in one statement (intake's group commit). */
export async function openClocksMany(tx: Executor, opens: { subject: SubjectKey; specs: ClockSpec[]; cal: WorkCalendar; now: Date }[]): Promise<void> {
  await repo.insert(
    tx,
    opens.flatMap(({ subject: s, specs, cal, now }) =>
      specs.map((spec) => ({
        countyCode: s.countyCode,
        id: randomUUID(),
        subjectType: s.type,
        subjectId: s.id,
        kind: spec.kind,
        mode: spec.rules.mode,
        // Day clocks keep their limit in minutes too, so an extension or a pause moves them the same way.
        limitMinutes: spec.rules.unit === 'days' ? spec.limit * 1440 : spec.limit,
        startedAt: now,
        ...clockTimes(now, spec.limit, spec.rules, cal),
        state: 'open',
        pausedAt: null,
        closedAt: null,
      })),
    ),
  );
}

/** Stops the open clocks of these kinds: met when within time at `now` (cancelled if `cancel`), breached when past due (swept or not). Returns whether any was breached. */
export async function settleClocks(tx: Executor, s: SubjectKey, kinds: readonly string[], now: Date, cancel = false): Promise<{ breached: boolean }> {
  let breached = false;
  for (const d of await repo.ofSubject(tx, s)) {
    if (!kinds.includes(d.kind) || d.closedAt) continue;
    // Past its due time is missed even when the sweep has not reached it yet (core/kpi-math.ts isPastDue). A step
    // recorded after it took place (`now` is then its own time: a visit made offline, a court application entered
    // late) is met when it took place before the due time, though the sweep marked the clock breached meanwhile.
    const onTimeAfterAll = d.state === 'breached' && now < d.dueAt;
    const missed = !onTimeAfterAll && (d.state === 'breached' || (!cancel && isPastDue({ state: d.state, dueAt: d.dueAt, paused: d.pausedAt !== null }, now)));
    if (missed) breached = true;
    await repo.update(tx, d, { state: missed ? 'breached' : cancel ? 'cancelled' : 'met', closedAt: now, pausedAt: null });
  }
  return { breached };
}

/** True when a clock of this kind of the subject has breached (open or settled). */
export async function hasBreached(ex: Executor, s: SubjectKey, kind: string): Promise<boolean> {
  return (await repo.ofSubject(ex, s)).some((d) => d.kind === kind && d.state === 'breached');
}

/** Adds minutes to the open clocks of these kinds (an approved extension). */
export async function extendClocks(tx: Executor, s: SubjectKey, kinds: readonly string[], minutes: number, cal: WorkCalendar): Promise<void> {
  for (const d of await repo.ofSubject(tx, s)) {
    if (d.closedAt || !kinds.includes(d.kind)) continue;
    await repo.update(tx, d, {
      dueAt: addDuration(d.dueAt, minutes, d.mode as ClockMode, cal),
      warnAt: addDuration(d.warnAt, minutes, d.mode as ClockMode, cal),
      limitMinutes: d.limitMinutes + minutes,
      state: d.state === 'warned' ? 'open' : d.state,
    });
  }
}

/** Stops every running clock of the subject (e.g. waiting on the reporter). */
export async function pauseClocks(tx: Executor, s: SubjectKey, now: Date): Promise<void> {
  for (const d of await repo.ofSubject(tx, s)) if (!d.closedAt && !d.pausedAt && d.state !== 'breached') await repo.update(tx, d, { pausedAt: now });
}

/** Restarts paused clocks; the paused time (as each clock counts it) is not counted. */
export async function resumeClocks(tx: Executor, s: SubjectKey, now: Date, cal: WorkCalendar): Promise<void> {
  for (const d of await repo.ofSubject(tx, s)) {
    if (!d.pausedAt || d.closedAt) continue;
    const mode = d.mode as ClockMode;
    const paused = elapsedMinutes(d.pausedAt, now, mode, cal);
    await repo.update(tx, d, { pausedAt: null, dueAt: addDuration(d.dueAt, paused, mode, cal), warnAt: addDuration(d.warnAt, paused, mode, cal) });
  }
}

/** The colour of a clock now: red when breached or past due, grey when settled, yellow past the warning, else green. */
export function colourOf(d: repo.ClockRow, now: Date): 'red' | 'grey' | 'yellow' | 'green' {
  if (d.state === 'breached' || (!d.closedAt && !d.pausedAt && now >= d.dueAt)) return 'red';
  if (d.closedAt) return 'grey';
  return now >= d.warnAt && !d.pausedAt ? 'yellow' : 'green';
}

/** Whether the subject's running clock of this kind is still on time now (false when none runs or it is past due). */
export async function runningOnTime(ex: Executor, s: SubjectKey, kind: string, now: Date): Promise<boolean> {
  const d = (await repo.ofSubject(ex, s)).find((x) => x.kind === kind && !x.closedAt);
  return !!d && !isPastDue({ state: d.state, dueAt: d.dueAt, paused: d.pausedAt !== null }, now);
}

/** A subject's clocks for display, with their colour now. */
export async function clocksOf(ex: Executor, s: SubjectKey, now: Date) {
  return (await repo.ofSubject(ex, s)).map((d) => ({
    kind: d.kind,
    mode: d.mode,
    limitMinutes: d.limitMinutes,
    startedAt: d.startedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    state: d.state,
    paused: d.pausedAt !== null,
    colour: colourOf(d, now),
  }));
}
