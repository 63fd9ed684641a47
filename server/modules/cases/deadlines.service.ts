/**
 * Case clocks as rows: a first-response clock from submission (一小时介入), a clock per stage, and an
 * end-to-end clock from acceptance. Each warns at 80% (yellow) and breaches at 100% (red). Pausing (waiting
 * on the reporter) stops every clock; resuming moves the due times by the paused, counted time.
 */
import { randomUUID } from 'node:crypto';
import { addDuration, elapsedMinutes, type ClockMode, type WorkCalendar } from '../../../core/calendar.ts';
import type { Executor } from '../../db/client.ts';
import type { DeadlinePolicy } from '../catalog/catalog.service.ts';
import * as repo from './deadlines.repository.ts';

export type DeadlineKind = 'first_response' | 'stage' | 'total';
type CaseKey = { countyCode: string; id: string };

/** Opens clocks of the given kinds at `now`. */
export async function openClocks(tx: Executor, c: CaseKey, kinds: DeadlineKind[], policy: DeadlinePolicy, cal: WorkCalendar, now: Date): Promise<void> {
  const minutes = (k: DeadlineKind) => (k === 'first_response' ? policy.firstResponseMinutes : k === 'stage' ? policy.stageMinutes : policy.totalMinutes);
  // The first response is measured in plain hours even when the other limits count working days.
  const mode = (k: DeadlineKind): ClockMode => (k === 'first_response' ? 'calendar' : policy.mode);
  await repo.insert(
    tx,
    kinds.map((kind) => ({
      countyCode: c.countyCode,
      id: randomUUID(),
      caseId: c.id,
      kind,
      mode: mode(kind),
      limitMinutes: minutes(kind),
      startedAt: now,
      warnAt: addDuration(now, Math.floor(minutes(kind) * 0.8), mode(kind), cal),
      dueAt: addDuration(now, minutes(kind), mode(kind), cal),
      state: 'open',
      pausedAt: null,
      closedAt: null,
    })),
  );
}

/** Stops clocks of the given kinds: met when still within time, breached ones stay breached. Returns whether any was breached. */
export async function settleClocks(tx: Executor, c: CaseKey, kinds: DeadlineKind[], now: Date, cancel = false): Promise<{ breached: boolean }> {
  let breached = false;
  for (const d of await repo.ofCase(tx, c)) {
    if (!kinds.includes(d.kind as DeadlineKind) || d.closedAt) continue;
    if (d.state === 'breached') breached = true;
    await repo.update(tx, d, { state: d.state === 'breached' ? 'breached' : cancel ? 'cancelled' : 'met', closedAt: now, pausedAt: null });
  }
  return { breached };
}

/** Adds minutes to the open end-to-end and stage clocks (an approved extension). */
export async function extendClocks(tx: Executor, c: CaseKey, minutes: number, cal: WorkCalendar): Promise<void> {
  for (const d of await repo.ofCase(tx, c)) {
    if (d.closedAt || d.kind === 'first_response') continue;
    await repo.update(tx, d, {
      dueAt: addDuration(d.dueAt, minutes, d.mode as ClockMode, cal),
      warnAt: addDuration(d.warnAt, minutes, d.mode as ClockMode, cal),
      limitMinutes: d.limitMinutes + minutes,
      state: d.state === 'warned' ? 'open' : d.state,
    });
  }
}

/** Stops every running clock (waiting on the reporter). */
export async function pauseClocks(tx: Executor, c: CaseKey, now: Date): Promise<void> {
  for (const d of await repo.ofCase(tx, c)) if (!d.closedAt && !d.pausedAt && d.state !== 'breached') await repo.update(tx, d, { pausedAt: now });
}

/** Restarts paused clocks; the paused time (as each clock counts it) is not counted. */
export async function resumeClocks(tx: Executor, c: CaseKey, now: Date, cal: WorkCalendar): Promise<void> {
  for (const d of await repo.ofCase(tx, c)) {
    if (!d.pausedAt || d.closedAt) continue;
    const mode = d.mode as ClockMode;
    const paused = elapsedMinutes(d.pausedAt, now, mode, cal);
    await repo.update(tx, d, { pausedAt: null, dueAt: addDuration(d.dueAt, paused, mode, cal), warnAt: addDuration(d.warnAt, paused, mode, cal) });
  }
}

/** A case's clocks for display, with their colour now. */
export async function clocksOf(ex: Executor, c: CaseKey, now: Date) {
  return (await repo.ofCase(ex, c)).map((d) => ({
    kind: d.kind,
    mode: d.mode,
    limitMinutes: d.limitMinutes,
    startedAt: d.startedAt.toISOString(),
    dueAt: d.dueAt.toISOString(),
    state: d.state,
    paused: d.pausedAt !== null,
    colour: d.state === 'breached' || (!d.closedAt && !d.pausedAt && now >= d.dueAt) ? 'red' : d.closedAt ? 'grey' : now >= d.warnAt && !d.pausedAt ? 'yellow' : 'green',
  }));
}

