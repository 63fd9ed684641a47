/** Reads for Open311: cases of public categories, and their public events. */
import { and, desc, eq, gte, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema.ts';
import type { Executor } from '../../db/client.ts';

/** Public cases by filter, newest first, with their end-to-end due time. */
export async function publicCases(ex: Executor, q: { ids?: string[]; serviceCode?: string; start?: Date; end?: Date; statuses?: string[]; openOnly?: boolean; page: number; pageSize: number }) {
  const w: SQL[] = [eq(cases.isPublic, true)];
  if (q.ids) w.push(inArray(cases.code, q.ids));
  if (q.serviceCode) w.push(eq(cases.categoryId, q.serviceCode));
  if (q.start) w.push(gte(cases.createdAt, q.start));
  if (q.end) w.push(lte(cases.createdAt, q.end));
  if (q.statuses) w.push(inArray(cases.status, q.statuses));
  if (q.openOnly) w.push(notInArray(cases.status, ['closed', 'rejected', 'redirected', 'merged']));
  return ex
    .select({
      code: cases.code,
      status: cases.status,
      channel: cases.channel,
      categoryId: cases.categoryId,
      description: cases.description,
      villageCode: cases.villageCode,
      unitCode: cases.unitCode,
      lat: cases.lat,
      lng: cases.lng,
      createdAt: cases.createdAt,
      updatedAt: cases.updatedAt,
      // Qualified by hand: inside the sub-select Drizzle would leave the outer columns unqualified.
      dueAt: sql<Date | null>`(SELECT max(d.due_at) FROM clocks d WHERE d.county_code = "cases"."county_code" AND d.subject_type = 'case' AND d.subject_id = "cases"."id" AND d.kind = 'total')`.mapWith((v) => (v ? new Date(v) : null)),
    })
    .from(cases)
    .where(and(...w))
    .orderBy(desc(cases.createdAt))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
}

/** Public events of public cases in a window. */
export function publicUpdates(ex: Executor, start: Date, end: Date) {
  return ex
    .select({ countyCode: caseEvents.countyCode, id: caseEvents.id, code: cases.code, type: caseEvents.type, toStatus: caseEvents.toStatus, outcome: cases.outcome, at: caseEvents.at })
    .from(caseEvents)
    .innerJoin(cases, and(eq(cases.countyCode, caseEvents.countyCode), eq(cases.id, caseEvents.caseId)))
    .where(and(eq(caseEvents.isPublic, true), eq(cases.isPublic, true), gte(caseEvents.at, start), lte(caseEvents.at, end)))
    .orderBy(caseEvents.at)
    .limit(1000);
}

