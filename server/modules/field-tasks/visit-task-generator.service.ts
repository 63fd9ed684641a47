/**
 * Keeps the open visit tasks equal to what the rules require (core/field/visit-rules.ts): the hourly job walks
 * each county, creates the tasks that are missing, cancels those whose recurring rule no longer applies, gives
 * unassigned tasks a worker once the grid has one, and turns new arrivals into one-off tasks. The same
 * reconciliation runs for one subject when a visit is recorded (its tasks close and the next ones open) and when
 * a household's risk level changes. Idempotent by the unique partial indexes of 0034: a rerun, or two servers at
 * once, creates nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { isRecurring, requiredTasks, type CareFact, type RequiredTask, type TriggerFact, type VisitSubject } from '../../../core/field/visit-rules.ts';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { runSteps, systemActorFor, transition } from '../../workflow/engine.ts';
import { recordCategory } from '../people/records.service.ts';
import * as repo from './visit-tasks.repository.ts';
import * as subjects from './visit-subjects.repository.ts';
import { openVisitClock, roleOf, visitTaskModule } from './visit-tasks.workflow.ts';

/** A subject with its place, as the rules and the task rows need it. */
export type PlacedSubject = VisitSubject & { gridCode: string; villageCode: string };

const keyOf = (type: string, id: string, rule: string) => `${type}:${id}:${rule}`;
/** The keys of one-off facts: a trigger's reference and what the scan remembers (the repository's SQL builds the same). */
const arrivalRef = (historyId: number) => `rh:${historyId}`;
const petitionerRef = (petitionId: string, personId: string | null) => `pt:${petitionId}:${personId}`;
/** How far back the scans look for one-off facts not yet taken up (new arrivals, petitioners). */
const SCAN_DAYS = 7;

/** The county's subjects the rules read (or one subject's), with their last visits. */
async function loadSubjects(ex: Executor, ctx: AppContext, countyCode: string, only?: { type: 'household' | 'person'; id: string }): Promise<PlacedSubject[]> {
  const out: PlacedSubject[] = [];
  if (!only || only.type === 'household') {
    for (const h of await subjects.householdsAtRisk(ex, countyCode, only?.id)) out.push({ type: 'household', id: h.id, gridCode: h.gridCode, villageCode: h.villageCode, riskLevel: h.level as VisitSubject['riskLevel'] });
  }
  if (!only || only.type === 'person') {
    const byPerson = new Map<string, PlacedSubject & { care: CareFact[] }>();
    for (const { person, record } of await subjects.personsUnderCare(ex, countyCode, only?.id)) {
      // Decrypted here, as the system, to pick the interval; the category never leaves this function.
      const { category, riskLevel } = recordCategory(ctx, record);
      const s = byPerson.get(person.id) ?? { type: 'person' as const, id: person.id, gridCode: person.gridCode, villageCode: person.villageCode, care: [] };
      s.care.push({ kind: record.kind, category, grade: riskLevel && /^[0-5]$/.test(riskLevel) ? Number(riskLevel) : null, since: record.createdAt });
      byPerson.set(person.id, s);
    }
    out.push(...byPerson.values());
  }
  const last = await repo.lastVisits(ex, countyCode, only);
  for (const s of out) s.lastVisitAt = last.get(`${s.type}:${s.id}`) ?? null;
  return out;
}

/** Who a task goes to: the person's care assignment, else the grid's first linked grid worker, else nobody. */
export async function assigneesFor(ex: Executor, countyCode: string, subjectsOf: PlacedSubject[]): Promise<(s: PlacedSubject) => string | null> {
  const persons = subjectsOf.filter((s) => s.type === 'person').map((s) => s.id);
  const care = persons.length ? await repo.careAssignees(ex, countyCode, persons) : new Map<string, string>();
  const workers = await repo.gridPeople(ex, countyCode, 'gridWorker', [...new Set(subjectsOf.map((s) => s.gridCode))]);
  return (s) => (s.type === 'person' ? care.get(s.id) : undefined) ?? workers.get(s.gridCode)?.[0] ?? null;
}

/** Creates the required tasks no open task covers; opens each one's clock. Returns the tasks made. */
export async function createMissing(tx: Executor, ctx: AppContext, countyCode: string, required: RequiredTask[], placed: Map<string, PlacedSubject>, open: Set<string>, now: Date): Promise<repo.TaskRow[]> {
  const missing = required.filter((r) => !open.has(keyOf(r.subjectType, r.subjectId, r.rule)));
  if (!missing.length) return [];
  const assignee = await assigneesFor(tx, countyCode, [...new Set(missing.map((r) => placed.get(`${r.subjectType}:${r.subjectId}`)!))]);
  const rows: repo.TaskRow[] = missing.map((r) => {
    const s = placed.get(`${r.subjectType}:${r.subjectId}`)!;
    return {
      countyCode, id: randomUUID(), subjectType: r.subjectType, subjectId: r.subjectId, gridCode: s.gridCode, villageCode: s.villageCode, rule: r.rule, triggerRef: r.triggerRef,
      assigneeId: assignee(s), status: 'open', dueOn: r.dueOn, intervalDays: r.intervalDays, createdAt: now, updatedAt: now, closedAt: null, closedByVisit: null, visitedAt: null, version: 0,
    };
  });
  const made = await repo.insertTasks(tx, rows);
  const byId = new Map(rows.map((row, i) => [row.id, missing[i]!]));
  for (const t of made) {
    const r = byId.get(t.id)!;
    await repo.insertEvent(tx, { countyCode, taskId: t.id, type: 'create', fromStatus: null, toStatus: 'open', actorId: 'system', data: { rule: t.rule, dueOn: t.dueOn }, at: now });
    await openVisitClock(tx, ctx, t, r.start, r.days);
  }
  return made;
}

/** Cancels the open recurring tasks the rules no longer require (one-off tasks stay until visited). */
async function cancelStale(tx: Executor, ctx: AppContext, open: repo.TaskRow[], required: Set<string>): Promise<number> {
  let n = 0;
  for (const t of open) {
    if (!isRecurring(t.rule) || required.has(keyOf(t.subjectType, t.subjectId, t.rule))) continue;
    const locked = await repo.lockTask(tx, t.countyCode, t.id);
    if (locked?.status !== 'open') continue;
    await runSteps(tx, ctx, visitTaskModule, locked, [{ action: 'cancel', input: { reason: 'rule_no_longer_applies' } }]);
    n++;
  }
  return n;
}

/** What one reconciliation did. */
export interface Generated {
  created: number;
  cancelled: number;
  assigned: number;
}

/** Reconciles one county's tasks with the rules, new arrivals included. */
export async function generateForCounty(ctx: AppContext, countyCode: string): Promise<Generated> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const placed = await loadSubjects(tx, ctx, countyCode);
    const bySubject = new Map(placed.map((s) => [`${s.type}:${s.id}`, s]));
    // New arrivals since the last scan become one-off triggers of their household. A household moved into a grid
    // is a new arrival (四访: 新迁入家庭); a household created (POST /api/households, an import) is NOT: registering
    // the existing population would make every household one, and the registry cannot tell a newcomer's first
    // registration from a census entry (subjects.arrivalsSince reads moves only).
    // Facts of the last week not yet taken up, by reference: one committing late is still found (a time cursor
    // would have passed it), and none is taken up twice.
    const since = new Date(now.getTime() - SCAN_DAYS * 86_400_000);
    const arrivals = await subjects.arrivalsUnscanned(tx, countyCode, since, 5000);
    for (const a of arrivals) {
      const k = `household:${a.objectId}`;
      let s = bySubject.get(k);
      if (!s) {
        const h = await subjects.householdPlace(tx, countyCode, a.objectId);
        if (!h?.active) continue;
        s = { type: 'household', id: h.id, gridCode: h.gridCode, villageCode: h.villageCode, riskLevel: null, lastVisitAt: null };
        bySubject.set(k, s);
        placed.push(s);
      }
      (s.triggers ??= []).push({ rule: 'new_arrival', ref: arrivalRef(a.id), at: a.at } satisfies TriggerFact);
    }
    // Petitioners linked to a registry person become one-off 上访群众 visits, one per petition (its id is the
    // trigger's reference, so a rerun makes nothing; a petition while the person's visit is still open adds none).
    const petitions = await subjects.petitionersUnscanned(tx, countyCode, since, 5000);
    for (const pt of petitions) {
      const k = `person:${pt.personId}`;
      let s = bySubject.get(k);
      if (!s) {
        const p = await subjects.personPlace(tx, countyCode, pt.personId!);
        if (!p?.active) continue;
        s = { type: 'person', id: p.id, gridCode: p.gridCode, villageCode: p.villageCode, lastVisitAt: null };
        bySubject.set(k, s);
        placed.push(s);
      }
      (s.triggers ??= []).push({ rule: 'petitioner', ref: petitionerRef(pt.petitionId, pt.personId), at: pt.at } satisfies TriggerFact);
    }
    const open = await repo.openOfCounty(tx, countyCode);
    const openKeys = new Set(open.map((t) => keyOf(t.subjectType, t.subjectId, t.rule)));
    const required = requiredTasks(placed, now);
    const created = (await createMissing(tx, ctx, countyCode, required, bySubject, openKeys, now)).length;
    const cancelled = await cancelStale(tx, ctx, open, new Set(required.map((r) => keyOf(r.subjectType, r.subjectId, r.rule))));
    const assigned = await assignUnassigned(tx, ctx, countyCode, open, bySubject);
    await repo.markScanned(tx, countyCode, [...arrivals.map((a) => arrivalRef(a.id)), ...petitions.map((pt) => petitionerRef(pt.petitionId, pt.personId))], now);
    // A fact is taken up after it happened, so a mark older than twice the window names a fact no scan reads again.
    await repo.forgetScansBefore(tx, countyCode, new Date(now.getTime() - 2 * SCAN_DAYS * 86_400_000));
    return { created, cancelled, assigned };
  });
}

/** Gives open tasks without a worker the one their grid (or care assignment) now has. */
async function assignUnassigned(tx: Executor, ctx: AppContext, countyCode: string, open: repo.TaskRow[], bySubject: Map<string, PlacedSubject>): Promise<number> {
  const orphans = open.filter((t) => !t.assigneeId);
  if (!orphans.length) return 0;
  const placedOf = (t: repo.TaskRow): PlacedSubject => bySubject.get(`${t.subjectType}:${t.subjectId}`) ?? { type: t.subjectType as 'household' | 'person', id: t.subjectId, gridCode: t.gridCode, villageCode: t.villageCode };
  const assignee = await assigneesFor(tx, countyCode, orphans.map(placedOf));
  let n = 0;
  for (const t of orphans) {
    const to = assignee(placedOf(t));
    if (!to) continue;
    const locked = await repo.lockTask(tx, countyCode, t.id);
    if (locked?.status !== 'open' || locked.assigneeId) continue;
    await runSteps(tx, ctx, visitTaskModule, locked, [{ action: 'reassign', input: { assigneeId: to } }]);
    n++;
  }
  return n;
}

/** Reconciles one subject's tasks inside the caller's transaction (a visit, a risk level). */
async function refreshSubject(tx: Executor, ctx: AppContext, countyCode: string, subject: { type: 'household' | 'person'; id: string }, open: repo.TaskRow[]): Promise<void> {
  const now = ctx.clock.now();
  const placed = await loadSubjects(tx, ctx, countyCode, subject);
  const required = requiredTasks(placed, now).filter((r) => isRecurring(r.rule));
  const stillOpen = open.filter((t) => t.status === 'open');
  await createMissing(tx, ctx, countyCode, required, new Map(placed.map((s) => [`${s.type}:${s.id}`, s])), new Set(stillOpen.map((t) => keyOf(t.subjectType, t.subjectId, t.rule))), now);
  await cancelStale(tx, ctx, stillOpen, new Set(required.map((r) => keyOf(r.subjectType, r.subjectId, r.rule))));
}

/** A visit as the tasks module needs it (the field module's visit record). */
export interface VisitDone {
  countyCode: string;
  id: string;
  subjectType: 'household' | 'person';
  subjectId: string;
  visitedAt: Date;
  /** The earlier visit it corrects: a correction completes nothing new. */
  supersedesId?: string | null;
}

/**
 * A visit was recorded (called in the visit's own transaction): every open task of its subject is done, and the
 * next ones open, due their interval after the visit. The worker completes them (audited as them) when the
 * workflow lets them; anyone else's visit completes them as the system.
 */
export async function onVisitRecorded(tx: Executor, ctx: AppContext, actor: Actor, visit: VisitDone): Promise<void> {
  if (visit.supersedesId) return;
  const open = await repo.lockOpenOfSubject(tx, visit.countyCode, visit.subjectType, visit.subjectId);
  const closed: repo.TaskRow[] = [];
  for (const t of open) {
    const by = roleOf(actor) === 'worker' && visitTaskModule.permits(actor, t, 'complete') ? actor : systemActorFor(t);
    closed.push((await transition(tx, ctx, visitTaskModule, by, t, 'complete', { visitId: visit.id, visitedAt: visit.visitedAt })).row);
  }
  await refreshSubject(tx, ctx, visit.countyCode, { type: visit.subjectType, id: visit.subjectId }, closed);
}

/**
 * A household's risk level changed (called in the assessment's transaction, after the current level is stored: the
 * level is read from there, so the arguments after the household are the caller's and need not be passed).
 */
export async function onRiskLevel(tx: Executor, ctx: AppContext, household: { countyCode: string; id: string }): Promise<void> {
  const open = await repo.lockOpenOfSubject(tx, household.countyCode, 'household', household.id);
  await refreshSubject(tx, ctx, household.countyCode, { type: 'household', id: household.id }, open);
}

/** The hourly job: reconciles every county; returns a line when something changed. */
export async function generateVisitTasks(ctx: AppContext): Promise<string | undefined> {
  const total: Generated = { created: 0, cancelled: 0, assigned: 0 };
  for (const c of await subjects.countiesWithGrids(ctx.db)) {
    const g = await generateForCounty(ctx, c);
    total.created += g.created;
    total.cancelled += g.cancelled;
    total.assigned += g.assigned;
  }
  return total.created || total.cancelled || total.assigned ? `visit tasks: ${total.created} created, ${total.cancelled} cancelled, ${total.assigned} assigned` : undefined;
}
