/** Lists of field records for staff pages and checks: patrols, visits and assessments under a region prefix. */
import { and, asc, desc, eq, gte, inArray, like, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fieldTemplates, grids, householdAssessments as a, patrolFindings as pf, patrols as p, users, visitRecords as v } from '../../db/schema.ts';

const county = (col: typeof p.countyCode | typeof v.countyCode | typeof a.countyCode | typeof pf.countyCode, prefix: string) => (prefix.length >= 6 ? eq(col, prefix.slice(0, 6)) : like(col, `${prefix}%`));

/** A window of device time, both ends optional. */
export interface Window { from?: Date; to?: Date }

/** Patrols under the prefix (optionally one worker's), newest first, a page. */
export async function patrolsUnder(ex: Executor, prefix: string, w: Window, userId: string | null, limit: number, offset: number) {
  const where = and(county(p.countyCode, prefix), like(p.gridCode, `${prefix}%`), userId ? eq(p.userId, userId) : undefined, w.from ? gte(p.startedAt, w.from) : undefined, w.to ? lt(p.startedAt, w.to) : undefined);
  const items = await ex.select({ id: p.id, gridCode: p.gridCode, gridName: grids.name, userId: p.userId, userName: users.displayName, startedAt: p.startedAt, endedAt: p.endedAt, status: p.status, pointCount: p.pointCount, distanceM: p.distanceM, findingCount: p.findingCount })
    .from(p).leftJoin(users, eq(users.id, p.userId)).leftJoin(grids, and(eq(grids.countyCode, p.countyCode), eq(grids.code, p.gridCode))).where(where).orderBy(desc(p.startedAt), asc(p.id)).limit(limit).offset(offset);
  const [{ n }] = (await ex.select({ n: sql<number>`count(*)::int` }).from(p).where(where)) as [{ n: number }];
  return { items, total: n };
}

/** The findings of some patrols under the prefix (each with the code of the case it became), oldest first. */
export function findingsOf(ex: Executor, prefix: string, patrolIds: string[]) {
  if (!patrolIds.length) return Promise.resolve([]);
  return ex.select({ patrolId: pf.patrolId, id: pf.id, caseCode: pf.caseCode, templateItem: pf.templateItem, recordedAt: pf.recordedAt })
    .from(pf).where(and(county(pf.countyCode, prefix), inArray(pf.patrolId, patrolIds))).orderBy(asc(pf.recordedAt), asc(pf.id));
}

/** Visits under the prefix (optionally of one subject), newest first, a page; answers kept in clear only. */
export async function visitsUnder(ex: Executor, prefix: string, w: Window, subject: { type: string; id: string } | null, limit: number, offset: number) {
  const conds: (SQL | undefined)[] = [county(v.countyCode, prefix), like(v.gridCode, `${prefix}%`), w.from ? gte(v.visitedAt, w.from) : undefined, w.to ? lt(v.visitedAt, w.to) : undefined];
  if (subject) conds.push(eq(v.subjectType, subject.type), eq(v.subjectId, subject.id));
  const where = and(...conds);
  const items = await ex.select({ id: v.id, templateCode: fieldTemplates.code, templateVersion: fieldTemplates.version, templateName: fieldTemplates.name, subjectType: v.subjectType, subjectId: v.subjectId, gridCode: v.gridCode, taskId: v.taskId, answers: v.answers, visitedAt: v.visitedAt, createdBy: v.createdBy, createdByName: users.displayName, supersedesId: v.supersedesId })
    .from(v).leftJoin(fieldTemplates, eq(fieldTemplates.id, v.templateId)).leftJoin(users, eq(users.id, v.createdBy)).where(where).orderBy(desc(v.visitedAt), asc(v.id)).limit(limit).offset(offset);
  const [{ n }] = (await ex.select({ n: sql<number>`count(*)::int` }).from(v).where(where)) as [{ n: number }];
  return { items, total: n };
}

/** A household's assessments (level and score, never the answers), newest first. */
export function assessmentsOf(ex: Executor, countyCode: string, householdId: string) {
  return ex.select({ id: a.id, score: a.score, level: a.level, assessedAt: a.assessedAt, createdBy: a.createdBy, createdByName: users.displayName, supersedesId: a.supersedesId, templateVersion: fieldTemplates.version })
    .from(a).leftJoin(fieldTemplates, eq(fieldTemplates.id, a.templateId)).leftJoin(users, eq(users.id, a.createdBy))
    .where(and(eq(a.countyCode, countyCode), eq(a.householdId, householdId))).orderBy(desc(a.assessedAt), asc(a.id));
}
