/** Reading petitions: the register and workbench boxes, the card, the audited reveal of petitioners, attachments. */
import type { z } from 'zod';
import { AppError } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import type { PetitionListQuery } from '../../../core/schemas/petitions.schema.ts';
import { petitionBoxes } from '../../../core/schemas/petitions.schema.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { holds, requirePermission } from '../../lib/access.ts';
import * as clocks from '../../workflow/clocks.service.ts';
import * as audit from '../audit/audit.service.ts';
import * as catalog from '../catalog/catalog.service.ts';
import * as documents from '../documents/documents.service.ts';
import * as regions from '../regions/regions.service.ts';
import * as users from '../users/users.service.ts';
import { readStoredFile } from '../uploads/uploads.service.ts';
import { officeName } from './petition-bodies.ts';
import { findRepeats } from './petition-register.service.ts';
import * as repo from './petitions.repository.ts';
import { actionsFor, bodySql, canRead, mayMakeCase, visibleSql } from './petitions.policy.ts';
import { presentCard, presentDocument, presentListItem, presentPetitioner } from './petitions.presenter.ts';
import { disputeLinksOf } from '../mediation/dispute-intake.service.ts';

/** A petition the actor may read. @throws NOT_FOUND */
export async function petitionInView(ctx: AppContext, actor: Actor, code: string): Promise<repo.PetitionRow> {
  requirePermission(actor, 'petition:read');
  const p = await repo.findByCode(ctx.db, code);
  if (!p || !canRead(actor, p)) throw new AppError('NOT_FOUND');
  return p;
}

const startOfCstDay = (now: Date) => new Date(Date.parse(`${cstDate(now)}T00:00:00+08:00`));

function filterOf(actor: Actor, q: z.infer<typeof PetitionListQuery>, now: Date): repo.PetitionFilter {
  const day = startOfCstDay(now);
  const box: repo.PetitionFilter['box'] =
    q.box === 'new' ? { kind: 'new' } : q.box === 'toServe' ? { kind: 'toServe' } : q.box === 'overdue' ? { kind: 'overdue', now } : q.box === 'dueToday' ? { kind: 'due', from: now, to: new Date(day.getTime() + 86_400_000) } : q.box === 'inbox' ? { kind: 'inbox', body: bodySql(actor) } : undefined;
  return { visible: visibleSql(actor), status: q.status ? q.status.split(',') : undefined, kind: q.kind, channel: q.channel, region: q.region, from: q.from, to: q.to, q: q.q, box };
}

/** GET /api/petitions: a page of the register or a workbench box. */
export async function listPetitions(ctx: AppContext, actor: Actor, q: z.infer<typeof PetitionListQuery>) {
  requirePermission(actor, 'petition:read');
  const now = ctx.clock.now();
  const f = filterOf(actor, q, now);
  const [rows, total, cats] = await Promise.all([repo.list(ctx.db, f, q.pageSize, (q.page - 1) * q.pageSize, q.sort), repo.countOf(ctx.db, f), catalog.listCategories(ctx, false)]);
  const catNames = new Map(cats.map((c) => [c.id, c.name]));
  const villages = await regions.namesOf(ctx.db, [...new Set(rows.flatMap((r) => (r.p.villageCode ? [r.p.villageCode] : [])))]);
  const items = await Promise.all(rows.map(async ({ p, nextDueAt, nextWarnAt, windowDueAt }) => {
    const first = (await repo.petitionersOf(ctx.db, p))[0];
    return presentListItem(p, { categoryName: catNames.get(p.categoryId) ?? p.categoryId, villageName: p.villageCode ? (villages.get(p.villageCode) ?? null) : null, firstName: first?.nameMask ?? null, nextDueAt: nextDueAt ? new Date(nextDueAt) : null, nextWarnAt: nextWarnAt ? new Date(nextWarnAt) : null, windowDueAt: windowDueAt ? new Date(windowDueAt) : null, now, allowedActions: actionsFor(actor, p) });
  }));
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** GET /api/petitions/boxes: how many each workbench box holds. */
export async function boxCounts(ctx: AppContext, actor: Actor) {
  requirePermission(actor, 'petition:read');
  const now = ctx.clock.now();
  return Promise.all(petitionBoxes.map(async (box) => ({ box, count: await repo.countOf(ctx.db, filterOf(actor, { box, sort: 'newest', page: 1, pageSize: 1 }, now)) })));
}

async function namesOf(ctx: AppContext, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => !!i && i !== 'system' && i !== 'public' && /^[0-9a-f-]{36}$/.test(i)))];
  const found = await Promise.all(unique.map(async (id) => [id, (await users.findAccountById(ctx.db, id))?.displayName] as const));
  return new Map(found.filter((f): f is readonly [string, string] => !!f[1]));
}

/** GET /api/petitions/:code: the card with clocks, timeline, documents, repeats and allowed actions. @throws NOT_FOUND */
export async function getPetition(ctx: AppContext, actor: Actor, code: string) {
  const p = await petitionInView(ctx, actor, code);
  const now = ctx.clock.now();
  const key = { type: 'petition', id: p.id, countyCode: p.countyCode };
  const [people, events, clockRows, docs, attachments, caseIds, cats, office] = await Promise.all([
    repo.petitionersOf(ctx.db, p), repo.eventsOf(ctx.db, p), clocks.clocksOf(ctx.db, key, now), documents.listOf(ctx.db, p.countyCode, 'petition', p.id),
    repo.attachmentsOf(ctx.db, p), repo.caseIdsOf(ctx.db, p), catalog.listCategories(ctx, false), officeName(ctx.db, p.officeRegion),
  ]);
  const names = await namesOf(ctx, [...events.map((e) => e.actorId), p.extRequestedBy, p.extApprovedBy]);
  const villages = p.villageCode ? await regions.namesOf(ctx.db, [p.villageCode]) : new Map<string, string>();
  const repeats = await findRepeats(ctx.db, ctx, p.countyCode, { idNumbers: [], phones: [], matter: p.matter, villageCode: p.villageCode, concerns: p.concerns }, p.id, actor);
  const byPerson = (await repo.byPersonHashes(ctx.db, p.countyCode, people.flatMap((x) => (x.idNumberHash ? [x.idNumberHash] : [])), people.flatMap((x) => (x.phoneHash ? [x.phoneHash] : [])), p.id)).filter((r) => canRead(actor, r));
  const personRepeats = byPerson.map((r) => ({ code: r.code, status: r.status, match: 'person' as const, final: false, matter: r.matter.slice(0, 120), registeredAt: r.createdAt.toISOString() }));
  const caseCodes = await repo.caseCodes(ctx.db, p.countyCode, caseIds);
  const disputes = await disputeLinksOf(ctx, actor, p, 'petition');
  // Windows are the petitioner's time and the objection clock lapses quietly: neither makes a petition late.
  const running = clockRows.filter((c) => !c.paused && (c.state === 'open' || c.state === 'warned') && !c.kind.endsWith('window') && c.kind !== 'objection_by').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const nextDue = running[0] ? new Date(running[0].dueAt) : null;
  const nextWarn = running[0] && running[0].colour === 'yellow' ? now : null;
  const window = clockRows.find((c) => c.kind.endsWith('window') && (c.state === 'open' || c.state === 'warned'));
  const item = presentListItem(p, { categoryName: cats.find((c) => c.id === p.categoryId)?.name ?? p.categoryId, villageName: p.villageCode ? (villages.get(p.villageCode) ?? null) : null, firstName: people[0]?.nameMask ?? null, nextDueAt: nextDue, nextWarnAt: nextWarn, windowDueAt: window ? new Date(window.dueAt) : null, now, allowedActions: actionsFor(actor, p) });
  return presentCard(p, {
    item, petitioners: people.map((r) => presentPetitioner(r, ctx.crypto)), canReveal: holds(actor, 'pii:view'), clocks: clockRows, events, names,
    documents: docs.map(presentDocument), attachments, repeats: [...personRepeats.filter((r) => !repeats.some((x) => x.code === r.code)), ...repeats], caseCodes, canMakeCase: mayMakeCase(actor, p), officeName: office,
    ...disputes,
  });
}

/** POST /api/petitions/:code/petitioners/reveal: the petitioners in full, the reason in the audit row. @throws NOT_FOUND, FORBIDDEN */
export async function revealPetitioners(ctx: AppContext, actor: Actor, code: string, reason: string) {
  requirePermission(actor, 'pii:view');
  const p = await petitionInView(ctx, actor, code);
  const people = await repo.petitionersOf(ctx.db, p);
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'petition.revealPetitioners', objectType: 'petition', objectId: p.code, countyCode: p.countyCode, detail: { reason, count: people.length } }, actor.ip);
  return people.map((r) => presentPetitioner(r, ctx.crypto, true));
}

/** The bytes of one attachment of a petition. @throws NOT_FOUND */
export async function attachmentOf(ctx: AppContext, actor: Actor, code: string, id: string) {
  const p = await petitionInView(ctx, actor, code);
  const a = (await repo.attachmentsOf(ctx.db, p)).find((x) => x.id === id);
  if (!a) throw new AppError('NOT_FOUND');
  return { mime: a.mime, data: await readStoredFile(ctx, a.storageKey) };
}

/** Whether a county has any petition yet (the demo seeds once). */
export function hasPetitions(ctx: AppContext, countyCode: string): Promise<boolean> {
  return repo.anyInCounty(ctx.db, countyCode);
}
