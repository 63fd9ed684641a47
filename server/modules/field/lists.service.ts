/**
 * Reading field records back (staff pages, and the acceptance check that each record arrived once): patrols of a
 * region — a worker's own only for the roles that see only their own — visits of a region or of one household or
 * person, and a household's assessments. Lists carry what is stored in clear: no track, no sensitive answer, no
 * note (those stay encrypted; a track is read through its audited route).
 */
import { patrolOwnOnly } from '../../../core/field/need-to-know.ts';
import type { TemplateText } from '../../../core/field/templates.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { notFoundUnlessInScope, requireAnyPermission, requirePermission } from '../../lib/access.ts';
import { subtreePrefix } from '../../../core/region-code.ts';
import * as repo from './lists.repository.ts';
import { riskCurrent } from './visits.repository.ts';
import { subjectInScope } from './visits.service.ts';

interface Page { page: number; pageSize: number }

/** The prefix of the region asked (default the actor's scope). @throws NOT_FOUND outside the scope */
function prefixOf(actor: Actor, region: string | undefined): string {
  const code = region ?? actor.scopeCode;
  notFoundUnlessInScope(actor, code);
  return subtreePrefix(code);
}

/** Patrols in the region, newest first, with their grid's name and their findings' case codes. @throws FORBIDDEN, NOT_FOUND */
export async function listPatrols(ctx: AppContext, actor: Actor, q: Page & { region?: string; from?: Date; to?: Date }) {
  requireAnyPermission(actor, ['field:read', 'field:record']);
  const prefix = prefixOf(actor, q.region);
  const own = actor.kind !== 'user' || patrolOwnOnly.includes(actor.role) ? actor.id : null;
  const { items, total } = await repo.patrolsUnder(ctx.db, prefix, q, own, q.pageSize, (q.page - 1) * q.pageSize);
  // The staff page links each finding to its case by code (a reader without case:read finds the case refused there).
  const findings = await repo.findingsOf(ctx.db, prefix, items.map((p) => p.id));
  const findingsOf = (id: string) => findings.filter((f) => f.patrolId === id).map((f) => ({ id: f.id, caseCode: f.caseCode, templateItem: f.templateItem, recordedAt: f.recordedAt.toISOString() }));
  return { total, items: items.map((p) => ({ ...p, gridName: p.gridName ?? '', userName: p.userName ?? '', startedAt: p.startedAt.toISOString(), endedAt: p.endedAt?.toISOString() ?? null, findings: findingsOf(p.id) })) };
}

/** Visits in the region, or of one household or person in scope, newest first. @throws FORBIDDEN, NOT_FOUND */
export async function listVisits(ctx: AppContext, actor: Actor, q: Page & { region?: string; from?: Date; to?: Date; subjectType?: 'household' | 'person'; subjectId?: string }) {
  requirePermission(actor, 'field:read');
  const prefix = prefixOf(actor, q.region);
  const subject = q.subjectType && q.subjectId ? await subjectInScope(ctx.db, actor, q.subjectType, q.subjectId) : null;
  const { items, total } = await repo.visitsUnder(ctx.db, subject ? subject.gridCode.slice(0, 6) : prefix, q, subject ? { type: q.subjectType!, id: subject.id } : null, q.pageSize, (q.page - 1) * q.pageSize);
  return { total, items: items.map((v) => ({ ...v, templateName: (v.templateName as TemplateText | null) ?? null, createdByName: v.createdByName ?? '', visitedAt: v.visitedAt.toISOString() })) };
}

/** A household's current risk level and its assessments (levels and scores only). @throws FORBIDDEN, NOT_FOUND */
export async function householdAssessments(ctx: AppContext, actor: Actor, householdId: string) {
  requirePermission(actor, 'field:read');
  const h = await subjectInScope(ctx.db, actor, 'household', householdId);
  const [current, items] = await Promise.all([riskCurrent(ctx.db, h.countyCode, h.id), repo.assessmentsOf(ctx.db, h.countyCode, h.id)]);
  return {
    current: current ? { level: current.level, score: current.score, assessmentId: current.assessmentId, assessedAt: current.assessedAt.toISOString() } : null,
    items: items.map((x) => ({ ...x, createdByName: x.createdByName ?? '', assessedAt: x.assessedAt.toISOString() })),
  };
}
