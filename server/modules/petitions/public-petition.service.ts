/**
 * The petitioner's side (items 7–8): the online form (the 网上 channel), following progress by code with no
 * personal data, and rating the handling once a reply was served — proved by the key the tracking link carries.
 */
import { AppError } from '../../../core/errors.ts';
import type { PublicPetitionInput } from '../../../core/schemas/petitions.schema.ts';
import type { AppContext } from '../../lib/context.ts';
import { publicActor } from '../../lib/actor.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import * as audit from '../audit/audit.service.ts';
import type { Ticket } from '../idempotency/idempotency.service.ts';
import { reporterKeyMatches } from '../cases/reporter-key.ts';
import { registerPetition } from './petition-register.service.ts';
import { countRating } from './petition-stats.service.ts';
import * as repo from './petitions.repository.ts';
import { presentTracking } from './petitions.presenter.ts';

/** POST /api/public/petitions: the online form registers a petition of the 网上 channel. */
export function submitOnline(ctx: AppContext, ip: string, b: PublicPetitionInput, ticket?: Ticket) {
  return registerPetition(ctx, publicActor(ip), {
    channel: 'online', kind: b.kind, categoryId: b.categoryId, matter: b.matter, lat: b.lat, lng: b.lng, villageCode: b.villageCode, address: b.address,
    skippedLevel: false, uploadIds: b.uploadIds, petitioners: [{ name: b.name, idNumber: b.idNumber, phone: b.phone, representative: false }],
  }, ticket);
}

/** Rated only after a written reply (答复意见书 or later) was served, and once. */
const canRate = (p: repo.PetitionRow) => p.rating === null && p.repliedAt !== null && p.unservedDocumentId === null && p.servedAt !== null || (p.rating === null && p.repliedAt !== null && p.status === 'closed');

/** GET /api/public/petitions/:code (a wrong code answers NOT_FOUND; a wrong key only hides rating). */
export async function trackPetition(ctx: AppContext, code: string, key: string | undefined) {
  const p = await repo.findByCode(ctx.db, code);
  if (!p) throw new AppError('NOT_FOUND');
  const isPetitioner = reporterKeyMatches(p.petitionerKeyHash, key);
  const [events, clockRows] = await Promise.all([repo.eventsOf(ctx.db, p), clocks.clocksOf(ctx.db, { type: 'petition', id: p.id, countyCode: p.countyCode }, ctx.clock.now())]);
  return presentTracking(p, { events, clocks: clockRows, isPetitioner, canRate: isPetitioner && canRate(p) });
}

/** POST /api/public/petitions/:code/rating: 满意/基本满意/不满意, once. A wrong key answers like an unknown code. @throws NOT_FOUND, INVALID_TRANSITION */
export async function ratePetition(ctx: AppContext, ip: string, code: string, input: { rating: 'satisfied' | 'basically' | 'unsatisfied'; comment?: string; key: string }) {
  await ctx.db.transaction(async (tx) => {
    const p = await repo.lockByCode(tx, code);
    if (!p || !reporterKeyMatches(p.petitionerKeyHash, input.key)) throw new AppError('NOT_FOUND');
    if (!canRate(p)) throw new AppError('INVALID_TRANSITION');
    const now = ctx.clock.now();
    await repo.updatePetition(tx, p, { rating: input.rating, ratedAt: now, updatedAt: now });
    await countRating(tx, p, input.rating, now);
    await repo.insertEvent(tx, { countyCode: p.countyCode, petitionId: p.id, type: 'rate', actorId: 'public', actorName: null, actorRole: 'petitioner', fromStatus: p.status, toStatus: p.status, reason: input.comment ?? null, data: { rating: input.rating }, isPublic: true, at: now });
    await audit.record(tx, ctx, null, { action: 'petition.rate', objectType: 'petition', objectId: p.code, countyCode: p.countyCode, detail: { rating: input.rating } }, ip);
  });
  return trackPetition(ctx, code, input.key);
}
