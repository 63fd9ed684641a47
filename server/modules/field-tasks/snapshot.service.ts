/**
 * The field app's device copy (GET /api/field/snapshot): the grids the worker is linked to, their households and
 * persons as the lists show them (masked; a sensitive care group only as 重点人群), the worker's open visit tasks,
 * and since the last copy only what changed plus tombstones for what left (a household moved to another grid,
 * a person archived, a task done or given to someone else). The cursor (`asOf`) carries the grid set's
 * fingerprint: when the worker's grids changed, the answer says `reset` and is a whole copy.
 */
import { createHash } from 'node:crypto';
import type { CopyHousehold, CopyPerson } from '../../../web/src/field/contracts.ts';
import { cstDate } from '../../../core/calendar.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { listTemplates } from '../field/templates.service.ts';
import * as snap from './snapshot.repository.ts';
import * as tasksRepo from './visit-tasks.repository.ts';
import { presentTask } from './visit-tasks.service.ts';

/** Rows committed a little after their `updated_at` are still picked up: the next copy overlaps the last by this much. */
const OVERLAP_MS = 5 * 60_000;

/** Care words safe to show on a phone: a special group or youth at risk is only 重点人群; disability only 关爱对象. */
const careWords: Record<string, string> = { '01': '独居老人', '02': '困难家庭', '03': '留守老人', '04': '留守妇女', '05': '留守儿童' };
function careOf(records: { kind: string; category: string | null }[]): string[] {
  const words = records.map((r) => (r.kind === 'special_group' || r.kind === 'youth' ? '重点人群' : r.kind === 'left_behind' ? '留守人员' : r.kind === 'care' ? (r.category && careWords[r.category]) || '关爱对象' : null));
  return [...new Set(words.filter((w): w is string => !!w))];
}

const fingerprint = (grids: string[]) => createHash('sha256').update(grids.join(',')).digest('hex').slice(0, 12);

/** Reads a cursor: its time and grid-set fingerprint (undefined when absent or not one of ours). */
function parseCursor(since: string | undefined): { at: Date; grids: string } | undefined {
  const m = since ? /^(.+)~([0-9a-f]{12})$/.exec(since) : null;
  const at = m ? new Date(m[1]!) : undefined;
  return m && at && !Number.isNaN(at.getTime()) ? { at, grids: m[2]! } : undefined;
}

/** The device copy for the signed-in worker, whole or since a cursor. */
export async function snapshot(ctx: AppContext, actor: Actor, since?: string) {
  const now = ctx.clock.now();
  const grids = await snap.gridsOf(ctx.db, actor.id);
  const codes = grids.map((g) => g.code);
  const print = fingerprint(codes);
  const cursor = parseCursor(since);
  // A grid linked or unlinked since, or a cursor we cannot read: start over with a whole copy.
  const reset = !!since && (!cursor || cursor.grids !== print || (await snap.linkedSince(ctx.db, actor.id, cursor.at)));
  const after = cursor && !reset ? new Date(cursor.at.getTime() - OVERLAP_MS) : undefined;
  const households: CopyHousehold[] = [];
  const persons: CopyPerson[] = [];
  const tombstones: { type: 'household' | 'person' | 'task'; id: string }[] = [];
  for (const county of [...new Set(grids.map((g) => g.countyCode))]) {
    const mine = grids.filter((g) => g.countyCode === county).map((g) => g.code);
    for (const h of await snap.households(ctx.db, county, mine, after)) households.push({ id: h.id, gridCode: h.gridCode, address: h.address, headName: h.headName ?? '', memberCount: h.memberCount, version: h.version, riskLevel: h.riskLevel as CopyHousehold['riskLevel'] });
    for (const p of await snap.persons(ctx.db, county, mine, after)) persons.push({ id: p.id, householdId: p.householdId, gridCode: p.gridCode, name: p.name, care: careOf(p.records), version: p.version });
    if (after) {
      tombstones.push(...(await snap.departed(ctx.db, county, mine, after)));
      tombstones.push(...(await tasksRepo.tasksGone(ctx.db, county, actor.id, mine, after)).map((id) => ({ type: 'task' as const, id })));
    }
  }
  const today = cstDate(now);
  const templateIds = new Map((await listTemplates(ctx)).map((t) => [t.code, t.id]));
  const open = await tasksRepo.listTasks(ctx.db, { prefix: '', assigneeId: actor.id, status: 'open', today, updatedAfter: after }, 1, 5000);
  const tasks = open.items.map((t) => presentTask(t, today, templateIds));
  return { asOf: `${now.toISOString()}~${print}`, reset, grids: grids.map((g) => ({ code: g.code, name: g.name })), households, persons, tasks, tombstones };
}
