/**
 * 无人脱管、无人漏管: who among the persons under care and the households at risk nobody looks after. A subject is
 * listed when it has no responsible worker (no care assignment, and its grid has no grid worker linked to an
 * enabled account), when its visit is overdue (an open task past its due day: the same instant its calendar-day
 * clock falls due), or when it has no open task at all (the generator has not covered it: 漏管). Counts by
 * grid, village and township; a paged, masked list; the same list as a watermarked, audited XLSX.
 */
import type { z } from 'zod';
import { cstDate, daysBetween } from '../../../core/calendar.ts';
import type { CoverageQuery } from '../../../core/schemas/field-tasks.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import { exportWatermark, watermarkedXlsx } from '../people/person-files.ts';
import * as repo from './coverage.repository.ts';
import { listPrefix } from './visit-tasks.service.ts';

export type CoverageReason = 'no_worker' | 'overdue' | 'no_task';
/** What kind of care, in words safe to show: a special group or youth at risk is only ever 重点人群 (key). */
export type CareGroup = 'key' | 'care' | 'left_behind' | 'household_risk';

/** One subject nobody looks after. */
export interface CoverageItem {
  subjectType: 'person' | 'household';
  subjectId: string;
  label: string;
  group: CareGroup;
  gridCode: string;
  gridName: string;
  villageName: string;
  reasons: CoverageReason[];
  dueOn: string | null;
  daysOverdue: number | null;
}

/** Counts of one grid, village or township. */
export interface CoverageCount {
  level: 'township' | 'village' | 'grid';
  code: string;
  name: string;
  underCare: number;
  listed: number;
  noWorker: number;
  overdue: number;
  noTask: number;
}

const groupOf = (kinds: string[]): CareGroup => (kinds.includes('special_group') || kinds.includes('youth') ? 'key' : kinds.includes('care') ? 'care' : 'left_behind');
const townshipOf = (grid: string) => grid.slice(0, 9) + '000';
const order: CoverageReason[] = ['no_worker', 'overdue', 'no_task'];

/** Every subject under care of the scope with why it is listed (empty reasons: looked after). */
async function evaluate(ctx: AppContext, prefix: string) {
  const today = cstDate(ctx.clock.now());
  const [people, homes, tasks, staffed, assigned] = await Promise.all([repo.personsUnderCare(ctx.db, prefix), repo.householdsAtRisk(ctx.db, prefix), repo.openTasks(ctx.db, prefix), repo.gridsWithWorker(ctx.db, prefix), repo.assignedPersons(ctx.db, prefix)]);
  const due = new Map<string, string>();
  for (const t of tasks) {
    const k = `${t.subjectType}:${t.subjectId}`;
    if (!due.has(k) || t.dueOn < due.get(k)!) due.set(k, t.dueOn);
  }
  const subjects = [
    ...people.map((p) => ({ subjectType: 'person' as const, subjectId: p.id, label: p.label, gridCode: p.gridCode, group: groupOf(p.kinds), assigned: assigned.has(p.id) })),
    ...homes.map((h) => ({ subjectType: 'household' as const, subjectId: h.id, label: h.label, gridCode: h.gridCode, group: 'household_risk' as const, assigned: false })),
  ];
  const grids = [...new Set(subjects.map((s) => s.gridCode))];
  const names = await repo.placeNames(ctx.db, grids, [...new Set(grids.flatMap((g) => [g.slice(0, 12), townshipOf(g)]))]);
  const evaluated = subjects.map((s) => {
    const dueOn = due.get(`${s.subjectType}:${s.subjectId}`) ?? null;
    const reasons: CoverageReason[] = [];
    if (!s.assigned && !staffed.has(s.gridCode)) reasons.push('no_worker');
    if (dueOn && dueOn < today) reasons.push('overdue');
    if (!dueOn) reasons.push('no_task');
    const item: CoverageItem = {
      subjectType: s.subjectType, subjectId: s.subjectId, label: s.label, group: s.group, gridCode: s.gridCode, gridName: names.get(s.gridCode) ?? s.gridCode, villageName: names.get(s.gridCode.slice(0, 12)) ?? '',
      reasons, dueOn, daysOverdue: dueOn && dueOn < today ? daysBetween(dueOn, today) : null,
    };
    return item;
  });
  return { evaluated, names };
}

/** Counts per township, village and grid of the subjects under care and of those listed, by reason. */
function countsOf(all: CoverageItem[], names: Map<string, string>): CoverageCount[] {
  const byCode = new Map<string, CoverageCount>();
  for (const s of all) {
    for (const [level, code] of [['township', townshipOf(s.gridCode)], ['village', s.gridCode.slice(0, 12)], ['grid', s.gridCode]] as const) {
      const c = byCode.get(code) ?? { level, code, name: names.get(code) ?? code, underCare: 0, listed: 0, noWorker: 0, overdue: 0, noTask: 0 };
      c.underCare++;
      if (s.reasons.length) c.listed++;
      if (s.reasons.includes('no_worker')) c.noWorker++;
      if (s.reasons.includes('overdue')) c.overdue++;
      if (s.reasons.includes('no_task')) c.noTask++;
      byCode.set(code, c);
    }
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** The listed subjects, worst first: no worker, then overdue (longest first), then no task; by grid within. */
function listed(all: CoverageItem[], reason?: CoverageReason): CoverageItem[] {
  const rank = (s: CoverageItem) => order.indexOf(s.reasons[0]!);
  return all
    .filter((s) => s.reasons.length && (!reason || s.reasons.includes(reason)))
    .sort((a, b) => rank(a) - rank(b) || (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.gridCode.localeCompare(b.gridCode) || a.subjectId.localeCompare(b.subjectId));
}

/** The coverage report of the caller's scope (or a region or grid inside it). @throws NOT_FOUND (a place outside the scope) */
export async function coverage(ctx: AppContext, actor: Actor, q: z.infer<typeof CoverageQuery>) {
  const { evaluated, names } = await evaluate(ctx, listPrefix(actor, q));
  const rows = listed(evaluated, q.reason);
  const counts = countsOf(evaluated, names);
  const totals = { underCare: evaluated.length, listed: evaluated.filter((s) => s.reasons.length).length, noWorker: 0, overdue: 0, noTask: 0 };
  for (const s of evaluated) {
    if (s.reasons.includes('no_worker')) totals.noWorker++;
    if (s.reasons.includes('overdue')) totals.overdue++;
    if (s.reasons.includes('no_task')) totals.noTask++;
  }
  return { totals, counts, items: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize };
}

const groupWords: Record<CareGroup, string> = { key: '重点人群', care: '关爱对象', left_behind: '留守人员', household_risk: '风险家庭' };
const reasonWords: Record<CoverageReason, string> = { no_worker: '无责任人', overdue: '走访超期', no_task: '无走访任务' };

interface CoverageRow { label: string; group: string; grid: string; village: string; reasons: string; dueOn: string; daysOverdue: number | null }
const headers: [keyof CoverageRow, string][] = [['label', '对象'], ['group', '类别'], ['village', '村（社区）'], ['grid', '网格'], ['reasons', '原因'], ['dueOn', '应走访日期'], ['daysOverdue', '超期天数']];

/** The listed subjects as XLSX (masked, watermarked with who and when), audited with the filter and row count. */
export async function coverageXlsx(ctx: AppContext, actor: Actor, q: z.infer<typeof CoverageQuery>): Promise<Buffer> {
  const { evaluated } = await evaluate(ctx, listPrefix(actor, q));
  const rows: CoverageRow[] = listed(evaluated, q.reason).map((s) => ({ label: s.label, group: groupWords[s.group], grid: s.gridName, village: s.villageName, reasons: s.reasons.map((r) => reasonWords[r]).join('、'), dueOn: s.dueOn ?? '', daysOverdue: s.daysOverdue }));
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'coverage.export', objectType: 'coverage', countyCode: actor.scopeCode.slice(0, 6), detail: { region: q.region ?? null, grid: q.grid ?? null, reason: q.reason ?? null, rows: rows.length } });
  return watermarkedXlsx('走访覆盖 coverage', headers, rows, exportWatermark(actor.name, ctx.clock.now(), `${rows.length} 条`), { 0: 20, 3: 24, 4: 24 });
}
