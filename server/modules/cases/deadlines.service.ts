/**
 * A case's clocks on the generic clocks (server/workflow/clocks.service.ts): a first-response clock from
 * submission (一小时介入), a clock per stage, and an end-to-end clock from acceptance, keyed by subject 'case'.
 */
import type { WorkCalendar } from '../../../core/calendar.ts';
import type { Executor } from '../../db/client.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import type { DeadlinePolicy } from '../catalog/catalog.service.ts';
import { caseClockSpecs, type CaseClockKind } from './cases.workflow.ts';

type CaseKey = { countyCode: string; id: string };
const subject = (c: CaseKey) => ({ type: 'case', id: c.id, countyCode: c.countyCode });

/** Opens a case's clocks of the given kinds at `now` (intake opens the first response). */
export function openClocks(tx: Executor, c: CaseKey, kinds: CaseClockKind[], policy: DeadlinePolicy, cal: WorkCalendar, now: Date): Promise<void> {
  return clocks.openClocks(tx, subject(c), caseClockSpecs(policy, kinds), cal, now);
}

/** Opens the clocks of many new cases in one statement (intake's group commit). */
export function openClocksMany(tx: Executor, opens: { c: CaseKey; kinds: CaseClockKind[]; policy: DeadlinePolicy; cal: WorkCalendar; now: Date }[]): Promise<void> {
  return clocks.openClocksMany(tx, opens.map((o) => ({ subject: subject(o.c), specs: caseClockSpecs(o.policy, o.kinds), cal: o.cal, now: o.now })));
}

/** A case's clocks for display, with their colour now. */
export function clocksOf(ex: Executor, c: CaseKey, now: Date) {
  return clocks.clocksOf(ex, subject(c), now);
}
