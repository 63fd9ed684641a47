/**
 * A petition becomes a case, and a case is sent to petitions (issue 14, item 7). Each is one transaction: the new
 * record is made through its own module's service (the cases' intake, the petitions' register), both are linked
 * (petition_case_links), each timeline gets a step naming the other and each side is audited.
 */
import { AppError } from '../../../core/errors.ts';
import { normaliseMobile } from '../../../core/contact.ts';
import { caseChannelOf, caseDescriptionOf, petitionChannelOf } from '../../../core/petitions/case-links.ts';
import type { PetitionCaseMade } from '../../../core/schemas/petitions.response.ts';
import type { CaseToPetitionInput, PetitionRegisterInput, PetitionToCaseInput } from '../../../core/schemas/petitions.schema.ts';
import type { PetitionChannel } from '../../../core/workflow/petition-workflow.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { requirePermission } from '../../lib/access.ts';
import * as audit from '../audit/audit.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import { prepareOnBehalf, writeReportIn } from '../cases/case-intake.service.ts';
import { caseForLink, recordPetitionLink } from '../cases/case-petition-links.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { registerPetition, type Registered } from './petition-register.service.ts';
import * as repo from './petitions.repository.ts';
import { canRead, isBody, isOffice, mayMakeCase } from './petitions.policy.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** The answer of POST /api/petitions/:code/cases. */
export type CaseMade = PetitionCaseMade;

/**
 * POST /api/petitions/:code/cases: makes a case of the petition's matter, category, place and channel; the case's
 * reporter is the petitioner only when there is exactly one and the user asked for it. Accusations (检举控告) go to
 * the discipline bodies and never become cases. @throws NOT_FOUND, FORBIDDEN, INVALID_TRANSITION, VALIDATION_FAILED
 */
export async function petitionToCase(ctx: AppContext, actor: Actor, code: string, input: PetitionToCaseInput, ticket?: Ticket): Promise<CaseMade> {
  requirePermission(actor, 'petition:act');
  const p = await repo.findByCode(ctx.db, code);
  if (!p || !canRead(actor, p)) throw new AppError('NOT_FOUND');
  if (!isOffice(actor, p) && !isBody(actor, p)) throw new AppError('FORBIDDEN');
  if (!mayMakeCase(actor, p)) throw new AppError('INVALID_TRANSITION');
  const villageCode = p.villageCode ?? input.villageCode;
  // Petitions and cases share one catalog, but a case needs an active leaf category that applies at its place.
  const categoryId = input.categoryId ?? p.categoryId;
  const category = await catalog.findCategory(ctx, ctx.db, categoryId);
  if (!category || !category.active || !category.parentId || (villageCode && !catalog.categoryAppliesAt(category, villageCode))) {
    throw input.categoryId ? bad('body.categoryId', 'unknown_category', input.categoryId) : bad('body.categoryId', 'category_required', '该信访件的分类不能用于案件，请选择案件分类');
  }
  if (!villageCode) throw bad('body.villageCode', 'location_required', '该信访件没有发生地，请选择村(社区)');
  const reporter = input.petitionerAsReporter ? await onlyPetitioner(ctx, p) : {};
  const prepared = await prepareOnBehalf(ctx, actor, {
    channel: caseChannelOf(p.channel as PetitionChannel), categoryId, description: caseDescriptionOf(p.matter),
    ...(p.lat !== null && p.lng !== null ? { lat: p.lat, lng: p.lng } : { villageCode }), address: p.address ?? undefined, ...reporter, uploadIds: [],
  });
  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockByCode(tx, code);
    if (!locked || !mayMakeCase(actor, locked)) throw new AppError('NOT_FOUND');
    const made = await writeReportIn(tx, ctx, prepared);
    const now = ctx.clock.now();
    await repo.linkCase(tx, { countyCode: p.countyCode, petitionId: p.id, caseId: made.id, createdBy: actor.id, createdAt: now });
    await repo.insertEvent(tx, { countyCode: p.countyCode, petitionId: p.id, type: 'linkCase', actorId: actor.id, actorName: actor.name, actorRole: actor.role, fromStatus: locked.status, toStatus: locked.status, reason: input.note ?? null, data: { caseCode: made.code, made: true }, isPublic: false, at: now });
    await recordPetitionLink(tx, ctx, actor, { ...made, status: 'submitted' }, 'fromPetition', p.code, now);
    await audit.record(tx, ctx, actor, { action: 'petition.createCase', objectType: 'petition', objectId: p.code, countyCode: p.countyCode, detail: { caseCode: made.code, petitionerAsReporter: input.petitionerAsReporter } }, actor.ip);
    const answer: CaseMade = { caseCode: made.code, caseCodes: await repo.caseCodes(tx, p.countyCode, await repo.caseIdsOf(tx, p)) };
    if (ticket) await completeKey(tx, ticket, 201, answer);
    return answer;
  });
}

/** The one petitioner as the case's reporter, decrypted here and encrypted again by the intake (never sent out). */
async function onlyPetitioner(ctx: AppContext, p: repo.PetitionRow): Promise<{ reporterName?: string; reporterPhone?: string }> {
  const people = await repo.petitionersOf(ctx.db, p);
  if (people.length !== 1) throw bad('body.petitionerAsReporter', 'not_one_petitioner', '只有一位信访人的信访件才能以信访人为反映人');
  const one = people[0]!;
  const phone = one.phoneEnc ? ctx.crypto.decrypt(one.phoneEnc) : null;
  // A case's reporter phone is a mobile (it gets the SMS); a landline stays on the petition only.
  return { reporterName: ctx.crypto.decrypt(one.nameEnc), ...(phone && normaliseMobile(phone) ? { reporterPhone: phone } : {}) };
}

/**
 * POST /api/cases/:code/petition: registers a petition of the case (转信访) through the register, so repeat
 * detection, clocks, counts and the audit happen as for any registration; the petitioner is the case's reporter
 * (decrypted and encrypted again here, never sent out), or 匿名 when the case has none. The case stays open.
 * @throws NOT_FOUND, FORBIDDEN, VALIDATION_FAILED
 */
export async function caseToPetition(ctx: AppContext, actor: Actor, caseCode: string, input: CaseToPetitionInput, ticket?: Ticket): Promise<Registered & { caseCode: string }> {
  requirePermission(actor, 'petition:register');
  const c = await caseForLink(ctx, actor, caseCode);
  const name = c.reporterNameEnc ? ctx.crypto.decrypt(c.reporterNameEnc) : null;
  const phone = c.reporterPhoneEnc ? ctx.crypto.decrypt(c.reporterPhoneEnc) : null;
  const petitioner = { name: name ?? '匿名', ...(phone ? { phone } : {}), representative: false };
  const channel = petitionChannelOf(c.channel);
  const common = {
    kind: input.kind, categoryId: input.categoryId ?? c.categoryId, matter: c.description, concerns: input.concerns,
    ...(c.lat !== null && c.lng !== null ? { lat: c.lat, lng: c.lng } : { villageCode: c.villageCode }), address: c.address ?? undefined,
    skippedLevel: false, uploadIds: [], petitioners: [petitioner],
  };
  const reg: PetitionRegisterInput = channel === 'visit' ? { channel, peopleCount: 1, ...common } : { channel, ...common };
  const registered = await registerPetition(ctx, actor, reg, ticket, async (tx, row) => {
    const now = row.createdAt;
    await repo.linkCase(tx, { countyCode: row.countyCode, petitionId: row.id, caseId: c.id, createdBy: actor.id, createdAt: now });
    await repo.insertEvent(tx, { countyCode: row.countyCode, petitionId: row.id, type: 'linkCase', actorId: actor.id, actorName: actor.name, actorRole: actor.role, fromStatus: row.status, toStatus: row.status, reason: input.note ?? null, data: { caseCode: c.code, from: true }, isPublic: false, at: now });
    await recordPetitionLink(tx, ctx, actor, c, 'toPetition', row.code, now);
  });
  return { ...registered, caseCode: c.code };
}
