/** Links between petitions and cases (item 7): either may come first; both stay in one county. */
import { AppError } from '../../../core/errors.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import * as audit from '../audit/audit.service.ts';
import { canRead as canReadCase, caseViewOf } from '../cases/case-visibility.ts';
import * as repo from './petitions.repository.ts';
import { requirePermission } from '../../lib/access.ts';
import { canRead } from './petitions.policy.ts';

/** POST /api/petitions/:code/case-links: links a case the actor can read to a petition they act on. @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED */
export async function linkCase(ctx: AppContext, actor: Actor, code: string, input: { caseCode: string; note?: string }) {
  requirePermission(actor, 'petition:act');
  return ctx.db.transaction(async (tx) => {
    const p = await repo.lockByCode(tx, code);
    if (!p || !canRead(actor, p)) throw new AppError('NOT_FOUND');
    const c = await repo.caseByCode(tx, p.countyCode, input.caseCode);
    if (!c || c.countyCode !== p.countyCode || !canReadCase(await caseViewOf(ctx, actor, tx), c)) throw new AppError('VALIDATION_FAILED', [{ path: 'body.caseCode', code: 'unknown_case', message: input.caseCode }]);
    const now = ctx.clock.now();
    await repo.linkCase(tx, { countyCode: p.countyCode, petitionId: p.id, caseId: c.id, createdBy: actor.id, createdAt: now });
    await repo.insertEvent(tx, { countyCode: p.countyCode, petitionId: p.id, type: 'linkCase', actorId: actor.id, actorName: actor.name, actorRole: actor.role, fromStatus: p.status, toStatus: p.status, reason: input.note ?? null, data: { caseCode: c.code }, isPublic: false, at: now });
    await audit.record(tx, ctx, actor, { action: 'petition.linkCase', objectType: 'petition', objectId: p.code, countyCode: p.countyCode, detail: { caseCode: c.code } }, actor.ip);
    const ids = await repo.caseIdsOf(tx, p);
    return { caseCodes: await repo.caseCodes(tx, p.countyCode, ids) };
  });
}

/** The petitions linked to a case, for its card: codes of those the reader may read, the others only counted. */
export async function petitionLinksOfCase(ctx: AppContext, actor: Actor, c: { countyCode: string; id: string }): Promise<{ petitionCodes: string[]; petitionsHidden: number }> {
  const rows = await repo.petitionsOfCase(ctx.db, c.countyCode, c.id);
  const seen = rows.filter((p) => canRead(actor, p));
  return { petitionCodes: seen.map((p) => p.code), petitionsHidden: rows.length - seen.length };
}
