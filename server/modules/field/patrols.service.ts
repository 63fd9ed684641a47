/**
 * Patrols (一日一巡) from the field app: start, end, the track sent in chunks (encrypted), and the audited read of
 * a track. Each write is one transaction that also bumps the day's rollup and completes the Idempotency-Key, so a
 * retried request replays and a record id already taken is refused, never stored twice.
 */
import { AppError } from '../../../core/errors.ts';
import { cstDate } from '../../../core/calendar.ts';
import { gapM, summarise, type TrackPoint } from '../../../core/field/track.ts';
import type { PatrolEndInput, PatrolStartInput, TrackChunkInput } from '../../../core/schemas/field.schema.ts';
import type { TrackChunkAnswer } from '../../../core/schemas/field.response.ts';
import type { Actor } from '../../lib/actor.ts';
import type { AppContext } from '../../lib/context.ts';
import { holds, inActorScope, requireAnyPermission, requirePermission, scopePrefix } from '../../lib/access.ts';
import { patrolOwnOnly } from '../../../core/field/need-to-know.ts';
import type { Answers } from '../../../core/field/templates.ts';
import { templateFor } from './templates.service.ts';
import { checkedAnswers } from './visits.service.ts';
import * as audit from '../audit/audit.service.ts';
import { completeKey, type Ticket } from '../idempotency/idempotency.service.ts';
import { deviceTime, idTaken, recorderId } from './field-records.ts';
import { patrolAnswer, type PatrolView } from './field.presenter.ts';
import type { Executor } from '../../db/client.ts';
import * as repo from './patrols.repository.ts';
import * as scope from './scope.repository.ts';

const bad = (path: string, code: string, message: string) => new AppError('VALIDATION_FAILED', [{ path, code, message }]);

/** The day and grid a patrol counts under in the rollup (China day of its start). */
export const statKeyOf = (p: repo.PatrolRow): repo.PatrolStatKey => ({ countyCode: p.countyCode, gridCode: p.gridCode, userId: p.userId, day: cstDate(p.startedAt) });

/** Starts a patrol in a grid of the actor's scope. @throws VALIDATION_FAILED (grid, time), CONFLICT (id taken) */
export async function startPatrol(ctx: AppContext, actor: Actor, input: PatrolStartInput, ticket?: Ticket): Promise<PatrolView> {
  requirePermission(actor, 'field:record');
  const userId = recorderId(actor);
  const startedAt = deviceTime(ctx, input.startedAt, 'body.startedAt');
  // A grid outside the scope reads like one that does not exist.
  if (!inActorScope(actor, input.gridCode) || !(await repo.gridExists(ctx.db, input.gridCode))) throw bad('body.gridCode', 'unknown_grid', '没有这个网格');
  const countyCode = input.gridCode.slice(0, 6);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row: repo.PatrolRow = {
      countyCode, id: input.id, userId, gridCode: input.gridCode, villageCode: input.gridCode.slice(0, 12), startedAt, endedAt: null, endRecordId: null, status: 'open',
      chunkCount: 0, pointCount: 0, distanceM: 0, findingCount: 0, receivedAt: now, checklistTemplateId: null, checklistEnc: null,
    };
    if (!(await repo.insertPatrol(tx, row))) {
      // The id is taken: the same start sent again without its key (or after the key was forgotten) answers as
      // the first did; any other record is a conflict.
      const existing = await repo.patrolById(tx, countyCode, input.id);
      if (!existing || existing.userId !== userId || existing.gridCode !== input.gridCode || existing.startedAt.getTime() !== startedAt.getTime()) throw idTaken();
      const answer = patrolAnswer(existing);
      if (ticket) await completeKey(tx, ticket, 201, answer);
      return answer;
    }
    await repo.bumpStats(tx, statKeyOf(row), { patrols: 1 });
    await audit.record(tx, ctx, actor, { action: 'patrol.start', objectType: 'patrol', objectId: row.id, countyCode, detail: { grid: row.gridCode, startedAt: input.startedAt } }, actor.ip);
    const answer = patrolAnswer(row);
    if (ticket) await completeKey(tx, ticket, 201, answer);
    return answer;
  });
}

/** The actor's own patrol, locked: another's, or one outside the scope, reads as missing. @throws NOT_FOUND */
async function ownPatrol(tx: Executor, actor: Actor, patrolId: string): Promise<repo.PatrolRow> {
  const found = await scope.patrolUnder(tx, patrolId, scopePrefix(actor));
  const p = found && found.userId === actor.id ? await repo.patrolById(tx, found.countyCode, found.id, true) : undefined;
  if (!p) throw new AppError('NOT_FOUND');
  return p;
}

/** Ends a patrol; ending an ended patrol again changes nothing and answers its state. @throws NOT_FOUND, VALIDATION_FAILED */
export async function endPatrol(ctx: AppContext, actor: Actor, patrolId: string, input: PatrolEndInput, ticket?: Ticket): Promise<PatrolView> {
  requirePermission(actor, 'field:record');
  recorderId(actor);
  const endedAt = deviceTime(ctx, input.endedAt, 'body.endedAt');
  const checklist = await checklistOf(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const p = await ownPatrol(tx, actor, patrolId);
    if (p.status === 'open') {
      if (endedAt < p.startedAt) throw bad('body.endedAt', 'before_start', '结束时间早于开始时间');
      await repo.endPatrol(tx, p, endedAt, input.id, checklist);
      const minutes = Math.round((endedAt.getTime() - p.startedAt.getTime()) / 60_000);
      await repo.bumpStats(tx, statKeyOf(p), { ended: 1, minutes });
      await audit.record(tx, ctx, actor, { action: 'patrol.end', objectType: 'patrol', objectId: p.id, countyCode: p.countyCode, detail: { endedAt: input.endedAt, minutes, distanceM: p.distanceM, points: p.pointCount } }, actor.ip);
      Object.assign(p, { status: 'ended', endedAt, endRecordId: input.id });
    }
    const answer = patrolAnswer(p);
    if (ticket) await completeKey(tx, ticket, 200, answer);
    return answer;
  });
}

/**
 * The end record's checklist, checked against its patrol template and encrypted (what was seen where is kept like
 * a visit's sensitive answers). Items the worker did not reach may be left out: a patrol ends whatever was checked.
 * @throws VALIDATION_FAILED (template missing or not a patrol checklist, an answer it does not have)
 */
async function checklistOf(ctx: AppContext, input: PatrolEndInput): Promise<Pick<repo.PatrolRow, 'checklistTemplateId' | 'checklistEnc'>> {
  if (!input.templateId) {
    if (input.answers && Object.keys(input.answers).length) throw bad('body.templateId', 'required', '请注明巡查清单');
    return { checklistTemplateId: null, checklistEnc: null };
  }
  const template = await templateFor(ctx.db, input.templateId, 'patrol');
  const answers = checkedAnswers(template, input.answers ?? {}, true);
  return { checklistTemplateId: template.id, checklistEnc: ctx.crypto.encrypt(JSON.stringify(answers)) };
}

/**
 * One patrol with its checklist decrypted, for its worker or a reader in scope (the roles that see only their own
 * patrols see only theirs; another's reads as missing). The checklist is about places, not persons: not audited.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function readPatrol(ctx: AppContext, actor: Actor, patrolId: string): Promise<PatrolView & { checklist: { templateId: string; templateCode: string; answers: Answers } | null }> {
  requireAnyPermission(actor, ['field:read', 'field:record']);
  const found = await scope.patrolUnder(ctx.db, patrolId, scopePrefix(actor));
  const ownOnly = actor.kind !== 'user' || patrolOwnOnly.includes(actor.role);
  const p = found && (!ownOnly || found.userId === actor.id) ? await repo.patrolById(ctx.db, found.countyCode, found.id) : undefined;
  if (!p) throw new AppError('NOT_FOUND');
  const template = p.checklistTemplateId ? await templateFor(ctx.db, p.checklistTemplateId, 'patrol') : null;
  const checklist = template && p.checklistEnc ? { templateId: template.id, templateCode: template.code, answers: JSON.parse(ctx.crypto.decrypt(p.checklistEnc)) as Answers } : null;
  return { ...patrolAnswer(p), checklist };
}

/** What a stored chunk answers. */
export type ChunkView = TrackChunkAnswer;

/**
 * Stores one chunk of a patrol's track, the points encrypted; counts and distance go to the patrol and the day's
 * rollup. A chunk may arrive after the end (sent later from the outbox). @throws NOT_FOUND, CONFLICT (id or seq taken)
 */
export async function addTrackChunk(ctx: AppContext, actor: Actor, patrolId: string, input: TrackChunkInput, ticket?: Ticket): Promise<ChunkView> {
  requirePermission(actor, 'field:record');
  recorderId(actor);
  const points = input.points as TrackPoint[];
  const figures = summarise(points);
  const pointsEnc = ctx.crypto.encrypt(JSON.stringify(points));
  return ctx.db.transaction(async (tx) => {
    const p = await ownPatrol(tx, actor, patrolId);
    const now = ctx.clock.now();
    const row: repo.ChunkRow = {
      countyCode: p.countyCode, id: input.id, patrolId: p.id, seq: input.seq, pointsEnc, pointCount: figures.pointCount, firstAt: new Date(figures.firstAt), lastAt: new Date(figures.lastAt),
      distanceM: figures.distanceM, createdBy: actor.id, receivedAt: now,
    };
    const answer: ChunkView = { id: input.id, seq: input.seq, pointCount: figures.pointCount, distanceM: figures.distanceM };
    if (!(await repo.insertChunk(tx, row))) {
      // Same id, same patrol and seq by the same worker: the chunk arrived before; anything else is a conflict.
      const existing = await repo.chunkById(tx, p.countyCode, input.id);
      if (!existing || existing.patrolId !== p.id || existing.seq !== input.seq || existing.createdBy !== actor.id) {
        throw existing ? idTaken() : new AppError('CONFLICT', [{ path: 'body.seq', code: 'seq_taken', message: `第 ${input.seq} 段轨迹已由另一条记录上传` }]);
      }
      const stored = { id: existing.id, seq: existing.seq, pointCount: existing.pointCount, distanceM: existing.distanceM };
      if (ticket) await completeKey(tx, ticket, 201, stored);
      return stored;
    }
    // The patrol's distance also counts the legs joining this chunk to its neighbours already stored (whichever of
    // two chunks arrives second adds their gap, so each gap is counted once; the patrol row lock orders them).
    const distanceM = figures.distanceM + (await gapsAround(ctx, tx, p, input.seq, points));
    await repo.addToPatrol(tx, p, { chunks: 1, points: figures.pointCount, distanceM });
    await repo.bumpStats(tx, statKeyOf(p), { distanceM });
    if (ticket) await completeKey(tx, ticket, 201, answer);
    return answer;
  });
}

/** Metres between a new chunk and the stored chunks just before and after it in sequence (decrypted here only). */
async function gapsAround(ctx: AppContext, tx: Executor, p: repo.PatrolRow, seq: number, points: TrackPoint[]): Promise<number> {
  const near = await repo.chunksWithSeq(tx, p, [seq - 1, seq + 1]);
  const pointsOf = (c: repo.ChunkRow) => JSON.parse(ctx.crypto.decrypt(c.pointsEnc)) as TrackPoint[];
  return near.reduce((m, c) => m + (c.seq < seq ? gapM(pointsOf(c), points) : gapM(points, pointsOf(c))), 0);
}

/**
 * A patrol's whole track, decrypted, for its own worker or a holder of field:track in scope; every read is
 * audited (a worker's movements are personal data). @throws NOT_FOUND
 */
export async function readTrack(ctx: AppContext, actor: Actor, patrolId: string) {
  const p = await scope.patrolUnder(ctx.db, patrolId, scopePrefix(actor));
  if (!p || !(p.userId === actor.id || holds(actor, 'field:track'))) throw new AppError('NOT_FOUND');
  const chunks = await repo.chunksOf(ctx.db, p);
  const points = chunks.flatMap((c) => JSON.parse(ctx.crypto.decrypt(c.pointsEnc)) as TrackPoint[]).sort((a, b) => a[0] - b[0]);
  await audit.recordAlone(ctx.db, ctx, actor, { action: 'patrol.readTrack', objectType: 'patrol', objectId: p.id, countyCode: p.countyCode, detail: { own: p.userId === actor.id, points: points.length } }, actor.ip);
  return { patrol: patrolAnswer(p), chunks: chunks.map((c) => ({ seq: c.seq, pointCount: c.pointCount, distanceM: c.distanceM })), points };
}

